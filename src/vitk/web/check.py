"""The Check page and its JSON twin: grade the claims of a pasted or uploaded article.

``GET /check`` shows the form; ``POST /check`` (text or a file) shows the article with
every claim highlighted by verdict and its explanation on hover or keyboard focus.
``POST /api/check`` (JSON ``{"text", "source"}``) and ``POST /api/check/file`` (a file)
return the checker's JSON contract. The web app never fetches a URL: text that is only a
web address is refused with a one-line error (the command line fetches). Nothing is stored.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from vitk.errors import VitkError
from vitk.web.dependencies import Ctx, require_csrf, user_ctx, user_ctx_dep
from vitk.web.errors import error_lines
from vitk.web.templating import render

__all__ = ["api_router", "page_router"]

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
CtxDep = Annotated[Ctx, Depends(user_ctx_dep)]
Csrf = Depends(require_csrf)


def _max_bytes() -> int:
    from vitk.checker.reading import MAX_INPUT_BYTES

    return MAX_INPUT_BYTES


class CheckIn(BaseModel):
    """An article's text (plain, Markdown or HTML) and a name for it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=2_000_000)
    source: str = Field(default="pasted text", max_length=200)


def _page(request: Request, ctx: Ctx, status: int = 200, **extra: Any) -> Response:
    values: dict[str, Any] = {"error": "", "problems": [], "parts": None, "text": "", "source": ""}
    values.update(extra)
    return render(request, "check.html", status=status, user=ctx.user, title="Check", **values)


@page_router.get("/check")
def check_page(request: Request, ctx: CtxDep) -> Response:
    return _page(request, ctx)


@page_router.post("/check", dependencies=[Csrf])
async def check_post(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from vitk.checker import check_bytes, check_pasted
    from vitk.checker.render import html_parts

    ctx = await run_in_threadpool(user_ctx, request)
    try:
        if file is not None and file.filename:
            data = await file.read(_max_bytes() + 1)
            result = await run_in_threadpool(
                lambda: check_bytes(
                    data, source=file.filename or "upload", name=file.filename or ""
                )
            )
        else:
            result = await run_in_threadpool(check_pasted, text)
    except VitkError as exc:
        line, lines = error_lines(exc)
        return _page(
            request,
            ctx,
            status=422,
            error=line,
            problems=lines if len(lines) > 1 else [],
            text=text,
        )
    return _page(request, ctx, parts=html_parts(result), source=result.source, text=text)


@api_router.post("/check", dependencies=[Csrf], summary="Check the claims of an article's text")
async def api_check(request: Request, body: CheckIn) -> JSONResponse:
    from starlette.concurrency import run_in_threadpool

    from vitk.checker import check_pasted

    await run_in_threadpool(user_ctx, request)
    result = await run_in_threadpool(lambda: check_pasted(body.text, source=body.source))
    return JSONResponse({"ok": True, **result.to_dict()})


@api_router.post(
    "/check/file", dependencies=[Csrf], summary="Check the claims of an uploaded article file"
)
async def api_check_file(request: Request, file: Annotated[UploadFile, File()]) -> JSONResponse:
    from starlette.concurrency import run_in_threadpool

    from vitk.checker import check_bytes

    await run_in_threadpool(user_ctx, request)
    data = await file.read(_max_bytes() + 1)
    name = file.filename or "upload"
    result = await run_in_threadpool(lambda: check_bytes(data, source=name, name=name))
    return JSONResponse({"ok": True, **result.to_dict()})
