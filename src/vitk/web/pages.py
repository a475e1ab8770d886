"""HTML pages (server-rendered; the core forms work without JavaScript).

Each page's data comes from :mod:`vitk.web.views`, the same functions as its ``/api``
twin. Form errors are shown at the field with status 422; nothing already stored is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from vitk.advisor import profile_form
from vitk.errors import VitkError
from vitk.web import views
from vitk.web.dependencies import Ctx, require_csrf, state_of, user_ctx, user_ctx_dep
from vitk.web.diary_imports import unknown_food_step
from vitk.web.errors import HTTPProblem, error_lines
from vitk.web.templating import render, render_error

__all__ = ["render", "render_error", "router"]

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
#: Database integer ids (32-bit in PostgreSQL).
EntryId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Csrf = Depends(require_csrf)


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/")
def home(ctx: CtxDep) -> RedirectResponse:
    has_profile = ctx.state.repo.get_profile(ctx.user.user_id) is not None
    return _see_other("/dashboard" if has_profile else "/profile")


# -- accounts ---------------------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if not state_of(request).multi_user:
        return _see_other("/")
    return render(
        request,
        "login.html",
        title="Log in",
        mode="login",
        next=_safe_next(next),
        errors={},
        values={},
    )


@router.get("/register")
def register_page(request: Request) -> Response:
    if not state_of(request).multi_user:
        return _see_other("/")
    return render(
        request,
        "login.html",
        title="Create an account",
        mode="register",
        next="/",
        errors={},
        values={},
    )


def _safe_next(url: str) -> str:
    ok = url.startswith("/") and not url.startswith("//") and "\\" not in url
    return url if ok and url.isprintable() else "/"


@router.post("/login", dependencies=[Csrf])
def login_post(
    request: Request,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=200)] = "/",
) -> Response:
    from vitk.web.accounts import login

    resp = _see_other(_safe_next(next))
    try:
        login(request, resp, username, password)
    except HTTPProblem as exc:
        if exc.status not in (401, 429):
            raise
        page = render(
            request,
            "login.html",
            status=exc.status,
            title="Log in",
            mode="login",
            next=_safe_next(next),
            errors={"password": exc.error},
            values={"username": username},
        )
        for k, v in exc.headers.items():
            page.headers[k] = v
        return page
    return resp


@router.post("/register", dependencies=[Csrf])
def register_post(
    request: Request,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    from vitk.web.accounts import register

    resp = _see_other("/profile")
    try:
        register(request, resp, username, password)
    except (HTTPProblem, VitkError) as exc:
        if isinstance(exc, HTTPProblem) and exc.status != 422:
            raise
        errors = (
            {(e.get("field") or "username"): e["msg"] for e in exc.errors}
            if isinstance(exc, HTTPProblem)
            else {"username": str(exc)}
        )
        return render(
            request,
            "login.html",
            status=422,
            title="Create an account",
            mode="register",
            next="/",
            errors=errors,
            values={"username": username},
        )
    return resp


@router.post("/logout", dependencies=[Csrf])
def logout_post(request: Request) -> Response:
    from vitk.web.accounts import logout

    resp = _see_other("/login" if state_of(request).multi_user else "/")
    logout(request, resp)
    return resp


# -- profile ----------------------------------------------------------------------------------
def _profile_page(
    request: Request,
    ctx: Ctx,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    saved: bool = False,
) -> HTMLResponse:
    return render(
        request,
        "profile.html",
        status=status,
        user=ctx.user,
        title="Profile",
        v=values,
        errors=errors,
        saved=saved,
        conditions=profile_form.CONDITIONS,
        malabsorption=profile_form.MALABSORPTION,
        patterns=profile_form.DIET_PATTERNS,
        first_visit=not saved
        and not errors
        and values == profile_form.form_values(None)
        and ctx.state.repo.count_entries(ctx.user.user_id) == 0,
        menopause_choices=profile_form.MENOPAUSE,
        limits=profile_form.MAX_CHARS,
        max_lines=profile_form.MAX_LINES,
    )


@router.get("/profile")
def profile_page(request: Request, ctx: CtxDep, saved: bool = False) -> HTMLResponse:
    stored = ctx.state.repo.get_profile(ctx.user.user_id)
    return _profile_page(request, ctx, profile_form.form_values(stored), {}, saved=saved)


@router.post("/profile", dependencies=[Csrf])
async def profile_post(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    ctx = await run_in_threadpool(user_ctx, request)
    form = await request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    checked = [k for k, v in form.multi_items() if isinstance(v, str) and v == "on"]
    data = profile_form.profile_from_form(text, checked)
    errors = await run_in_threadpool(profile_form.profile_errors, data)
    if errors:
        values = {**text, "checked": checked}
        values.setdefault("diet_pattern", "omnivore")
        return _profile_page(request, ctx, values, errors, status=422)
    await run_in_threadpool(ctx.state.repo.save_profile, ctx.user.user_id, data)
    return _see_other("/profile?saved=true")


# -- diary ------------------------------------------------------------------------------------
def _shift(day: dt.date, days: int) -> str | None:
    """The ISO date ``days`` away, or None past the calendar's ends (0001-01-01, 9999-12-31)."""
    try:
        return (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _diary_page(
    request: Request,
    ctx: Ctx,
    day: dt.date,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
    added: str = "",
) -> HTMLResponse:
    entries = ctx.state.repo.list_entries(ctx.user.user_id, date=day)
    details = views.entry_details(ctx.state.catalogue, ctx.state.cache, entries)
    return render(
        request,
        "diary.html",
        status=status,
        user=ctx.user,
        title="Diary",
        day=day.isoformat(),
        prev=_shift(day, -1),
        next=_shift(day, 1),
        entries=entries,
        details=details,
        errors=errors or {},
        values=values or {"date": day.isoformat(), "kind": "food", "item": "", "amount": ""},
        added=added,
    )


@router.get("/diary")
def diary_page(
    request: Request, ctx: CtxDep, date: dt.date | None = None, added: str = ""
) -> HTMLResponse:
    return _diary_page(request, ctx, date or dt.date.today(), added=added[:200])


def _entry_errors(message: str) -> dict[str, str]:
    """The form field a diary error belongs to (the library's one-line message)."""
    low = message.lower()
    if low.startswith("date") or "not a date" in low or "yyyy" in low:
        return {"date": message}
    if "supplement" in low and "unknown supplement" in low:
        return {"item": message}
    if "unknown food" in low or "unknown food id" in low:
        return {"item": message}
    if "kind" in low and "not allowed" in low:
        return {"kind": message}
    return {"amount": message}


def _check_form_row(
    ctx: Ctx, row: dict[str, str]
) -> tuple[dt.date, dict[str, Any], dict[str, str]]:
    """The row's date, how its food was matched, and every field error at once.

    A date that is not a date does not hide a bad food or amount: the rest of the row
    is checked as if dated today.
    """
    errors: dict[str, str] = {}
    try:
        day = dt.date.fromisoformat(row["date"])
    except ValueError:
        day = dt.date.today()
        errors["date"] = f"date '{row['date']}' is not a date; use YYYY-MM-DD."
    match: dict[str, Any] = {}
    try:
        match = views.check_entry(ctx.state.catalogue, {**row, "date": day.isoformat()})
    except VitkError as exc:
        for field, msg in _entry_errors(str(exc)).items():
            errors.setdefault(field, msg)
    return day, match, errors


def _form_row(date: str, kind: str, item: str, amount: str) -> dict[str, str]:
    return {
        "date": date.strip(),
        "kind": kind.strip(),
        "item": item.strip(),
        "amount": amount.strip(),
    }


@router.post("/diary", dependencies=[Csrf])
def diary_add(
    request: Request,
    ctx: CtxDep,
    date: Annotated[str, Form(max_length=20)] = "",
    kind: Annotated[str, Form(max_length=20)] = "food",
    item: Annotated[str, Form(max_length=200)] = "",
    amount: Annotated[str, Form(max_length=40)] = "",
    keep_unknown: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    row = _form_row(date, kind, item, amount)
    # A food that matches nothing opens the pick-a-food step (vitk.web.diary_imports);
    # with a bad date the form shows every error at once instead.
    try:
        step = unknown_food_step(request, ctx, row, keep=keep_unknown == "on")
    except VitkError:
        step = None
    if step is not None:
        return step
    day, match, errors = _check_form_row(ctx, row)
    if errors:
        return _diary_page(request, ctx, day, status=422, values=row, errors=errors)
    ctx.state.repo.add_entry(ctx.user.user_id, day, row["kind"], row["item"], row["amount"])
    shown = match.get("food_name", row["item"])
    return _see_other(f"/diary?date={day.isoformat()}&added={_quote(shown)}")


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@router.get("/diary/{entry_id}/edit")
def diary_edit_page(request: Request, ctx: CtxDep, entry_id: EntryId) -> HTMLResponse:
    rec = ctx.state.repo.get_entry(ctx.user.user_id, entry_id)
    return render(
        request,
        "entry_edit.html",
        user=ctx.user,
        title="Edit entry",
        entry_id=entry_id,
        values=rec.to_row(),
        errors={},
    )


@router.post("/diary/{entry_id}/edit", dependencies=[Csrf])
def diary_edit(
    request: Request,
    ctx: CtxDep,
    entry_id: EntryId,
    date: Annotated[str, Form(max_length=20)] = "",
    kind: Annotated[str, Form(max_length=20)] = "food",
    item: Annotated[str, Form(max_length=200)] = "",
    amount: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    ctx.state.repo.get_entry(ctx.user.user_id, entry_id)  # 404 if not the user's
    row = _form_row(date, kind, item, amount)
    day, _, errors = _check_form_row(ctx, row)
    if errors:
        return render(
            request,
            "entry_edit.html",
            status=422,
            user=ctx.user,
            title="Edit entry",
            entry_id=entry_id,
            values=row,
            errors=errors,
        )
    ctx.state.repo.update_entry(
        ctx.user.user_id, entry_id, day, row["kind"], row["item"], row["amount"]
    )
    return _see_other(f"/diary?date={day.isoformat()}")


@router.post("/diary/{entry_id}/delete", dependencies=[Csrf])
def diary_delete(ctx: CtxDep, entry_id: EntryId) -> Response:
    rec = ctx.state.repo.get_entry(ctx.user.user_id, entry_id)
    ctx.state.repo.delete_entry(ctx.user.user_id, entry_id)
    return _see_other(f"/diary?date={rec.date.isoformat()}")


# -- dashboard --------------------------------------------------------------------------------
@router.get("/dashboard")
def dashboard_page(request: Request, ctx: CtxDep, date: dt.date | None = None) -> HTMLResponse:
    from vitk.intake import plots
    from vitk.intake.render import MARKS_LEGEND

    st = ctx.state
    d, _ = st.dashboards.get(st.repo, st.catalogue, st.cache, ctx.user.user_id, date)
    charts: dict[str, str] = {}
    if d["has_entries"]:
        target = None
        if d["targets"] and d["targets"].get("vitamin_k_us"):
            target = d["targets"]["vitamin_k_us"].get("value")
        charts["day"] = plots.day_forms_svg(
            d["forms"],
            d["day"],
            d["rolling_7d"],
            target,
            d["date"],
            not_measured=d["day_not_measured"],
            lower_bound=d["day_lower_bound"],
        )
        if d["anticoagulated"] and d["consistency"]:
            charts["consistency"] = plots.consistency_svg(d["consistency"], d["days"])
    return render(
        request,
        "dashboard.html",
        user=ctx.user,
        title="Dashboard",
        d=d,
        charts=charts,
        marks_legend=MARKS_LEGEND,
    )


# -- report -----------------------------------------------------------------------------------
@router.get("/report")
def report_page(request: Request, ctx: CtxDep) -> HTMLResponse:
    st = ctx.state
    rep = views.report(st.repo, st.catalogue, st.cache, ctx.user.user_id)
    data = rep.to_dict() if rep is not None else None
    return render(request, "report.html", user=ctx.user, title="Report", r=data)


@router.get("/report/print")
def report_print(ctx: CtxDep) -> HTMLResponse:
    from vitk.advisor.render import render as render_report

    st = ctx.state
    rep = views.report(st.repo, st.catalogue, st.cache, ctx.user.user_id)
    if rep is None:
        raise HTTPProblem(409, "No profile yet; fill in your profile first.")
    return HTMLResponse(render_report(rep, "html"))


# -- simulator --------------------------------------------------------------------------------
@router.get("/simulator")
def simulator_page(
    request: Request,
    ctx: CtxDep,
    forms: Annotated[list[str], Query(max_length=3)] = [],  # noqa: B006
    dose_k1: Annotated[str, Query(alias="dose_K1", max_length=20)] = "",
    dose_mk4: Annotated[str, Query(alias="dose_MK-4", max_length=20)] = "",
    dose_mk7: Annotated[str, Query(alias="dose_MK-7", max_length=20)] = "",
    every: Annotated[str, Query(max_length=20)] = "24h",
    days: Annotated[str, Query(max_length=20)] = "14",
    inr: bool = False,
    run: bool = False,
) -> HTMLResponse:
    from vitk.advisor.simulation_inputs import what_if_inputs
    from vitk.figures import figure_svg

    profile = ctx.state.repo.get_profile(ctx.user.user_id)
    anticoag = views.anticoagulated(profile)
    # The what-if runs on the profile's VKA (views.simulate); the form's label names it.
    what_if_vka = what_if_inputs(profile)["vka"] or "warfarin"
    chosen = forms if run else (forms or ["MK-7"])
    given = {"K1": dose_k1, "MK-4": dose_mk4, "MK-7": dose_mk7}
    doses = {f: (given[f].strip() or views.SIM_DEFAULT_DOSE_UG[f]) for f in views.SIM_FORMS}
    values: dict[str, Any] = {
        "forms": chosen,
        "doses": doses,
        "every": every,
        "days": days,
        "inr": inr or (anticoag and not run),
    }
    result: dict[str, Any] | None = None
    charts: dict[str, str] = {}
    error = ""
    status = 200
    if run:
        try:
            dose_list = [float(doses[f]) for f in chosen if f in doses]
            n_days = float(days)
        except ValueError:
            error, status = "Doses and days must be numbers, e.g. 180 and 14.", 422
        else:
            try:
                result = views.simulate(
                    chosen, dose_list, every.strip() or None, n_days, inr=inr, profile=profile
                )
            except VitkError as exc:
                error, status = str(exc), 422
        if result is not None:
            for key, res in result.pop("_results").items():
                charts[key] = figure_svg(res.plot())
    return render(
        request,
        "simulator.html",
        status=status,
        user=ctx.user,
        title="Simulator",
        v=values,
        result=result,
        charts=charts,
        error=error,
        anticoagulated=anticoag,
        what_if_vka=what_if_vka,
        sim_forms=views.SIM_FORMS,
        disclaimer=views.SIM_DISCLAIMER,
        inr_disclaimer=views.SIM_INR_DISCLAIMER,
    )


# -- my data ----------------------------------------------------------------------------------
@router.get("/data")
def data_page(request: Request, ctx: CtxDep, done: str = "") -> HTMLResponse:
    n = ctx.state.repo.count_entries(ctx.user.user_id)
    has_profile = ctx.state.repo.get_profile(ctx.user.user_id) is not None
    return render(
        request,
        "data.html",
        user=ctx.user,
        title="My data",
        n_entries=n,
        has_profile=has_profile,
        done=done[:200],
        error="",
    )


@router.get("/data/export.json")
def data_export_json(ctx: CtxDep) -> Response:
    import json

    body = json.dumps(
        views.export_json(ctx.state.repo, ctx.user.user_id, ctx.user.username),
        ensure_ascii=False,
        indent=2,
    )
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="vitk-export.json"'},
    )


@router.get("/data/export.csv")
def data_export_csv(ctx: CtxDep) -> PlainTextResponse:
    return PlainTextResponse(
        views.export_csv(ctx.state.repo, ctx.user.user_id),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="vitk-diary.csv"'},
    )


@router.post("/data/import", dependencies=[Csrf])
async def data_import(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    from starlette.concurrency import run_in_threadpool

    ctx = await run_in_threadpool(user_ctx, request)
    data = await file.read(views.MAX_IMPORT_BYTES + 1)
    try:
        n = await run_in_threadpool(
            views.import_csv,
            ctx.state.repo,
            ctx.state.catalogue,
            ctx.user.user_id,
            data,
            file.filename,
        )
    except VitkError as exc:
        count = await run_in_threadpool(ctx.state.repo.count_entries, ctx.user.user_id)
        line, lines = error_lines(exc)
        return render(
            request,
            "data.html",
            status=422,
            user=ctx.user,
            title="My data",
            n_entries=count,
            has_profile=True,
            done="",
            error=f"Nothing imported: {line}",
            problems=lines if len(lines) > 1 else [],
        )
    return _see_other(f"/data?done={_quote(f'Imported {n} diary rows.')}")


@router.post("/data/delete", dependencies=[Csrf])
def data_delete(
    request: Request,
    ctx: CtxDep,
    confirm: Annotated[str, Form(max_length=20)] = "",
    account: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    if confirm != "DELETE":
        n = ctx.state.repo.count_entries(ctx.user.user_id)
        return render(
            request,
            "data.html",
            status=422,
            user=ctx.user,
            title="My data",
            n_entries=n,
            has_profile=True,
            done="",
            error="Type DELETE in the box to confirm; nothing was deleted.",
        )
    n = ctx.state.repo.delete_data(ctx.user.user_id)
    if account == "on" and ctx.state.multi_user:
        ctx.state.repo.delete_user(ctx.user.user_id)
        ctx.state.forget_user(ctx.user.user_id)
        resp = _see_other("/register")
        resp.delete_cookie("vitk_session", path="/")
        return resp
    ctx.state.forget_user(ctx.user.user_id)
    return _see_other(f"/data?done={_quote(f'Deleted {n} rows (diary and profile).')}")
