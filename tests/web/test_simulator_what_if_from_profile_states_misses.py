"""The web simulator's INR what-if runs on the profile's own VKA, INR and supplements, and the
page and its JSON twin state where the model misses published data, and why."""

import html

PROFILE = {
    "age": 70,
    "sex": "male",
    "medications": ["acenocoumarol 3 mg"],
    "labs": {"inr": 2.6},
    "supplements": {"vitamin_k": [{"form": "MK-7", "dose_ug": 45}]},
}


def test_what_if_starts_from_the_profile_and_the_page_says_why_the_model_misses(api):
    assert api.put("/api/profile", json=PROFILE).status_code == 200
    page = api.get("/simulator")
    assert "INR what-if under acenocoumarol" in page.text  # the label names the profile's VKA
    r = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=45&every=24h&days=14&inr=true")
    assert r.status_code == 200
    text = html.unescape(r.text)
    assert "Starts from INR 2.6 (your profile) on acenocoumarol" in text
    assert "MK-7 45 µg/d already taken" in text
    # The miss and its reason, as the library wrote them.
    assert "observed -40 % (Theuwissen2013)" in text
    assert "outside 1.5x: MK-7's hepatic potency" in text
    data = api.get("/api/simulate?forms=MK-7&dose_ug=45&every=24h&days=14&inr=true").json()
    start = data["inr"]["meta"]["starts_from"]
    assert start["vka"] == "acenocoumarol" and start["inr"] == 2.6
    assert start["current_supplements"] == [{"form": "MK-7", "dose_ug_per_day": 45.0}]
    band = data["inr"]["bands"]["inr_end"]
    assert band["p5"] < band["median"] < band["p95"]
    sentences = [o["sentence"] for o in data["inr"]["validation"]["observations"]]
    assert any("outside 1.5x" in s for s in sentences)
    for sentence in sentences:
        assert sentence in text


def test_without_a_vka_the_what_if_label_says_warfarin(api):
    assert api.put("/api/profile", json={"age": 40, "sex": "female"}).status_code == 200
    assert "INR what-if under warfarin" in api.get("/simulator").text
