"""Rendering the HTML pages: the navigation and the context every template gets."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from vitk.web.dependencies import expected_csrf, optional_user, state_of

__all__ = ["NAV", "render", "render_error"]

#: The navigation bar: (path, label). A new page adds its entry here.
NAV: tuple[tuple[str, str], ...] = (
    ("/profile", "Profile"),
    ("/diary", "Diary"),
    ("/foods", "Foods"),
    ("/dashboard", "Dashboard"),
    ("/report", "Report"),
    ("/plan", "Plan"),
    ("/simulator", "Simulator"),
    ("/check", "Check"),
    ("/data", "My data"),
)


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """Render a template with the shared context (user, CSRF token, navigation).

    The templates come from the app that received the request
    (``request.app.state.templates``).
    """
    st = state_of(request)
    user = ctx.pop("user", None)
    if user is None:
        try:
            user = optional_user(request)
        except Exception:
            user = None
    resp: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        name,
        {
            "nav": NAV,
            "user": user,
            "multi_user": st.multi_user,
            "csrf": expected_csrf(request),
            "path": request.url.path,
            **ctx,
        },
        status_code=status,
    )
    return resp


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML error page (status, one-line message)."""
    return render(
        request, "error.html", status=status, status_code=status, message=message, title="Error"
    )
