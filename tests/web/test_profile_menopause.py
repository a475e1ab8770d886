"""Menopause status on the profile form: stored, shown selected, used by the report, and a
man with a menopause status is a field error (nothing saved)."""

from __future__ import annotations

from tests.web.conftest import Api
from tests.web.test_single_user import form


def test_profile_form_stores_menopause_and_the_report_uses_it(api: Api) -> None:
    r = api.post(
        "/profile", data=form(api, age="58", sex="female", menopause="post"), follow_redirects=False
    )
    assert r.status_code == 303, r.text
    assert api.get("/api/profile").json()["profile"]["menopause"] == "post"
    page = api.get("/profile").text
    assert '<option value="post" selected>' in page
    report = api.get("/api/report").json()
    meno = next(s for s in report["report"]["recommendations"] if s["rule_id"] == "REL-MENO-01")
    assert meno["applies"] is True
    bad = api.post("/profile", data=form(api, age="58", sex="male", menopause="post"))
    assert bad.status_code == 422 and 'id="err-menopause"' in bad.text
