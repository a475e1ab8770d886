"""The web app on each storage backend (SQLite and PostgreSQL): a short end-to-end run."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


# vitk.foods.catalogue caches a catalogue per URL and drops the engine it used to look for
# USDA data without disposing it; psycopg then warns when the pooled connection is
# collected. Not ours to fix here (reported to the lead).
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_app_flow_and_isolation_on_backend(db_url: str) -> None:
    from vitk.web import create_app

    app = create_app(db_url, multi_user=True)
    clients = []
    for name in ("alice", "bob"):
        c = TestClient(app, base_url="https://testserver")
        c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
        assert (
            c.post(
                "/api/register", json={"username": name, "password": "long enough pw"}
            ).status_code
            == 201
        )
        c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
        clients.append(c)
    a, b = clients
    assert (
        a.put(
            "/api/profile", json={"age": 70, "sex": "male", "medications": ["warfarin"]}
        ).status_code
        == 200
    )
    eid = a.post(
        "/api/diary", json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40 g"}
    ).json()["entry"]["entry_id"]
    d1 = a.get("/api/dashboard").json()
    assert d1["day"]["mk7_ug"] > 100 and d1["anticoagulated"] is True
    # The dashboard cache follows every write.
    a.put(
        f"/api/diary/{eid}",
        json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "80 g"},
    )
    d2 = a.get("/api/dashboard").json()
    assert d2["day"]["mk7_ug"] > 1.9 * d1["day"]["mk7_ug"]
    assert "vka" in {s["category"] for s in a.get("/api/report").json()["report"]["safety"]}
    assert b.get(f"/api/diary/{eid}").status_code == 404
    assert b.delete(f"/api/diary/{eid}").status_code == 404
    assert b.get("/api/diary").json()["entries"] == []
    assert b.get("/api/dashboard").json()["has_entries"] is False
    assert a.get(f"/api/diary/{eid}").json()["entry"]["amount"] == "80 g"
    app.state.vitk.repo.engine.dispose()
    import gc

    gc.collect()  # let the undisposed catalogue engine warn here, inside the filter
