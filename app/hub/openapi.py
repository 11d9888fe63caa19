"""The hub's OpenAPI description, as committed in ``docs/hub-openapi.json``:
``python -m app.hub.openapi > docs/hub-openapi.json``."""

from __future__ import annotations

import json

from .api import create_app


def description() -> dict:
    return create_app(None).openapi()


if __name__ == "__main__":
    print(json.dumps(description(), ensure_ascii=False, indent=1))
