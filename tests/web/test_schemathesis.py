"""Property-based API tests from the OpenAPI schema: no 5xx on generated input.

Bounded: a fixed number of derandomised examples per operation. Writes carry a valid
CSRF token so that generated bodies reach the handlers (not just the CSRF check).
Schemathesis is driven through its Python API (``as_strategy``) rather than its pytest
plugin, which does not work with every pytest release.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from tests.web.conftest import sqlite_url

CSRF_COOKIE_VALUE = "schemathesis-fixed-cookie"
EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from vitk.web import create_app

    app = create_app(sqlite_url(tmp_path_factory.mktemp("st")))
    with TestClient(app) as c:  # a profile and a few rows so reads have data to chew on
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf_token"]}
        c.put(
            "/api/profile",
            json={"age": 60, "sex": "male", "medications": ["warfarin"]},
            headers=h,
        )
        for item in ("natto", "gouda"):
            c.post(
                "/api/diary",
                json={"date": "2026-11-20", "kind": "food", "item": item, "amount": "30 g"},
                headers=h,
            )
    return app


def _operations(app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(op: Any, token: str) -> int:
    """Run the bounded examples of one operation; returns how many calls were made."""
    calls = 0
    where = f"{op.method.upper()} {op.path}"

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy())
    def run(case: Any) -> None:
        nonlocal calls
        calls += 1
        response = case.call(
            headers={"X-CSRF-Token": token}, cookies={"vitk_csrf": CSRF_COOKIE_VALUE}
        )
        assert response.status_code < 500, (where, response.text[:500])
        if response.status_code >= 400:
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code, where
            assert isinstance(body["error"], str) and "\n" not in body["error"], where
            assert isinstance(body["errors"], list), where

    run()
    return calls


def test_no_server_errors(web_app: Any) -> None:
    from vitk.web.security import csrf_token

    token = csrf_token(web_app.state.vitk.secret, CSRF_COOKIE_VALUE, "")
    operations = _operations(web_app)
    assert len(operations) >= 18
    calls = 0
    for op in operations:
        calls += _fuzz(op, token)
    assert calls >= 10 * len(operations)


def test_schema_lists_the_api(web_app: Any) -> None:
    from fastapi.testclient import TestClient

    paths = TestClient(web_app).get("/api/openapi.json").json()["paths"]
    assert {
        "/api/diary",
        "/api/dashboard",
        "/api/report",
        "/api/simulate",
        "/api/export",
        "/api/import",
        "/api/profile",
        "/api/foods/search",
    } <= set(paths)
    assert all(p.startswith("/api") for p in paths)


MALFORMED_BODIES = {
    "deep-nesting": b"[" * 2000 + b"]" * 2000,  # under every limit, beyond the reader
    "invalid-utf8": b'{"date": "\xff\xfe"}',
    "5000-digits": b'{"n": ' + b"7" * 5000 + b"}",
}


def test_every_json_body_operation_refuses_malformed_and_oversized_bodies(web_app: Any) -> None:
    """Each operation of the schema that takes a JSON body: 422 for JSON Python cannot
    read, 413 for a body over its path's limit; both in the error shape."""
    from fastapi.testclient import TestClient

    from vitk.web.middleware import body_limit

    client = TestClient(web_app)
    headers = {
        "X-CSRF-Token": client.get("/api/session").json()["csrf_token"],
        "content-type": "application/json",
    }
    paths = client.get("/api/openapi.json").json()["paths"]
    checked = []
    for path, ops in paths.items():
        for method, op in ops.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if "application/json" not in content:
                continue
            url = path.replace("{entry_id}", "1")
            checked.append(f"{method.upper()} {path}")
            for name, body in MALFORMED_BODIES.items():
                r = client.request(method.upper(), url, content=body, headers=headers)
                assert r.status_code == 422, (method, path, name, r.text[:200])
                got = r.json()
                assert got["error"].startswith("request body is not valid JSON"), got
                assert got["ok"] is False and got["status"] == 422
            big = b'{"x": "' + b"a" * body_limit(url) + b'"}'
            r = client.request(method.upper(), url, content=big, headers=headers)
            assert r.status_code == 413 and r.json()["status"] == 413, (method, path)
    assert {"PUT /api/profile", "POST /api/diary", "POST /api/login"} <= set(checked)
