"""The hub: the shared server of a region, an HTTP service over the same
``app/services`` that workstations and expert laptops sync with.  No Qt here."""
