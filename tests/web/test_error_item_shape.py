"""Every web error has one shape: each item has a field and a message; bad import rows,
truncated JSON and a bad Host header included."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import Api
from tests.web.test_single_user import add, assert_error_shape, form


def test_import_with_several_bad_rows_is_one_line_and_lists_each(api: Api) -> None:
    data = (
        b"date,kind,item,amount\n2026-11-01,food,natto,40 g\n2999-01-01,food,natto,40 g\n"
        b"3000-01-01,food,natto,4 g\n"
    )
    body = assert_error_shape(api.post("/api/import", files={"file": ("d.csv", data)}), 422)
    assert "2999-01-01" in body["error"] and "1 more bad row" in body["error"]
    assert [e["msg"][:6] for e in body["errors"]] == ["row 2:", "row 3:"]
    r = api.post("/data/import", data=form(api), files={"file": ("d.csv", data)})
    assert r.status_code == 422 and 'id="data-problems"' in r.text
    assert api.get("/api/diary").json()["entries"] == []


def _items_have_one_shape(body: dict[str, Any]) -> None:
    for item in body["errors"]:
        assert {"field", "msg"} <= set(item), item
        assert item["field"] is None or isinstance(item["field"], str)
        assert isinstance(item["msg"], str) and item["msg"] and "\n" not in item["msg"]


def test_every_error_item_has_field_and_msg(api: Api) -> None:
    cases = [
        (api.post("/api/diary", json={"date": "x", "kind": "food"}), 422),  # validation
        (api.put("/api/profile", json={"age": "abc", "sex": "female"}), 422),  # field errors
        (add(api, "xqzzyq", "40 g"), 422),  # library error
        (api.get("/api/diary/424242"), 404),  # not found
        (api.get("/api/report"), 409),  # HTTPProblem
        (api.get("/api/nope"), 404),  # routing
        (api.post("/api/diary", json={}, headers={"X-CSRF-Token": "bad"}), 403),
    ]
    for resp, status in cases:
        _items_have_one_shape(assert_error_shape(resp, status))
    body = cases[0][0].json()
    assert {e["field"] for e in body["errors"]} >= {"date", "item", "amount"}
    assert all("loc" in e for e in body["errors"])  # kept for older clients
    assert body["errors"][0]["loc"][0] == "body"
    assert cases[1][0].json()["errors"][0]["field"] == "age"
    assert cases[2][0].json()["errors"][0]["field"] is None


def test_truncated_json_body_says_so(api: Api) -> None:
    text = '{"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40'
    r = api.post("/api/diary", content=text, headers={"content-type": "application/json"})
    body = assert_error_shape(r, 422)
    m = re.match(r"request body is not valid JSON \(at character (\d+)\): (.+)\.$", body["error"])
    assert m is not None, body["error"]
    assert (
        text.index('"40') == int(m.group(1)) and m.group(2) == "unterminated string starting there"
    )
    r = api.post("/api/diary", content="{", headers={"content-type": "application/json"})
    assert assert_error_shape(r, 422)["error"].startswith(
        "request body is not valid JSON (at character 1)"
    )
    assert "Invalid field" not in body["error"]
    assert body["errors"][0]["field"] is None
    _items_have_one_shape(body)


def test_bad_host_header_gets_the_json_error_shape_on_api(api: Api) -> None:
    r = api.get("/api/health", headers={"host": "evil.example"})
    body = assert_error_shape(r, 400)
    assert "evil.example" in body["error"] and "127.0.0.1" in body["error"]
    _items_have_one_shape(body)
    page = api.get("/diary", headers={"host": "evil.example"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "evil.example" in page.text and "<script" not in page.text
    evil = api.get("/api/health", headers={"host": "<script>x</script>"})
    assert (
        evil.status_code == 400
        and "<script>" not in api.get("/diary", headers={"host": "<script>x</script>"}).text
    )
    assert api.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
