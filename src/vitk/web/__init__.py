"""Local-first web app: profile, diary, dashboard, report, simulator and data export.

``create_app(db_url=None, multi_user=False)`` builds the FastAPI application; every
HTML page has a JSON twin under ``/api`` (OpenAPI at ``/api/openapi.json``). Routes
only call library functions (:mod:`vitk.intake`, :mod:`vitk.advisor`,
:mod:`vitk.pharmacology`, :mod:`vitk.storage.repository`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app"]

if TYPE_CHECKING:
    from vitk.web.app import create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from vitk.web.app import create_app

        return create_app
    raise AttributeError(f"module 'vitk.web' has no attribute {name!r}")
