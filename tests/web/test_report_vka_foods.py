"""The web report does not present high-vitamin-K foods as options to a VKA user."""

from __future__ import annotations

from typing import Any


def test_vka_report_page_relabels_the_food_section(api: Any) -> None:
    assert api.put("/api/profile", json={"age": 60, "sex": "female", "medications": ["warfarin"]})
    row = {"date": "2026-11-02", "kind": "food", "item": "spinach raw", "amount": "100 g"}
    assert api.post("/api/diary", json=row).status_code in (200, 201)
    page = api.get("/report").text
    assert "Vitamin K content of common foods" in page
    assert "<h2>Food options</h2>" not in page
    foods = page[page.index("Vitamin K content of common foods") :]
    foods = foods[: foods.index("<h2>References</h2>")]
    assert "Natto" not in foods.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert "50 µg or more of K2" in foods


def test_non_vka_report_page_keeps_food_options(api: Any) -> None:
    api.put("/api/profile", json={"age": 60, "sex": "female"})
    row = {"date": "2026-11-02", "kind": "food", "item": "spinach raw", "amount": "100 g"}
    assert api.post("/api/diary", json=row).status_code in (200, 201)
    assert "<h2>Food options</h2>" in api.get("/report").text


def test_infant_report_page_lists_no_foods_and_says_why(api: Any) -> None:
    api.put("/api/profile", json={"age": 0.3, "sex": "female"})
    row = {"date": "2026-11-02", "kind": "food", "item": "spinach raw", "amount": "100 g"}
    assert api.post("/api/diary", json=row).status_code in (200, 201)
    page = api.get("/report").text
    assert "Food and supplements for a baby under 1 year" in page
    assert "paediatrician" in page.split('id="food-note"', 1)[1]
    assert "<h2>Food options</h2>" not in page


def test_vka_report_page_lists_foods_by_total_vitamin_k_like_the_cli(api: Any) -> None:
    api.put("/api/profile", json={"age": 60, "sex": "female", "medications": ["warfarin"]})
    row = {"date": "2026-11-02", "kind": "food", "item": "spinach raw", "amount": "100 g"}
    assert api.post("/api/diary", json=row).status_code in (200, 201)
    page = api.get("/report").text
    table = page[page.index('id="vka-foods"') :]
    table = table[: table.index("</table>")]
    assert "Spinach" in table and "Natto" in table
    assert table.index("Spinach") < table.index("Natto")  # K1 greens first
    assert "USDA-SR28" in table and "n.m." in table  # µg by form with source keys
    assert 'id="consistency-target"' in page
    assert "a day (" in page  # the diary's own daily amount with its band
    assert page.index('id="vka-foods"') < page.index('id="flag-note"')  # flag below the list
