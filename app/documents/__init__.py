"""reportlab builders of every printed form over shared bilingual layout helpers (no Qt)."""
