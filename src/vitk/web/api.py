"""JSON API under ``/api``: the twin of every page (OpenAPI at ``/api/openapi.json``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, File, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from vitk.advisor import profile_form
from vitk.foods.catalogue import MAX_QUERY_CHARS
from vitk.web import views
from vitk.web.dependencies import (
    Ctx,
    expected_csrf,
    optional_user,
    require_csrf,
    state_of,
    user_ctx,
    user_ctx_dep,
)
from vitk.web.errors import HTTPProblem

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
#: Database integer ids (32-bit in PostgreSQL).
EntryId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Csrf = Depends(require_csrf)


class EntryIn(BaseModel):
    """A diary row: ``kind`` food or supplement, ``amount`` with its unit."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    kind: Literal["food", "supplement"]
    item: str = Field(min_length=1, max_length=200)
    amount: str = Field(min_length=1, max_length=40)


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


def _ok(**data: Any) -> dict[str, Any]:
    return {"ok": True, **data}


@router.get("/health", summary="Trivial liveness check (no database access)")
async def health() -> dict[str, Any]:
    return {"ok": True}


@router.get("/session", summary="Mode, current user and the CSRF token for writes")
def session(request: Request) -> dict[str, Any]:
    st = state_of(request)
    user = optional_user(request)
    return _ok(
        multi_user=st.multi_user,
        user=user.username if user else None,
        csrf_token=expected_csrf(request),
        csrf_header="X-CSRF-Token",
    )


@router.post("/login", dependencies=[Csrf], summary="Log in (multi-user mode)")
def api_login(request: Request, response: Response, body: Credentials) -> dict[str, Any]:
    from vitk.web.accounts import login

    name = login(request, response, body.username, body.password)
    return _ok(user=name)


@router.post("/register", dependencies=[Csrf], status_code=201, summary="Create an account")
def api_register(request: Request, response: Response, body: Credentials) -> dict[str, Any]:
    from vitk.web.accounts import register

    name = register(request, response, body.username, body.password)
    return _ok(user=name)


@router.post("/logout", dependencies=[Csrf], summary="End the session")
def api_logout(request: Request, response: Response) -> dict[str, Any]:
    from vitk.web.accounts import logout

    logout(request, response)
    return _ok()


# -- profile ----------------------------------------------------------------------------------
@router.get("/profile", summary="The stored profile (null if none)")
def get_profile(ctx: CtxDep) -> dict[str, Any]:
    return _ok(profile=ctx.state.repo.get_profile(ctx.user.user_id))


@router.put("/profile", dependencies=[Csrf], summary="Validate and store the profile")
def put_profile(
    ctx: CtxDep,
    profile: Annotated[dict[str, Any], Body(description="As in a vitk profile YAML file.")],
) -> dict[str, Any]:
    errors = profile_form.profile_errors(profile)
    if errors:
        field, msg = next(iter(errors.items()))
        raise HTTPProblem(
            422,
            f"Invalid profile field '{field}': {msg}",
            [{"field": k, "msg": v} for k, v in errors.items()],
        )
    ctx.state.repo.save_profile(ctx.user.user_id, profile)
    return _ok(profile=profile)


# -- diary ------------------------------------------------------------------------------------
@router.get("/diary", summary="Diary entries (one date, or all)")
def list_diary(ctx: CtxDep, date: dt.date | None = None) -> dict[str, Any]:
    entries = ctx.state.repo.list_entries(ctx.user.user_id, date=date)
    return _ok(date=date.isoformat() if date else None, entries=[e.to_dict() for e in entries])


def _row(body: EntryIn) -> dict[str, str]:
    return {
        "date": body.date.isoformat(),
        "kind": body.kind,
        "item": body.item,
        "amount": body.amount,
    }


@router.post("/diary", dependencies=[Csrf], status_code=201, summary="Add a diary entry")
def add_diary(ctx: CtxDep, body: EntryIn) -> dict[str, Any]:
    match = views.check_entry(ctx.state.catalogue, _row(body))
    rec = ctx.state.repo.add_entry(ctx.user.user_id, body.date, body.kind, body.item, body.amount)
    return _ok(entry=rec.to_dict(), match=match)


@router.get("/diary/{entry_id}", summary="One diary entry")
def get_diary(ctx: CtxDep, entry_id: EntryId) -> dict[str, Any]:
    return _ok(entry=ctx.state.repo.get_entry(ctx.user.user_id, entry_id).to_dict())


@router.put("/diary/{entry_id}", dependencies=[Csrf], summary="Replace a diary entry")
def put_diary(ctx: CtxDep, entry_id: EntryId, body: EntryIn) -> dict[str, Any]:
    ctx.state.repo.get_entry(ctx.user.user_id, entry_id)  # 404 before validating
    match = views.check_entry(ctx.state.catalogue, _row(body))
    rec = ctx.state.repo.update_entry(
        ctx.user.user_id, entry_id, body.date, body.kind, body.item, body.amount
    )
    return _ok(entry=rec.to_dict(), match=match)


@router.delete("/diary/{entry_id}", dependencies=[Csrf], summary="Delete a diary entry")
def delete_diary(ctx: CtxDep, entry_id: EntryId) -> dict[str, Any]:
    ctx.state.repo.delete_entry(ctx.user.user_id, entry_id)
    return _ok(deleted=entry_id)


# -- foods ------------------------------------------------------------------------------------
@router.get("/foods/search", summary="Type-ahead food search")
def food_search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    user_ctx(request)  # foods are public data, but the app is not (multi-user)
    return _ok(query=q, hits=views.search_foods(state_of(request).catalogue, q, limit))


@router.get("/foods/{food_id}", summary="One food per 100 g and per serving")
def food(ctx: CtxDep, food_id: Annotated[str, Path(max_length=MAX_QUERY_CHARS)]) -> dict[str, Any]:
    from vitk.errors import UnknownFoodError
    from vitk.foods.values import food_row

    try:
        found = ctx.state.catalogue.get(food_id)
    except UnknownFoodError as exc:
        raise HTTPProblem(404, str(exc)) from None
    return _ok(food=food_row(found))


# -- dashboard, report, simulator -------------------------------------------------------------
@router.get("/dashboard", summary="Intake by form: the day, 7-day mean, coverage, consistency")
async def api_dashboard(ctx: CtxDep, date: dt.date | None = None) -> Response:
    from starlette.concurrency import run_in_threadpool

    st = ctx.state
    uid = ctx.user.user_id
    # The cache check is one primary-key query (sub-millisecond), run on the event loop;
    # only a miss (a changed diary) computes the view, in the thread pool.
    key = st.dashboards.key(st.repo, st.catalogue, uid, date)
    hit = st.dashboards.lookup(key)
    if hit is None:
        hit = await run_in_threadpool(
            st.dashboards.get, st.repo, st.catalogue, st.cache, uid, date, key
        )
    return Response(hit[1], media_type="application/json")


@router.get("/report", summary="The advisor report (JSON)")
def api_report(ctx: CtxDep) -> dict[str, Any]:
    st = ctx.state
    rep = views.report(st.repo, st.catalogue, st.cache, ctx.user.user_id)
    if rep is None:
        raise HTTPProblem(409, "No profile yet; PUT /api/profile first.")
    return _ok(report=rep.to_dict())


@router.get("/simulate", summary="PK curves by form and an INR what-if (illustration only)")
def api_simulate(
    ctx: CtxDep,
    forms: Annotated[list[Literal["K1", "MK-4", "MK-7"]], Query(max_length=3)] = ["MK-7"],  # noqa: B006
    dose_ug: Annotated[
        list[float],
        Query(
            max_length=3,
            description="One dose per intake for all forms, or one per form; 0 to 50,000 µg, "
            "at most 150,000 µg in 24 h (checked by the library, one-line 422 otherwise). [µg]",
        ),
    ] = [180.0],  # noqa: B006
    every: Annotated[
        str | None,
        Query(
            max_length=20,
            description="24h (default), 12h, 2d or 3/week; 1 h to 3650 d. Empty (every=) "
            "means one dose, for the PK curves and the INR what-if alike.",
        ),
    ] = "24h",
    days: Annotated[
        float, Query(description=f"{views.SIM_MIN_DAYS:g} to {views.SIM_MAX_DAYS:g} days.")
    ] = 14.0,
    inr: bool = False,
) -> dict[str, Any]:
    # Ranges are checked by views.simulate and the library, so the JSON API, the HTML form
    # and the CLI give the same one-line message. Each result carries its "disclaimer".
    profile = ctx.state.repo.get_profile(ctx.user.user_id) if inr else None
    out = views.simulate(
        list(forms), list(dose_ug), (every or "").strip() or None, days, inr=inr, profile=profile
    )
    out.pop("_results")
    return _ok(**out)


# -- my data ----------------------------------------------------------------------------------
@router.get("/export", summary="Everything stored for me (JSON)")
def api_export(ctx: CtxDep) -> dict[str, Any]:
    return _ok(**views.export_json(ctx.state.repo, ctx.user.user_id, ctx.user.username))


@router.get("/export.csv", summary="My diary as CSV", response_class=PlainTextResponse)
def api_export_csv(ctx: CtxDep) -> PlainTextResponse:
    return PlainTextResponse(
        views.export_csv(ctx.state.repo, ctx.user.user_id),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="vitk-diary.csv"'},
    )


@router.post("/import", dependencies=[Csrf], status_code=201, summary="Import a diary CSV")
async def api_import(request: Request, file: Annotated[UploadFile, File()]) -> JSONResponse:
    from starlette.concurrency import run_in_threadpool

    ctx = await run_in_threadpool(user_ctx, request)
    data = await file.read(views.MAX_IMPORT_BYTES + 1)
    n = await run_in_threadpool(
        views.import_csv,
        ctx.state.repo,
        ctx.state.catalogue,
        ctx.user.user_id,
        data,
        file.filename,
    )
    return JSONResponse(_ok(added=n), status_code=201)


@router.delete("/data", dependencies=[Csrf], summary="Delete my diary and profile")
def api_delete_data(
    ctx: CtxDep,
    account: Annotated[bool, Query(description="Multi-user: also delete the account.")] = False,
) -> dict[str, Any]:
    st = ctx.state
    if account and not st.multi_user:
        raise HTTPProblem(422, "account=true needs multi-user mode; single-user has no account.")
    n = st.repo.delete_data(ctx.user.user_id)
    if account:
        st.repo.delete_user(ctx.user.user_id)
    st.forget_user(ctx.user.user_id)
    return _ok(deleted=n, account_deleted=account)
