"""Web: an unknown diary food opens a pick step; app imports show correctable matches; FHIR."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fhir.resources.bundle import Bundle
from tests.web.conftest import Api

DATA = Path(__file__).parents[1] / "data" / "imports"
CRONOMETER = (DATA / "cronometer-servings.csv").read_bytes()


def form(api: Api, **fields: str) -> dict[str, str]:
    return {"csrf_token": api.token, **fields}


def entries(api: Api) -> list[dict]:
    return api.get("/api/diary").json()["entries"]


def test_unknown_food_opens_a_pick_step_not_an_error(api: Api) -> None:
    row = {"date": "2026-11-20", "kind": "food", "item": "brie de meaux", "amount": "30 g"}
    r = api.post("/diary", data=form(api, **row))
    assert r.status_code == 200 and "Pick a food" in r.text
    picks = re.findall(r'data-food="([^"]+)">([^<]+)<', r.text)
    # Ranked: the food sharing the word first; every offer shares a word or a close
    # spelling ("brien", "brine"), so brie never brings chicken.
    assert picks and "brie" in html.unescape(picks[0][1]).lower()
    assert r.text.count("shares: ") == len(picks)
    assert "chicken" not in r.text.lower()
    assert "lower bound" in r.text  # the library's words for what keeping it means
    assert entries(api) == []  # nothing stored until a choice
    food_id = picks[0][0]
    r = api.post("/diary", data=form(api, **{**row, "item": food_id}), follow_redirects=False)
    assert r.status_code == 303
    assert [(e["item"], e["amount"]) for e in entries(api)] == [(food_id, "30 g")]


def test_keeping_an_unknown_food_stores_it_and_marks_the_day(api: Api) -> None:
    api.post(
        "/api/diary", json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40 g"}
    )
    row = {"date": "2026-11-20", "kind": "food", "item": "xqzzy pie", "amount": "50 g"}
    r = api.post("/diary", data=form(api, **row, keep_unknown="on"), follow_redirects=False)
    assert r.status_code == 303
    assert [e["item"] for e in entries(api)] == ["natto", "xqzzy pie"]
    page = api.get("/diary?date=2026-11-20")
    assert page.status_code == 200
    assert "Unknown food: adds nothing, so this day is a lower bound (≥)" in html.unescape(
        page.text
    )
    dash = api.get("/api/dashboard?date=2026-11-20").json()
    assert "k_total_ug" in dash["day_lower_bound"]
    assert [u["item"] for u in dash["day_unknown_foods"]] == ["xqzzy pie"]
    assert "lower bound" in html.unescape(api.get("/dashboard?date=2026-11-20").text)


def _token(text: str) -> str:
    m = re.search(r'name="token" value="([^"]+)"', text)
    assert m, text[:500]
    return m[1]


def _names(text: str) -> dict[str, str]:
    return {html.unescape(v): k for k, v in re.findall(r'name="name_(\d+)" value="([^"]+)"', text)}


def test_app_import_review_correct_and_confirm(api: Api) -> None:
    r = api.post(
        "/data/import-app",
        data=form(api, source="cronometer"),
        files={"file": ("servings.csv", CRONOMETER, "text/csv")},
    )
    assert r.status_code == 200, r.text
    assert "Kale, raw" in r.text and "kale-raw" in r.text
    assert "2026-09-25" in r.text  # the day Cronometer and vitk differ by > 2×
    assert entries(api) == []  # nothing stored before confirming
    token, names = _token(r.text), _names(r.text)
    oats = names["Oats, rolled"]
    bad = api.post(
        "/data/import-app/confirm",
        data=form(
            api,
            token=token,
            action="import",
            **{f"name_{oats}": "Oats, rolled", f"fix_{oats}": "zzzqx"},
        ),
    )
    assert bad.status_code == 422 and "Unknown food" in bad.text
    assert entries(api) == []
    ok = api.post(
        "/data/import-app/confirm",
        data=form(
            api,
            token=token,
            action="import",
            **{f"name_{oats}": "Oats, rolled", f"fix_{oats}": "Oats"},
        ),
        follow_redirects=False,
    )
    assert ok.status_code == 303 and "Imported%2010%20diary%20rows" in ok.headers["location"]
    items = [e["item"] for e in entries(api)]
    assert len(items) == 10 and "kale-raw" in items and "Oats, rolled" not in items


def test_a_bad_export_stores_nothing_and_lists_every_bad_row(api: Api) -> None:
    bad = b"Day,Food Name,Amount,Energy (kcal)\n2026-02-30,Kale raw,1 cup,8\n2026-01-01,Kale raw,3 zorks,\n"
    r = api.post(
        "/data/import-app",
        data=form(api, source="cronometer"),
        files={"file": ("servings.csv", bad, "text/csv")},
    )
    assert r.status_code == 422
    problems = re.findall(r"<li>([^<]+)</li>", r.text.split('id="data-problems"')[1])
    assert [html.unescape(p).split(":")[1].strip() for p in problems] == ["row 1", "row 2"]
    assert entries(api) == []


def test_api_import_and_fhir_export(api: Api) -> None:
    assert api.get("/api/export.fhir.json").status_code == 404
    r = api.post(
        "/api/import/cronometer",
        data={"store": "true", "corrections": '{"Oats, rolled": "usda:08120"}'},
        files={"file": ("servings.csv", CRONOMETER, "text/csv")},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ok"] is True and body["stored"] == 10
    oats = next(m for m in body["matches"] if m["name"] == "Oats, rolled")
    assert (oats["food_id"], oats["how"]) == ("usda:08120", "corrected")
    bundle = Bundle.model_validate(api.get("/api/export.fhir.json").json())
    assert [str(e.resource.occurrenceDateTime) for e in bundle.entry] == [
        "2026-09-24",
        "2026-09-25",
        "2026-09-26",
    ]
    page = api.get("/data/export.fhir.json")
    assert page.status_code == 200 and page.headers["content-type"].startswith(
        "application/fhir+json"
    )
