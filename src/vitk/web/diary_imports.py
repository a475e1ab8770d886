"""Web: the pick-a-food step of the diary, app imports with a match table, FHIR export.

- **Diary.** A food row that matches no food opens a step listing the foods that share a
  word with it (:func:`vitk.intake.suggest.suggest_foods`): one click logs the chosen
  food with the same date and amount, or the row is kept as an unknown food (it adds
  nothing and its day becomes a lower bound). It is a normal page (200), not an error.
- **My data → import from an app.** A Cronometer or MyFitnessPal export is read by
  :mod:`vitk.intake.imports`; a review page shows each food name's match, which can be
  corrected (a food id or name) before anything is stored. The confirmed rows are
  stored in one transaction; a bad file stores nothing and lists every bad row. The
  uploaded file waits for confirmation in memory only (per user, at most
  :data:`PENDING_MAX` files for :data:`PENDING_TTL_S` seconds).
- **Export.** ``/data/export.fhir.json`` and ``/api/export.fhir.json``: the diary as a
  FHIR R5 Bundle of NutritionIntake (:func:`vitk.intake.fhir.fhir_bundle`).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from vitk.errors import DiaryError, InputError, UnknownFoodError, VitkError
from vitk.web.dependencies import Ctx, require_csrf, user_ctx, user_ctx_dep
from vitk.web.errors import HTTPProblem, error_lines
from vitk.web.templating import render

__all__ = ["PENDING_MAX", "PENDING_TTL_S", "router", "unknown_food_step"]

router = APIRouter()
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
Csrf = Depends(require_csrf)
#: Uploaded exports waiting for confirmation, kept at most this long. [s]
PENDING_TTL_S = 1800.0
#: At most this many uploads wait for confirmation (all users together).
PENDING_MAX = 16
#: Rows one import may add.
MAX_IMPORT_ROWS = 50_000
SOURCES = {
    "cronometer": "Cronometer (Servings export)",
    "myfitnesspal": "MyFitnessPal (food diary)",
}


class _Pending:
    """Uploads awaiting confirmation: token → (user id, source, file name, bytes, time)."""

    def __init__(self) -> None:
        self._data: OrderedDict[str, tuple[int, str, str, bytes, float]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, user_id: int, source: str, name: str, data: bytes) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._purge()
            self._data[token] = (user_id, source, name, data, time.monotonic())
            while len(self._data) > PENDING_MAX:
                self._data.popitem(last=False)
        return token

    def get(self, token: str, user_id: int) -> tuple[str, str, bytes]:
        with self._lock:
            self._purge()
            hit = self._data.get(token)
        if hit is None or hit[0] != user_id:
            raise InputError(
                "That import is no longer waiting (over 30 minutes); upload the file again."
            )
        return hit[1], hit[2], hit[3]

    def drop(self, token: str) -> None:
        with self._lock:
            self._data.pop(token, None)

    def _purge(self) -> None:
        now = time.monotonic()
        for key in [k for k, v in self._data.items() if now - v[4] > PENDING_TTL_S]:
            del self._data[key]


_PENDING = _Pending()


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


# -- diary: pick a food ------------------------------------------------------------------------
def unknown_food_step(
    request: Request, ctx: Ctx, row: Mapping[str, str], *, keep: bool
) -> Response | None:
    """The response for a food row whose name matches no food; None when it matches.

    Without ``keep``: the pick-from-suggestions page. With ``keep``: the row is stored as
    typed (date and kind checked) and the diary shows it; its day becomes a lower bound.
    None, too, when the date is not a date (the form then lists every error at once).

    Raises
    ------
    DiaryError
        ``keep`` with a row that lacks its amount.
    """
    import datetime as dt

    from vitk.intake.diary import Diary
    from vitk.intake.suggest import UnknownFood, suggest_foods

    if row.get("kind", "").strip().lower() != "food" or not row.get("item"):
        return None
    try:
        day = dt.date.fromisoformat(row.get("date", ""))
    except ValueError:
        return None  # the diary form shows the date error with the others
    catalogue = ctx.state.catalogue
    try:
        catalogue.resolve(row["item"])
        return None
    except UnknownFoodError:
        pass
    if keep:
        entry = Diary.from_rows([row]).entries[0]  # date, kind and amount present
        ctx.state.repo.add_entry(ctx.user.user_id, entry.date, "food", entry.item, entry.amount)
        return _see_other(f"/diary?date={entry.date.isoformat()}&added={_quote(entry.item)}")
    suggestions = suggest_foods(catalogue, row["item"], n=8)
    unknown = UnknownFood(1, day, row["item"], row.get("amount", ""), tuple(suggestions))
    return render(
        request,
        "diary_pick.html",
        user=ctx.user,
        title="Pick a food",
        values=dict(row),
        suggestions=suggestions,
        note=unknown.message().removeprefix("row 1 ").strip(),
    )


# -- my data: import from an app -----------------------------------------------------------------
def _corrections(ctx: Ctx, form: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """``name_i``/``fix_i`` form fields as name → food id, and errors by name."""
    fixes: dict[str, str] = {}
    errors: dict[str, str] = {}
    catalogue = ctx.state.catalogue
    for key, value in form.items():
        if not key.startswith("name_"):
            continue
        name = str(value)
        fix = str(form.get("fix_" + key.removeprefix("name_"), "")).strip()
        if not fix:
            continue
        try:
            food = catalogue.get(fix)
        except VitkError:
            try:
                food, _ = catalogue.resolve(fix)
            except VitkError as exc:
                errors[name] = " ".join(str(exc).split())
                continue
        fixes[name] = food.food_id
    return fixes, errors


def _review(
    request: Request,
    ctx: Ctx,
    token: str,
    source: str,
    name: str,
    data: bytes,
    fixes: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
) -> Response:
    from vitk.intake.imports import import_export

    result = import_export(
        source, data, name=name, catalogue=ctx.state.catalogue, corrections=fixes
    )
    return render(
        request,
        "import_review.html",
        status=422 if errors else 200,
        user=ctx.user,
        title="Review the import",
        token=token,
        source=source,
        source_label=SOURCES[source],
        result=result,
        report=result.report_lines(),
        fixes=fixes,
        errors=errors or {},
    )


def _data_error(request: Request, ctx: Ctx, exc: VitkError) -> Response:
    line, lines = error_lines(exc)
    return render(
        request,
        "data.html",
        status=422,
        user=ctx.user,
        title="My data",
        n_entries=ctx.state.repo.count_entries(ctx.user.user_id),
        has_profile=ctx.state.repo.get_profile(ctx.user.user_id) is not None,
        done="",
        error=f"Nothing imported: {line}",
        problems=lines if len(lines) > 1 else [],
    )


def _source(source: str) -> str:
    key = source.strip().lower()
    if key not in SOURCES:
        raise InputError(f"Import source '{source}' is not known; allowed: {', '.join(SOURCES)}.")
    return key


@router.post("/data/import-app", dependencies=[Csrf], include_in_schema=False)
async def import_upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form(max_length=20)] = "cronometer",
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from vitk.intake.imports.common import MAX_IMPORT_BYTES

    ctx = await run_in_threadpool(user_ctx, request)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    name = PurePath(file.filename or "uploaded file").name

    def work() -> Response:
        try:
            key = _source(source)
            if len(data) > MAX_IMPORT_BYTES:
                raise DiaryError(
                    f"{name}: {len(data):,} bytes; the most an import reads is "
                    f"{MAX_IMPORT_BYTES:,}."
                )
            token = _PENDING.put(ctx.user.user_id, key, name, data)
            return _review(request, ctx, token, key, name, data, {})
        except VitkError as exc:
            return _data_error(request, ctx, exc)

    return await run_in_threadpool(work)


@router.post("/data/import-app/confirm", dependencies=[Csrf], include_in_schema=False)
async def import_confirm(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    ctx = await run_in_threadpool(user_ctx, request)
    form = dict((await request.form()).items())
    token = str(form.get("token", ""))[:64]
    action = str(form.get("action", "import"))

    def work() -> Response:
        from vitk.intake.imports import import_export

        try:
            source, name, data = _PENDING.get(token, ctx.user.user_id)
            fixes, errors = _corrections(ctx, form)
            if errors or action != "import":
                return _review(request, ctx, token, source, name, data, fixes, errors)
            result = import_export(
                source, data, name=name, catalogue=ctx.state.catalogue, corrections=fixes
            )
            rows = result.diary_rows()
            if len(rows) > MAX_IMPORT_ROWS:
                raise DiaryError(
                    f"{name}: {len(rows):,} rows; the most one import adds is {MAX_IMPORT_ROWS:,}."
                )
            ctx.state.repo.add_entries(
                ctx.user.user_id, [(r["date"], r["kind"], r["item"], r["amount"]) for r in rows]
            )
            _PENDING.drop(token)
        except VitkError as exc:
            return _data_error(request, ctx, exc)
        return _see_other(f"/data?done={_quote(f'Imported {len(rows)} diary rows from {name}.')}")

    return await run_in_threadpool(work)


@router.post("/api/import/{source}", dependencies=[Csrf], status_code=201, tags=["my data"])
async def api_import(
    request: Request,
    source: str,
    file: Annotated[UploadFile, File()],
    corrections: Annotated[str, Form(max_length=100_000)] = "{}",
    store: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Read a Cronometer or MyFitnessPal export: the matches, cross-check and diary rows.

    ``corrections`` is a JSON object (export food name → vitk food id); with ``store``
    the rows are added to my diary (all or none).
    """
    from starlette.concurrency import run_in_threadpool

    from vitk.intake.imports import import_export
    from vitk.intake.imports.common import MAX_IMPORT_BYTES

    ctx = await run_in_threadpool(user_ctx, request)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    name = PurePath(file.filename or "uploaded file").name
    try:
        fixes = json.loads(corrections)
    except json.JSONDecodeError:
        fixes = None
    if not isinstance(fixes, dict) or not all(isinstance(v, str) for v in fixes.values()):
        raise HTTPProblem(422, "corrections must be a JSON object of food name → food id.")

    def work() -> dict[str, Any]:
        key = _source(source)
        result = import_export(
            key, data, name=name, catalogue=ctx.state.catalogue, corrections=fixes
        )
        out = result.to_dict()
        out["stored"] = 0
        if store:
            rows = result.diary_rows()
            ctx.state.repo.add_entries(
                ctx.user.user_id, [(r["date"], r["kind"], r["item"], r["amount"]) for r in rows]
            )
            out["stored"] = len(rows)
        return {"ok": True, **out}

    return await run_in_threadpool(work)


# -- export: FHIR ----------------------------------------------------------------------------
def _fhir(ctx: Ctx) -> dict[str, Any]:
    from vitk.intake import Diary, summarise
    from vitk.intake.fhir import fhir_bundle

    entries = ctx.state.repo.list_entries(ctx.user.user_id)
    if not entries:
        raise HTTPProblem(404, "The diary is empty; there is nothing to export.")
    diary = Diary.from_rows([e.to_row() for e in entries], source=f"user {ctx.user.user_id}")
    return fhir_bundle(summarise(diary, catalogue=ctx.state.catalogue), diary)


@router.get("/data/export.fhir.json", include_in_schema=False)
def data_export_fhir(ctx: CtxDep) -> Response:
    return Response(
        json.dumps(_fhir(ctx), ensure_ascii=False, indent=2),
        media_type="application/fhir+json",
        headers={"Content-Disposition": 'attachment; filename="vitk-diary.fhir.json"'},
    )


@router.get("/api/export.fhir.json", tags=["my data"], summary="My diary as a FHIR R5 Bundle")
def api_export_fhir(ctx: CtxDep) -> Response:
    return Response(json.dumps(_fhir(ctx), ensure_ascii=False), media_type="application/fhir+json")
