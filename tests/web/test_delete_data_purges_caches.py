"""Deleting one's data also empties the caches that were built from it."""

from __future__ import annotations

from tests.web.conftest import Api
from tests.web.test_single_user import add, form


def test_deleting_data_purges_the_caches(api: Api) -> None:
    st = api.client.app.state.vitk
    uid = st.local_user().user_id
    add(api, "natto", "85 g")
    assert api.get("/api/dashboard?date=2026-11-20").json()["day"]["mk7_ug"] > 800
    api.get("/dashboard?date=2026-11-20")
    assert any(k[1] == uid for k in st.dashboards._data) and len(st.cache) > 0
    r = api.post("/data/delete", data=form(api, confirm="DELETE"), follow_redirects=False)
    assert r.status_code == 303
    assert not any(k[1] == uid for k in st.dashboards._data) and len(st.cache) == 0
    add(api, "natto", "85 g")
    api.get("/api/dashboard")
    assert api.delete("/api/data").status_code == 200
    assert not any(k[1] == uid for k in st.dashboards._data) and len(st.cache) == 0
    assert api.get("/api/dashboard?date=2026-11-20").json()["has_entries"] is False
