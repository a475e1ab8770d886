"""Pages for finding one's way: the welcome with an example to explore, and the foods.

``/welcome`` says what vitk is and offers to load the example profile and diary
(:mod:`vitk.examples`); a first visit (no profile, no diary) sees the same welcome above
the profile form. ``/foods`` searches the food table and ``/foods/{food_id}`` shows every
form of one food with its source and full citations (:func:`vitk.foods.detail.food_detail`,
as ``vitk foods show`` does). JSON twins: ``/api/welcome``, ``POST /api/example``,
``/api/foods/search`` and ``/api/foods/{food_id}/detail``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from vitk.foods.catalogue import MAX_QUERY_CHARS
from vitk.web import views
from vitk.web.dependencies import Ctx, require_csrf, user_ctx_dep
from vitk.web.errors import HTTPProblem
from vitk.web.templating import render

__all__ = ["api_router", "page_router"]

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
Csrf = Depends(require_csrf)


def has_data(ctx: Ctx) -> bool:
    """True once the user has a profile or any diary row."""
    repo, uid = ctx.state.repo, ctx.user.user_id
    return repo.get_profile(uid) is not None or repo.count_entries(uid) > 0


def load_example(ctx: Ctx) -> int:
    """Store the example profile and diary for a user with no data; returns rows added.

    Refuses (409) when the user already has a profile or diary rows: the example never
    mixes with, or replaces, what someone has stored.
    """
    from vitk.examples import example_diary_rows, example_profile

    if has_data(ctx):
        raise HTTPProblem(
            409,
            "You already have a profile or diary rows; the example loads only into an empty "
            "account (delete your data on My data first).",
        )
    rows = example_diary_rows()
    views.check_rows(ctx.state.catalogue, rows)
    ctx.state.repo.save_profile(ctx.user.user_id, example_profile())
    added = ctx.state.repo.add_entries(
        ctx.user.user_id, [(r["date"], r["kind"], r["item"], r["amount"]) for r in rows]
    )
    return len(added)


# -- welcome --------------------------------------------------------------------------------
@page_router.get("/welcome")
def welcome_page(request: Request, ctx: CtxDep) -> HTMLResponse:
    return render(request, "welcome.html", user=ctx.user, title="Welcome", has_data=has_data(ctx))


@page_router.post("/welcome/example", dependencies=[Csrf])
def welcome_example(ctx: CtxDep) -> Response:
    load_example(ctx)
    return RedirectResponse("/dashboard", status_code=303)


@api_router.get("/welcome", summary="What vitk is, and whether the example can be loaded")
def api_welcome(ctx: CtxDep) -> dict[str, Any]:
    return {
        "ok": True,
        "has_data": has_data(ctx),
        "example_available": not has_data(ctx),
        "load_example": "POST /api/example",
    }


@api_router.post(
    "/example",
    dependencies=[Csrf],
    status_code=201,
    summary="Load the example profile and diary (empty accounts only)",
)
def api_example(ctx: CtxDep) -> JSONResponse:
    n = load_example(ctx)
    profile = ctx.state.repo.get_profile(ctx.user.user_id)
    return JSONResponse({"ok": True, "added": n, "profile": profile}, status_code=201)


# -- foods ----------------------------------------------------------------------------------
@page_router.get("/foods")
def foods_page(
    request: Request, ctx: CtxDep, q: Annotated[str, Query(max_length=100)] = ""
) -> HTMLResponse:
    hits = views.search_foods(ctx.state.catalogue, q, 20) if q else []
    return render(request, "foods.html", user=ctx.user, title="Foods", q=q, hits=hits)


def _detail(ctx: Ctx, food_id: str) -> tuple[dict[str, Any], str | None]:
    from vitk.errors import UnknownFoodError
    from vitk.foods.detail import food_by_id_or_name, food_detail

    if len(food_id) > MAX_QUERY_CHARS:
        raise HTTPProblem(
            422, f"Food id is {len(food_id):,} characters long; at most {MAX_QUERY_CHARS} allowed."
        )
    try:
        food, how = food_by_id_or_name(ctx.state.catalogue, food_id)
    except UnknownFoodError as exc:
        raise HTTPProblem(404, str(exc)) from None
    return food_detail(food), how


@page_router.get("/foods/{food_id}")
def food_page(request: Request, ctx: CtxDep, food_id: str) -> HTMLResponse:
    from vitk.foods.detail import value_text
    from vitk.foods.values import VALUE_MARKS_NOTE

    data, how = _detail(ctx, food_id)
    rows = [{**v, "code": code, "text": value_text(v)} for code, v in data["nutrients"].items()]
    return render(
        request,
        "food.html",
        user=ctx.user,
        title=data["name"],
        f=data,
        rows=rows,
        how=how,
        marks_note=VALUE_MARKS_NOTE,
    )


@api_router.get("/foods/{food_id}/detail", summary="Every form of one food with its sources")
def api_food_detail(ctx: CtxDep, food_id: str) -> dict[str, Any]:
    data, how = _detail(ctx, food_id)
    return {"ok": True, "food": data, "matched": how}
