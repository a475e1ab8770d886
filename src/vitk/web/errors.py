"""The one error shape of the web app and the exception handlers that produce it.

Every error reaches the client as ``{"ok": false, "error": "...", "errors": [...],
"status": 4xx}`` (an HTML page for browser routes); a traceback is never sent. The HTML
page is drawn by a renderer the app passes to :func:`install_handlers`, so this module
never imports the pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from vitk.errors import VitkError
from vitk.storage.repository import NotFoundError

__all__ = [
    "HTTPProblem",
    "HtmlErrorRenderer",
    "LoginRequired",
    "error_body",
    "error_item",
    "error_lines",
    "install_handlers",
    "shown",
]

log = logging.getLogger("vitk.web")

#: Draws the HTML error page: ``(request, status, message) -> response``.
HtmlErrorRenderer = Callable[[Request, int, str], Response]


def error_item(msg: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """One item of ``errors[]``: always ``{"field": name or None, "msg": text}``.

    ``field`` names the form or JSON field at fault (dotted for nested JSON, e.g.
    ``"labs.inr"``), or is None when the error is about the request as a whole. Request
    validation errors also keep pydantic's ``loc`` list (``["body", "date"]``).
    """
    return {"field": field, "msg": msg, **extra}


def _normalise_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        field = item.get("field")
        extra = {k: v for k, v in item.items() if k not in ("field", "msg")}
        out.append(
            error_item(str(item.get("msg", "")), None if field is None else str(field), **extra)
        )
    return out


def error_lines(exc: Exception) -> tuple[str, list[str]]:
    """One line for ``exc`` and the list of its problems (several for a bad diary file).

    A :class:`vitk.intake.diary.DiaryRowsError` lists one bad row per line; the one line
    is the first of them and says how many more there are.
    """
    problems = [str(p) for p in (getattr(exc, "problems", None) or ())]
    if not problems:
        problems = [" ".join(part.strip() for part in str(exc).splitlines() if part.strip())]
    if len(problems) == 1:
        return problems[0], problems
    more = len(problems) - 1
    line = f"{problems[0].rstrip('.')} (and {more} more bad row{'s' if more > 1 else ''})."
    return line, problems


class HTTPProblem(Exception):
    """An error with an HTTP status and optional field errors (see :func:`error_item`)."""

    def __init__(self, status: int, error: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = _normalise_items(errors or [error_item(error)])
        self.headers: dict[str, str] = {}


class LoginRequired(HTTPProblem):
    def __init__(self) -> None:
        super().__init__(401, "Log in first.")


def error_body(status: int, error: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON error shape ``{"ok": false, "error", "errors", "status"}``."""
    return {"ok": False, "error": error, "errors": errors, "status": status}


def wants_html(path: str) -> bool:
    """Browser routes get an HTML error page; ``/api`` routes get JSON."""
    return not path.startswith("/api")


def shown(value: Any) -> str:
    """``repr(value)``, cut to 60 characters for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


_LOC_ROOTS = ("body", "query", "path", "header", "cookie")


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    where = ".".join(str(p) for p in loc if p not in _LOC_ROOTS)
    return where or None


def _validation_item(err: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The one-line message and the ``errors[]`` item of one request validation error."""
    loc = list(err.get("loc", ()))
    msg = str(err.get("msg", "")).rstrip(".")
    if err.get("type") == "json_invalid":
        at = next((p for p in loc if isinstance(p, int)), None)
        where = f" (at character {at})" if at is not None else ""
        reason = str((err.get("ctx") or {}).get("error", "")).strip().rstrip(".")
        if reason.endswith(" at"):  # "Unterminated string starting at" (the character)
            reason = reason[:-3] + " there"
        reason = reason[:1].lower() + reason[1:]
        line = f"request body is not valid JSON{where}" + (f": {reason}." if reason else ".")
        return line, error_item(line, None, loc=[str(p) for p in loc])
    field = _field_of(loc)
    got = err.get("input")
    secret = any("password" in str(p) for p in loc)
    if (
        got is not None
        and not secret
        and not isinstance(got, Mapping | list | tuple)
        and err.get("type") != "missing"
    ):
        msg = f"{msg}; got {shown(got)}"
    line = f"Invalid field '{field}': {msg}." if field else f"Invalid request: {msg}."
    return line, error_item(f"{msg}.", field, loc=[str(p) for p in loc])


#: FastAPI's detail when reading the body failed with anything but a JSON syntax error.
_BODY_PARSE_DETAIL = "There was an error parsing the body"


def body_read_error(cause: BaseException | None) -> str | None:
    """The one line for a JSON body Python could not read, or None for other causes.

    Python's JSON reader stops on three things that are not syntax errors: nesting deeper
    than its recursion limit, bytes that are not UTF-8, and integers longer than
    ``sys.get_int_max_str_digits()`` (4,300 digits by default).
    """
    if isinstance(cause, RecursionError):
        return "request body is not valid JSON: lists or objects are nested too deeply."
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return (
            f"request body is not valid JSON: not UTF-8 text (byte 0x{byte} at position "
            f"{cause.start})."
        )
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        import sys

        most = sys.get_int_max_str_digits()
        return f"request body is not valid JSON: a number has more than {most:,} digits."
    return None


def problem_response(
    request: Request, problem: HTTPProblem, html_error: HtmlErrorRenderer | None = None
) -> Response:
    """The response for ``problem``: JSON under ``/api``, an HTML page elsewhere.

    A page route that needs a login redirects to ``/login``.
    """
    html = wants_html(request.url.path)
    if isinstance(problem, LoginRequired) and html:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    resp: Response
    if html and html_error is not None:
        resp = html_error(request, problem.status, problem.error)
    else:
        resp = JSONResponse(
            error_body(problem.status, problem.error, problem.errors), status_code=problem.status
        )
    for k, v in problem.headers.items():
        resp.headers[k] = v
    return resp


def install_handlers(app: FastAPI, html_error: HtmlErrorRenderer) -> None:
    """Register the handlers that turn every exception into the one error shape."""

    def respond(request: Request, problem: HTTPProblem) -> Response:
        return problem_response(request, problem, html_error)

    async def on_problem(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPProblem):  # pragma: no cover - registered for HTTPProblem
            raise exc
        return respond(request, exc)

    async def on_vitk(request: Request, exc: Exception) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 422
        line, lines = error_lines(exc)
        return respond(request, HTTPProblem(status, line, [error_item(x) for x in lines]))

    async def on_validation(request: Request, exc: Exception) -> Response:
        errs = exc.errors() if isinstance(exc, RequestValidationError) else []
        lines = [_validation_item(e) for e in errs]
        first = lines[0][0] if lines else "Invalid request."
        return respond(request, HTTPProblem(422, first, [item for _, item in lines]))

    async def on_http(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, StarletteHTTPException):  # pragma: no cover
            raise exc
        messages = {404: "Not found.", 405: "Method not allowed."}
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 400 and detail == _BODY_PARSE_DETAIL:
            line = body_read_error(exc.__cause__)
            if line is not None:
                return respond(request, HTTPProblem(422, line))
        msg = messages.get(exc.status_code) or detail or "Request failed."
        problem = HTTPProblem(exc.status_code, msg)
        problem.headers = dict(exc.headers or {})
        return respond(request, problem)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = HTTPProblem(500, "Internal error; the request was not completed.")
        return respond(request, problem)

    app.add_exception_handler(HTTPProblem, on_problem)
    app.add_exception_handler(VitkError, on_vitk)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
