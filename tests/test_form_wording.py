"""Problems are said in the page's words: the field as its form labels it and how to fix it,
never pydantic's wording, a pattern, a schema name, a CLI command or a JSON key; the JSON API
keeps its field keys but not the patterns. Also how refused and stale requests answer htmx."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.diary.forms import CRAMP_FORM, NIGHT_FORM
from nightcramps.diary.schemas import CrampCreate, NightUpdate
from nightcramps.web import page_forms
from nightcramps.web.errors import STALE_DELETE
from nightcramps.web.forms import ValidationProblem, label_from_name, on_page
from nightcramps.web.problems import describe_problem, describe_validation_errors

RAW = (
    "Input should",
    "String should",
    "Value error",
    "Field required",
    "\\d",
    "^",
    "severity_0_10",
)
"""Wording and names that no page may show."""


def _csrf(client: TestClient, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _text(answer: Any) -> str:
    """What a page says: its HTML without tags, unescaped."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", answer.text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _problems(model: Any, data: dict[str, Any]) -> dict[str, str]:
    try:
        model.model_validate(data)
    except ValueError as exc:
        return describe_validation_errors(exc.errors(), model)  # type: ignore[attr-defined]
    raise AssertionError("valid")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ({"type": "less_than_equal", "ctx": {"le": 10}}, "give a number up to 10"),
        ({"type": "int_parsing"}, "give a whole number"),
        ({"type": "string_too_long", "ctx": {"max_length": 2000}}, "use at most 2,000 characters"),
        ({"type": "literal_error", "ctx": {"expected": "'left', 'right' or 'both'"}},
         "choose left, right or both"),
        ({"type": "string_pattern_mismatch", "ctx": {"pattern": r"^\d{4}-\d{2}$"}},
         "write it as YYYY-MM, e.g. 2026-11"),
        ({"type": "string_pattern_mismatch", "ctx": {"pattern": "^(portion|kcal|both)$"}},
         "choose portion, kcal or both"),
        ({"type": "string_pattern_mismatch", "ctx": {"pattern": "^[0-9a-f]{8}$"}},
         "is not written the way this field expects"),
        ({"type": "date_from_datetime_parsing", "input": "2026-02-30"},
         "there is no 30 February 2026; check the day"),
        ({"type": "date_from_datetime_parsing", "input": "2024-02-29x"},
         "give a date as YYYY-MM-DD, e.g. 2026-11-24"),
        ({"type": "datetime_from_date_parsing", "input": "2026-13-01T10:00"},
         "there is no month 13; write the date as YYYY-MM-DD, e.g. 2026-11-24"),
        ({"type": "extra_forbidden"}, "is not a field this accepts; remove it"),
        ({"type": "value_error", "msg": "Value error, birth year is in the future"},
         "birth year is in the future"),
    ],
)  # fmt: skip
def test_each_kind_of_problem_says_how_to_fix_it(error: dict[str, Any], said: str) -> None:
    """Pydantic's error kinds become instructions, never a pattern or pydantic's sentence."""
    assert describe_problem(error) == said


def test_a_model_gives_the_whole_range_and_the_choices() -> None:
    """With the model, a number says both bounds and a missing choice lists the choices."""
    problems = _problems(CrampCreate, {"night_of": "2026-11-23", "muscle": "calf",
                                       "severity_0_10": "99", "duration_min": "-5"})  # fmt: skip
    assert problems == {
        "side": "choose left, right or both",
        "severity_0_10": "give a whole number from 0 to 10",
        "duration_min": "give a number above 0, up to 240",
    }
    assert all(isinstance(p, ValidationProblem) for p in problems.values())
    weight = _problems(ProfileUpdate, {"weight_kg": "5"})
    assert weight == {"weight_kg": "give a number above 20, up to 400"}


def test_a_form_says_its_labels_and_its_own_fixes() -> None:
    """Validation problems get the form's label and fix; a refusal keeps its words after the
    label; a text already labelled is kept; schema keys become the inputs they are typed in."""
    problems = _problems(CrampCreate, {"night_of": "2026-11-23", "muscle": "calf",
                                       "severity_0_10": "99", "relief": ["yoga"]})  # fmt: skip
    assert on_page(CRAMP_FORM, problems) == {
        "side": "Side: choose left, right or both.",
        "severity_0_10": "Severity: give a whole number from 0 (none) to 10 (worst), e.g. 6.",
        "relief": "Relief: choose from the buttons shown.",
    }
    assert on_page(CRAMP_FORM, {"at": "is in the future"}) == {
        "time": "Time it began: is in the future."
    }
    labelled = {"notes": "Notes: too long for the page."}
    assert on_page(NIGHT_FORM, labelled) == labelled
    assert on_page(None, {"sleep_disturbance_0_10": "is required"}) == {
        "sleep_disturbance_0_10": "Sleep disturbance: is required."
    }


@pytest.mark.parametrize(
    ("name", "label"),
    [("sleep_disturbance_0_10", "Sleep disturbance"), ("magnesium_mg", "Magnesium"),
     ("relief.0", "Relief"), ("duration_min", "Duration"), ("input", "Input")],
)  # fmt: skip
def test_a_label_is_made_for_a_field_no_form_describes(name: str, label: str) -> None:
    """A field no form describes is still named in words, without units or indexes."""
    assert label_from_name(name) == label


def _paths(routes: Any) -> Iterator[str]:
    """Every route path, also those of included routers (pages have no prefix)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _paths(route.original_router.routes)
        elif isinstance(getattr(route, "path", None), str):
            yield route.path


def test_every_form_in_the_registry_is_a_route_of_the_app(app: FastAPI) -> None:
    """Each route the registry labels exists, so that a renamed route is caught here."""
    assert set(page_forms.BY_ROUTE) <= set(_paths(app.routes))


@pytest.mark.parametrize(
    ("form", "model", "typed"),
    [(CRAMP_FORM, CrampCreate, {"time"}), (NIGHT_FORM, NightUpdate, {"night_of"})],
)
def test_every_input_a_diary_form_labels_is_a_field_of_its_schema(
    form: Any, model: Any, typed: set[str]
) -> None:
    """The labelled inputs are the schema's fields (or typed for one: the time for ``at``, the
    night in the address), so that a renamed field is caught here."""
    assert set(form.fields) - typed <= set(model.model_fields)
    assert all(form.names_an_input(alias) for alias in form.aliases)


def test_cramp_page_names_fields_by_their_labels(client: TestClient) -> None:
    """The cramp form with no side and severity 99 says 'Side: …' and 'Severity: …' beside the
    fields, never the schema's names or pydantic's words."""
    token = _csrf(client, "/cramps/new?night_of=2026-11-23")
    data = {"csrf_token": token, "night_of": "2026-11-23", "muscle": "calf",
            "severity_0_10": "99", "time": ""}  # fmt: skip
    answer = client.post("/cramps", data=data)
    assert answer.status_code == 422
    assert '<p class="field-error" id="side-error">Side: choose left, right or both.</p>' in (
        answer.text
    )
    assert 'id="severity_0_10-error">Severity: give a whole number from 0 (none)' in answer.text
    text = _text(answer)
    for raw in RAW:
        assert raw not in text, raw
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("/diary?month=abc", "Month: write it as 2026-11 (the year, then the month)."),
        ("/diary/2026-02-30", "There is no 30 February 2026; check the day. Check the address."),
        ("/day/2026-13-01", "There is no month 13; write the date as YYYY-MM-DD"),
    ],
)
def test_a_mistyped_address_is_said_in_words(client: TestClient, address: str, said: str) -> None:
    """The audit's '/diary?month=abc' and '/diary/2026-02-30' say what to fix in words."""
    for headers in ({}, {"HX-Request": "true"}):
        answer = client.get(address, headers=headers)
        assert answer.status_code == 422
        text = _text(answer)
        assert said in text
        assert "path." not in text and "night_of" not in text
        for raw in RAW:
            assert raw not in text, raw


def test_a_refused_htmx_form_answers_a_message_for_the_page(client: TestClient) -> None:
    """A night's disturbance of 11 sent by htmx: a fragment for #messages that lists the field
    by its label, does not change the address and is never cached."""
    client.post("/api/v1/nights", json={"night_of": "2026-11-23", "no_cramps": True})
    token = _csrf(client, "/diary/2026-11-23")
    answer = client.post(
        "/diary/2026-11-23",
        data={"csrf_token": token, "sleep_disturbance_0_10": "11", "notes": ""},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 422
    assert answer.headers["hx-retarget"] == "#messages"
    assert answer.headers["hx-push-url"] == "false"
    assert answer.headers["cache-control"] == "no-store"
    assert "Please check the fields marked below." in answer.text
    assert (
        '<li data-field="sleep_disturbance_0_10">Sleep disturbance: give a whole number from 0 '
        "(slept through) to 10 (no sleep).</li>"
    ) in answer.text
    assert "Input should" not in answer.text


def test_a_stale_delete_goes_back_to_the_page_and_says_so(client: TestClient) -> None:
    """Deleting a cramp that is not there: back to the page it came from, which says so."""
    token = _csrf(client, "/diary")
    answer = client.post(
        "/cramps/999/delete",
        data={"csrf_token": token},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/diary?month=2026-11"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/diary?month=2026-11"
    shown = client.get("/diary?month=2026-11")
    assert STALE_DELETE in html.unescape(shown.text)
    away = client.post(
        "/cramps/999/delete",
        data={"csrf_token": token},
        headers={"Referer": "https://elsewhere.example/diary"},
        follow_redirects=False,
    )
    assert away.headers["location"] == "/"  # never back to another site


def test_the_api_keeps_its_keys_but_shows_no_pattern(client: TestClient) -> None:
    """A food id in the wrong form: the API names the key and says how to write it, without the
    regular expression; a query with a choice lists the choices."""
    answer = client.post("/api/v1/intake", json={"food_id": "BAD ID", "quantity": 1, "unit": "g"})
    assert answer.status_code == 422
    body = answer.json()
    assert body["fields"]["food_id"] == "give a food id as the search gives it, e.g. usda:09040"
    assert "^" not in body["detail"] and "[a-z]" not in body["detail"]
    rich = client.get("/api/v1/foods/rich-in/magnesium_mg?by=fat")
    assert rich.json()["fields"]["by"] == "choose portion, kcal or both"
