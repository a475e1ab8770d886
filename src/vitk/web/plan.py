"""The Plan page (``/plan``) and its JSON twin (``/api/plan``): :func:`vitk.plan` for the
stored profile and diary.

Goal settings come as query parameters (``?k2=120&supplement=none&days=7``), keys as for
``vitk plan --goal``; a bad one is a 422 with the library's one-line message, and the page
keeps the form as typed. ``effect=false`` skips the pharmacology models. Every sentence
on the page comes from the library's renderer (:func:`vitk.planner.report.html_body`).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from vitk.errors import VitkError
from vitk.web.dependencies import Ctx, user_ctx_dep
from vitk.web.errors import HTTPProblem, error_lines
from vitk.web.templating import render

__all__ = ["FORM_KEYS", "GoalQuery", "api_router", "page_router", "plan_for"]

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
#: Query parameters read as goal settings, in form order.
FORM_KEYS = ("days", "k2", "k2_basis", "supplement", "max_servings", "max_days", "band", "target")
#: Longest query value accepted. [characters]
MAX_VALUE_CHARS = 40
#: Plans kept per process, by user, profile, diary rows and goal (a repeated view is free).
CACHE_SIZE = 32
_cache: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()

Value = Annotated[str | None, Query(max_length=MAX_VALUE_CHARS)]


@dataclass(frozen=True)
class GoalQuery:
    """The goal settings of a request (``vitk plan --goal KEY=VALUE``; empty: the default)."""

    days: str | None = None
    k2: str | None = None
    k2_basis: str | None = None
    supplement: str | None = None
    max_servings: str | None = None
    max_days: str | None = None
    band: str | None = None
    target: str | None = None
    effect: bool = True

    def goal(self) -> dict[str, str]:
        out = {}
        for key in FORM_KEYS:
            value = getattr(self, key)
            if value is not None and value.strip():
                out[key] = value.strip()
        return out


def goal_query(
    days: Value = None,
    k2: Value = None,
    k2_basis: Value = None,
    supplement: Value = None,
    max_servings: Value = None,
    max_days: Value = None,
    band: Value = None,
    target: Value = None,
    effect: Annotated[bool, Query(description="Run the pharmacology models")] = True,
) -> GoalQuery:
    """Goal settings as query parameters (see docs/planner.md for each key)."""
    return GoalQuery(days, k2, k2_basis, supplement, max_servings, max_days, band, target, effect)


GoalDep = Annotated[GoalQuery, Depends(goal_query)]


def plan_for(ctx: Ctx, query: GoalQuery) -> Any:
    """The plan for the user's stored profile and diary (None without a profile)."""
    from vitk.planner import plan

    st = ctx.state
    profile = st.repo.get_profile(ctx.user.user_id)
    if profile is None:
        return None
    entries = st.repo.list_entries(ctx.user.user_id)
    rows = [
        {"date": e.date.isoformat(), "kind": e.kind, "item": e.item, "amount": e.amount}
        for e in entries
    ]
    goal = query.goal()
    key = json.dumps(
        [ctx.user.user_id, profile, rows, goal, query.effect, st.db_url],
        sort_keys=True,
        default=str,
    )
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    result = plan(profile, rows or None, goal or None, catalogue=st.catalogue, effect=query.effect)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


@page_router.get("/plan")
def plan_page(request: Request, ctx: CtxDep, query: GoalDep) -> HTMLResponse:
    from vitk.planner.report import html_body

    form = query.goal()
    common: dict[str, Any] = {"user": ctx.user, "title": "Plan", "form": form, "keys": FORM_KEYS}
    common["query"] = request.url.query
    try:
        result = plan_for(ctx, query)
    except VitkError as exc:
        line, _ = error_lines(exc)
        return render(request, "plan.html", status=422, body=None, error=line, **common)
    if result is None:
        return render(request, "plan.html", body=None, error=None, **common)
    body = Markup(html_body(result))
    return render(request, "plan.html", body=body, error=None, status_word=result.status, **common)


@api_router.get("/plan", summary="A week's meal plan for the stored profile and diary (JSON)")
def api_plan(ctx: CtxDep, query: GoalDep) -> dict[str, Any]:
    result = plan_for(ctx, query)
    if result is None:
        raise HTTPProblem(409, "No profile yet; PUT /api/profile first.")
    out: dict[str, Any] = {"ok": True, **result.to_dict()}
    return out
