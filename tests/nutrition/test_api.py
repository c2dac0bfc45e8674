"""The nutrition JSON API and the day pages through the app factory."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient


def _log(client: TestClient, **body: object) -> dict[str, Any]:
    answer = client.post("/api/v1/intake", json=body)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_intake_crud(client: TestClient) -> None:
    """An entry is created, read, rescaled, deleted and restored over the API."""
    body = _log(client, phrase="1 medium banana", at="2026-11-23T08:00:00")
    assert body["day"] == "2026-11-23" and body["food"]["id"] == "fndds:63107010"
    assert set(body["nutrients"]) >= {"magnesium_mg", "potassium_mg", "water_g", "energy_kcal"}
    assert body["warnings"] == []
    entry_id = body["id"]
    assert client.get(f"/api/v1/intake/{entry_id}").json()["meal"] == "breakfast"
    patched = client.patch(f"/api/v1/intake/{entry_id}", json={"quantity": 2})
    assert patched.status_code == 200
    assert patched.json()["nutrients"]["magnesium_mg"] == 70.6
    listed = client.get("/api/v1/intake", params={"from": "2026-11-23", "to": "2026-11-23"})
    assert listed.json()["count"] == 1
    assert client.delete(f"/api/v1/intake/{entry_id}").status_code == 204
    assert client.get(f"/api/v1/intake/{entry_id}").status_code == 404
    assert client.post(f"/api/v1/intake/{entry_id}/restore").json()["id"] == entry_id


def test_day_json_has_totals_unknowns_water_and_gaps(client: TestClient) -> None:
    """The day: totals vs targets, unknown counts, fluids apart from food water, and gaps."""
    client.patch("/api/v1/profile", json={"birth_year": 1966, "sex": "female"})
    _log(client, phrase="1 medium banana", at="2026-11-23T08:00:00")
    _log(client, phrase="500 ml water", kind="drink", at="2026-11-23T09:00:00")
    day = client.get("/api/v1/days/2026-11-23").json()
    assert day["logged"] is True
    magnesium = next(n for n in day["nutrients"] if n["nutrient"] == "magnesium_mg")
    assert magnesium["target"] == 320 and magnesium["target_kind"] == "RDA"
    assert magnesium["unknown_items"] == 0 and magnesium["items"] == 2
    assert day["water"]["fluids_ml"] == 500
    assert day["water"]["food_water_ml"] == 95.3
    assert day["water"]["target_ml"] == 2700
    gap = {g["nutrient"]: g for g in day["gaps"]}["magnesium_mg"]
    assert gap["missing"] > 200
    assert len(gap["by_portion"]) == 5 and len(gap["by_calorie"]) == 5
    amounts = [s["amount"] for s in gap["by_portion"]]
    assert amounts == sorted(amounts, reverse=True)
    per_kcal = [s["per_100_kcal"] for s in gap["by_calorie"]]
    assert per_kcal == sorted(per_kcal, reverse=True)
    examples = {s["name"] for s in gap["article_examples"]}
    assert any("Spinach" in n for n in examples) and any("black" in n for n in examples)
    potassium_gap = {g["nutrient"]: g for g in day["gaps"]}["potassium_mg"]
    assert any("Avocado" in s["name"] for s in potassium_gap["article_examples"])


def test_empty_day_is_unknown(client: TestClient) -> None:
    """A day with nothing logged answers logged false and null totals."""
    day = client.get("/api/v1/days/2026-11-01").json()
    assert day["logged"] is False
    assert {n["amount"] for n in day["nutrients"]} == {None}
    assert day["water"]["total_water_ml"] is None


def test_bad_input_is_422_or_404_with_a_message_and_nothing_logged(client: TestClient) -> None:
    """Unknown food, impossible amount, unit not fitting, both phrase and id: clear errors."""
    cases = [
        ({"phrase": "1 cup qqqzzz"}, 404, "No food matches"),
        ({"phrase": "9000 bananas"}, 422, "at most 5 kg"),
        ({"phrase": "-2 cups milk"}, 422, "positive"),
        ({"phrase": "250 ml bread"}, 422, "volume"),
        ({"phrase": "1 banana", "food_id": "usda:09040"}, 422, "exactly one"),
        ({"food_id": "usda:99999", "quantity": 1, "unit": "g"}, 404, "no food"),
        ({"phrase": "1 banana", "colour": "yellow"}, 422, "colour"),
        ({"phrase": "1 banana", "at": "2099-01-01T08:00:00"}, 422, "future"),
    ]
    for body, status, words in cases:
        answer = client.post("/api/v1/intake", json=body)
        assert answer.status_code == status, (body, answer.text)
        assert words.lower() in answer.text.lower(), (body, answer.text)
    assert (
        client.get("/api/v1/intake", params={"from": "2026-01-01", "to": "2030-12-31"}).json()[
            "count"
        ]
        == 0
    )


def test_supplement_api_and_warning(client: TestClient) -> None:
    """A 200 mg magnesium tablet taken twice gives the warning in the second answer."""
    created = client.post(
        "/api/v1/supplements",
        json={"name": "Magnesium citrate", "unit_name": "tablet", "magnesium_mg": 200},
    )
    assert created.status_code == 201
    supplement_id = created.json()["id"]
    first = _log(client, supplement_id=supplement_id, quantity=1)
    assert first["kind"] == "supplement" and first["warnings"] == []
    second = _log(client, supplement_id=supplement_id, quantity=1)
    [warning] = second["warnings"]
    assert "kidney disease" in warning["message"]
    assert client.get("/api/v1/supplements").json()["data"][0]["nutrients"]["magnesium_mg"] == 200
    assert client.delete(f"/api/v1/supplements/{supplement_id}").status_code == 204
    assert client.get(f"/api/v1/supplements/{supplement_id}").status_code == 404


def test_custom_foods_api(client: TestClient) -> None:
    """A custom food from a label is created, logged by id and removed; bad labels are 422."""
    created = client.post(
        "/api/v1/custom-foods",
        json={"name": "Oat bar", "basis": "per_serving", "serving_g": 40, "potassium_mg": 150},
    )
    assert created.status_code == 201, created.text
    food = created.json()
    assert food["food_id"].startswith("custom:")
    assert food["nutrients"]["magnesium_mg"] is None
    logged = _log(client, food_id=food["food_id"], quantity=2, unit="serving")
    assert logged["nutrients"]["potassium_mg"] == 300
    bad = client.post("/api/v1/custom-foods", json={"name": "X", "potassium_mg": -5})
    assert bad.status_code == 422 and "potassium_mg" in bad.json()["fields"]
    duplicate = client.post("/api/v1/custom-foods", json={"name": "oat bar"})
    assert duplicate.status_code == 409
    assert client.delete(f"/api/v1/custom-foods/{food['id']}").status_code == 204


def test_targets_api(client: TestClient) -> None:
    """Targets come from the profile; an override is set and cleared; reference lookups work."""
    client.patch("/api/v1/profile", json={"birth_year": 1950, "sex": "male"})
    targets = client.get("/api/v1/targets").json()
    assert targets["calcium_mg"] == 1200 and targets["sodium_upper_guide_mg"] == 2300
    set_ = client.put("/api/v1/targets/water_ml", json={"value": 2000, "note": "heart clinic"})
    assert set_.json()["water_ml"] == 2000 and set_.json()["overridden"] == {
        "water_ml": "heart clinic"
    }
    assert client.delete("/api/v1/targets/water_ml").json()["water_ml"] == 3700
    assert client.put("/api/v1/targets/iron_mg", json={"value": 8}).status_code == 422
    reference = client.get(
        "/api/v1/targets/reference", params={"age": 25, "sex": "female", "lactating": True}
    )
    assert reference.json()["water_ml"] == 3800
    bad = client.get("/api/v1/targets/reference", params={"age": 40, "sex": "male", "pregnant": 1})
    assert bad.status_code == 422 and "female" in bad.json()["detail"]


def test_repeat_meal_api(client: TestClient) -> None:
    """POST /intake/repeat copies a meal from one day to another."""
    _log(client, phrase="1 medium banana", at="2026-11-20T07:30:00")
    copied = client.post(
        "/api/v1/intake/repeat",
        json={"meal": "breakfast", "from_day": "2026-11-20", "to_day": "2026-11-21"},
    )
    assert copied.status_code == 201, copied.text
    assert copied.json()["data"][0]["day"] == "2026-11-21"
    none = client.post(
        "/api/v1/intake/repeat",
        json={"meal": "dinner", "from_day": "2026-11-20", "to_day": "2026-11-21"},
    )
    assert none.status_code == 404


def _csrf(client: TestClient, url: str) -> str:
    page = client.get(url)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match
    return match.group(1)


def test_day_page_logs_from_the_form_and_shows_unknowns(client: TestClient) -> None:
    """The form logs a phrase; the page shows the entry, bars, and 'unknown' when unknown."""
    page = client.get("/day")
    assert page.status_code == 200
    assert "Nothing logged" in page.text and 'href="/day"' in page.text
    token = _csrf(client, "/day/2026-11-20")
    posted = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": "1 medium banana", "kind": "food", "time": "08:00"},
        follow_redirects=True,
    )
    assert posted.status_code == 200
    assert "Logged 1 medium banana" in posted.text
    assert "Banana, raw" in posted.text
    assert "<progress" not in posted.text  # no profile: no targets, so no bars yet
    assert "set your birth year" in posted.text


def test_day_page_error_keeps_the_typed_text(client: TestClient) -> None:
    """An impossible amount shows the message and the text typed, and logs nothing."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": "9000 bananas", "kind": "food", "time": ""},
    )
    assert answer.status_code == 422
    assert "at most 5 kg" in answer.text and 'value="9000 bananas"' in answer.text
    assert client.get("/api/v1/days/2026-11-20").json()["logged"] is False


def test_unknown_food_on_the_page_offers_did_you_mean(client: TestClient) -> None:
    """An unknown food answers with 'Did you mean' buttons that log the amount typed of it."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": "1 cup yak yogurt", "kind": "food"},
    )
    assert answer.status_code == 422
    assert "Did you mean" in answer.text and 'name="pick" value="fndds:' in answer.text


def test_type_ahead_and_picker(client: TestClient) -> None:
    """Typing '1 medium ban' suggests bananas; the picker lists its measures; picking logs."""
    fragment = client.get("/intake/suggest", params={"phrase": "1 medium ban", "day": "2026-11-20"})
    assert "Bananas, raw" in fragment.text and "<html" not in fragment.text
    picker = client.get("/intake/pick", params={"food_id": "usda:09040", "day": "2026-11-20"})
    assert "medium" in picker.text and 'value="g"' in picker.text
    assert re.search(r'name="csrf_token" value="[^"]+"', picker.text)
    token = _csrf(client, "/day/2026-11-20")
    client.post(
        "/day/2026-11-20/entries",
        data={
            "csrf_token": token,
            "food_id": "usda:09040",
            "quantity": "2",
            "unit": 'medium (7" to 7-7/8" long)',
            "kind": "food",
            "time": "10:00",
        },
    )
    day = client.get("/api/v1/days/2026-11-20").json()
    assert day["entries"][0]["grams"] == 236


def test_my_foods_page_adds_a_supplement_and_a_target(client: TestClient) -> None:
    """The 'your foods' page adds a supplement and saves an own target; errors are shown."""
    token = _csrf(client, "/my-foods")
    added = client.post(
        "/my-foods/supplements",
        data={"csrf_token": token, "name": "Mag 200", "unit_name": "tablet", "magnesium_mg": "200"},
        follow_redirects=True,
    )
    assert "Added Mag 200" in added.text
    bad = client.post(
        "/my-foods/supplements",
        data={"csrf_token": token, "name": "", "magnesium_mg": "-1"},
    )
    assert bad.status_code == 422 and "field-error" in bad.text
    saved = client.post(
        "/my-foods/targets",
        data={"csrf_token": token, "nutrient": "magnesium_mg", "value": "400", "note": "GP"},
        follow_redirects=True,
    )
    assert "Your own target is saved" in saved.text
    assert client.get("/api/v1/targets").json()["magnesium_mg"] == 400


def test_delete_from_the_page_offers_undo(client: TestClient) -> None:
    """Deleting an entry on the page flashes an Undo that restores it."""
    entry = _log(client, phrase="1 medium banana", at="2026-11-20T08:00:00")
    token = _csrf(client, "/day/2026-11-20")
    deleted = client.post(
        f"/intake/{entry['id']}/delete", data={"csrf_token": token}, follow_redirects=True
    )
    assert f'action="/intake/{entry["id"]}/restore"' in deleted.text
    client.post(f"/intake/{entry['id']}/restore", data={"csrf_token": token})
    assert client.get("/api/v1/days/2026-11-20").json()["logged"] is True


def test_impossible_ids_and_days_are_404_or_422_not_500(client: TestClient) -> None:
    """An id beyond any row, year 1 or a malformed date: a clear answer, never a server error."""
    assert client.get("/api/v1/intake/99999999999999").status_code == 422
    assert client.get("/api/v1/supplements/0").status_code == 422
    assert client.get("/api/v1/days/0001-01-01").status_code == 422
    assert "1900" in client.get("/api/v1/days/0001-01-01").json()["detail"]
    assert client.get("/api/v1/days/2026-13-01").status_code == 422
    assert client.get("/day/0001-01-01").status_code == 422
    repeat = client.post(
        "/api/v1/intake/repeat", json={"meal": "breakfast", "to_day": "0001-01-01"}
    )
    assert repeat.status_code == 422
    old = client.post("/api/v1/intake", json={"phrase": "1 banana", "at": "0001-01-01T08:00:00"})
    assert old.status_code == 422


def test_edit_an_entry_on_its_page(client: TestClient) -> None:
    """The edit page changes the amount and time; an impossible amount is refused, unchanged."""
    entry = _log(client, phrase="1 medium banana", at="2026-11-20T08:00:00")
    form = client.get(f"/intake/{entry['id']}/edit")
    assert form.status_code == 200 and 'value="08:00"' in form.text
    token = _csrf(client, f"/intake/{entry['id']}/edit")
    saved = client.post(
        f"/intake/{entry['id']}/edit",
        data={"csrf_token": token, "quantity": "2", "time": "09:15", "meal": "breakfast"},
        follow_redirects=True,
    )
    assert "Changed to 2 medium banana" in saved.text
    changed = client.get(f"/api/v1/intake/{entry['id']}").json()
    assert changed["nutrients"]["magnesium_mg"] == 70.6
    assert changed["eaten_at"].startswith("2026-11-20T09:15")
    refused = client.post(
        f"/intake/{entry['id']}/edit",
        data={"csrf_token": token, "quantity": "90000", "time": "09:15", "meal": "breakfast"},
    )
    assert refused.status_code == 422 and "kg" in refused.text
    assert client.get(f"/api/v1/intake/{entry['id']}").json()["quantity"] == 2


def test_an_unsure_change_offers_buttons_and_a_tap_changes_the_entry(client: TestClient) -> None:
    """A change to a description the lookup is unsure of leaves the entry as it was and offers
    the foods as buttons; the tap sends the text again with the food meant, and the entry
    changes to that food."""
    entry = _log(client, phrase="1 medium banana", at="2026-11-20T08:00:00")
    token = _csrf(client, f"/intake/{entry['id']}/edit")
    form = {"csrf_token": token, "phrase": "1 cup soda pop", "time": "08:00", "meal": "breakfast"}
    asked = client.post(f"/intake/{entry['id']}/edit", data=form)
    assert asked.status_code == 422
    assert "so the entry is unchanged. Which did you mean?" in asked.text
    picks = re.findall(r'name="pick" value="([^"]+)">([^<]+)</button>', asked.text)
    assert len(picks) >= 2
    assert client.get(f"/api/v1/intake/{entry['id']}").json()["food"]["name"] == "Banana, raw"
    food_id, name = picks[1]
    tapped = client.post(
        f"/intake/{entry['id']}/edit", data=form | {"pick": food_id}, follow_redirects=True
    )
    assert tapped.status_code == 200, tapped.text
    changed = client.get(f"/api/v1/intake/{entry['id']}").json()
    assert (changed["food"]["id"], changed["description"]) == (food_id, "1 cup soda pop")
    assert changed["food"]["name"] == html.unescape(name)


def test_a_change_to_a_measure_the_food_lacks_offers_its_measures(client: TestClient) -> None:
    """ "2 pieces milk" on the edit page: the milk's measures as buttons (× 2); a tap changes
    the entry to 2 of that measure; a tampered quantity is refused with the entry unchanged."""
    entry = _log(client, phrase="1 medium banana", at="2026-11-20T08:00:00")
    token = _csrf(client, f"/intake/{entry['id']}/edit")
    form = {"csrf_token": token, "phrase": "2 pieces milk", "time": "08:00", "meal": "breakfast"}
    asked = client.post(f"/intake/{entry['id']}/edit", data=form)
    assert asked.status_code == 422 and "Tap one of its measures" in asked.text
    food_id = re.search(r'name="food_id" value="([^"]+)"', asked.text)
    assert food_id is not None and 'name="unit" value="cup"' in asked.text
    tap = {"csrf_token": token, "food_id": food_id[1], "unit": "cup", "time": "08:00"}
    bad = client.post(f"/intake/{entry['id']}/edit", data=tap | {"quantity": "lots"})
    assert bad.status_code == 422
    assert client.get(f"/api/v1/intake/{entry['id']}").json()["food"]["name"] == "Banana, raw"
    client.post(f"/intake/{entry['id']}/edit", data=tap | {"quantity": "2"})
    changed = client.get(f"/api/v1/intake/{entry['id']}").json()
    assert (changed["quantity"], changed["unit"], changed["food"]["id"]) == (2, "cup", food_id[1])


def test_gap_lists_flag_the_articles_own_foods(client: TestClient) -> None:
    """A food the article names is flagged article_example in by_portion and by_calorie too."""
    client.patch("/api/v1/profile", json={"birth_year": 1966, "sex": "female"})
    _log(client, phrase="1 medium banana", at="2026-11-23T08:00:00")
    day = client.get("/api/v1/days/2026-11-23").json()
    gap = {g["nutrient"]: g for g in day["gaps"]}["magnesium_mg"]
    article_ids = {s["food_id"] for s in gap["article_examples"]}
    assert {"usda:11458", "usda:16015"} <= article_ids  # spinach, black beans
    listed = gap["by_portion"] + gap["by_calorie"]
    assert {s["food_id"] for s in listed} & article_ids, "the lists should hold an example"
    for suggestion in listed:
        assert suggestion["article_example"] is (suggestion["food_id"] in article_ids), suggestion


def test_day_page_without_a_profile_says_targets_need_it(client: TestClient) -> None:
    """Without a profile the page says targets need it and links to it (not "Targets: unknown")."""
    page = client.get("/day/2026-11-23").text
    assert "Targets: unknown" not in page
    assert "Targets need your profile" in page and 'href="/profile"' in page
    client.patch("/api/v1/profile", json={"birth_year": 1966, "sex": "female"})
    page = client.get("/day/2026-11-23").text
    assert "Targets: Females 51-70 years" in page and "Targets need your profile" not in page


def test_api_refuses_a_solid_food_as_a_drink(client: TestClient) -> None:
    """POST /api/v1/intake with kind "drink" and a banana (phrase or food id) is a 422."""
    by_phrase = client.post(
        "/api/v1/intake",
        json={"phrase": "1 medium banana", "kind": "drink", "at": "2026-11-23T08:00:00"},
    )
    assert by_phrase.status_code == 422
    assert "not a drink" in by_phrase.json()["detail"] and "eat" in by_phrase.json()["detail"]
    by_id = client.post(
        "/api/v1/intake",
        json={"food_id": "usda:09040", "quantity": 1, "unit": "medium", "kind": "drink",
              "at": "2026-11-23T08:00:00"},
    )  # fmt: skip
    assert by_id.status_code == 422
    assert client.get("/api/v1/days/2026-11-23").json()["logged"] is False
    milk = client.post(
        "/api/v1/intake",
        json={"phrase": "1 cup milk", "kind": "drink", "at": "2026-11-23T08:00:00"},
    )
    assert milk.status_code == 201 and milk.json()["volume_ml"] == 236.6


def test_page_logs_a_solid_food_sent_as_a_drink_as_food(client: TestClient) -> None:
    """The form with 'a drink' and a banana logs it as food and says why, with no CLI command
    or JSON key; it counts no fluid."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": "1 medium banana", "kind": "drink", "time": ""},
    )
    assert answer.status_code == 200  # after the redirect to the day
    text = html.unescape(answer.text)
    assert "Logged 1 medium banana as food: Banana, raw is a food, not a drink" in text
    assert "nightcramps eat" not in text and '"kind": "food"' not in text
    day = client.get("/api/v1/days/2026-11-20").json()
    assert [e["kind"] for e in day["entries"]] == ["food"]
    assert day["water"]["fluids_ml"] is None


def test_favourites_and_recent_over_the_api(client: TestClient) -> None:
    """Star a logged item, log it again with one call, list and remove it; recent items too."""
    banana = _log(client, phrase="1 medium banana", at="2026-11-23T08:00:00")
    _log(client, phrase="250 ml orange juice", kind="drink", at="2026-11-23T08:05:00")
    _log(client, phrase="1 medium banana", at="2026-11-23T16:00:00")
    recent = client.get("/api/v1/intake/recent").json()
    assert [e["description"] for e in recent["data"]] == ["1 medium banana", "250 ml orange juice"]
    starred = client.post("/api/v1/favourites", json={"entry_id": banana["id"]})
    assert starred.status_code == 201, starred.text
    favourite = starred.json()
    again = client.post("/api/v1/favourites", json={"entry_id": banana["id"]}).json()
    assert again["id"] == favourite["id"]  # the same item is one favourite
    logged = client.post(
        f"/api/v1/favourites/{favourite['id']}/log", json={"at": "2026-11-24T07:30:00"}
    )
    assert logged.status_code == 201, logged.text
    assert logged.json()["day"] == "2026-11-24"
    assert logged.json()["nutrients"] == banana["nutrients"]
    relogged = client.post(f"/api/v1/intake/{banana['id']}/again", json={})
    assert relogged.status_code == 201 and relogged.json()["description"] == "1 medium banana"
    assert client.get("/api/v1/favourites").json()["count"] == 1
    assert client.delete(f"/api/v1/favourites/{favourite['id']}").status_code == 204
    assert client.get("/api/v1/favourites").json() == {"data": [], "count": 0}
    gone = client.post(f"/api/v1/favourites/{favourite['id']}/log", json={})
    assert gone.status_code == 404 and "no favourite" in gone.json()["detail"]
    assert client.post("/api/v1/favourites", json={"entry_id": 999999}).status_code == 404
    assert client.get("/api/v1/intake/recent", params={"limit": 0}).status_code == 422
