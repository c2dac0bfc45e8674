"""Guidance pages and JSON API through the app factory."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from icalendar import Calendar

from nightcramps.guidance import knowledge, redflags
from tests.factories import TEST_NOW


def _csrf(client: TestClient, path: str = "/checkup") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _recent_start(hours: float = 1) -> str:
    return (TEST_NOW - timedelta(hours=hours)).isoformat()


def _cramp_now(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "started_at": _recent_start(),
        "duration_s": 95,
        "side": "left",
        "severity_0_10": 6,
        "relief": ["stretch"],
    }
    body.update(overrides)
    return body


# ---------------------------------------------------------------------------- knowledge base


def test_api_lists_every_entry_with_grade_and_citations(client: TestClient) -> None:
    """GET /api/v1/guidance returns every entry, each graded and cited."""
    body = client.get("/api/v1/guidance").json()
    assert body["count"] == len(knowledge.ENTRIES)
    for entry in body["data"]:
        assert entry["grade"] in knowledge.GRADES
        assert entry["citations"] and entry["citations"][0]["short"]
        assert entry["url"] == f"/guidance/{entry['slug']}"


def test_api_filters_by_kind_and_refuses_unknown_kinds(client: TestClient) -> None:
    """?kind=relief gives only relief entries; an unknown kind is a 422 naming the choices."""
    relief = client.get("/api/v1/guidance", params={"kind": "relief"}).json()
    assert relief["count"] and {e["kind"] for e in relief["data"]} == {"relief"}
    bad = client.get("/api/v1/guidance", params={"kind": "magic"})
    assert bad.status_code == 422 and "kind" in bad.json()["fields"]


def test_api_entry_and_factor(client: TestClient) -> None:
    """One entry by slug, and the entry for a logged factor."""
    magnesium = client.get("/api/v1/guidance/magnesium").json()
    assert magnesium["grade"] == "contradicted"
    assert any("Garrison SR" in c["short"] for c in magnesium["citations"])
    assert client.get("/api/v1/guidance/factors/fluid_ml").json()["slug"] == "fluids"


def test_api_unknown_entry_or_factor_is_404_with_a_hint(client: TestClient) -> None:
    """Unknown slugs and factor keys answer 404 with a message saying what exists."""
    missing = client.get("/api/v1/guidance/unicorn")
    assert missing.status_code == 404 and "/guidance" in missing.json()["detail"]
    factor = client.get("/api/v1/guidance/factors/iron_mg")
    assert factor.status_code == 404 and "magnesium_mg" in factor.json()["detail"]


def test_index_and_entry_pages(client: TestClient) -> None:
    """The index lists every entry with its grade; an entry page shows claim, evidence, sources."""
    index = client.get("/guidance")
    assert index.status_code == 200
    for entry in knowledge.ENTRIES:
        assert f'href="/guidance/{entry.slug}"' in index.text
    page = client.get("/guidance/bedtime-stretching")
    assert "What the article says" in page.text and "What the evidence says" in page.text
    assert "Hallegraeff JM, van der Schans CP" in page.text and "Coppin RJ, Wicke DM" in page.text
    assert "Evidence: weak" in page.text and "NHS, accessed 2026" in page.text
    assert client.get("/guidance/unicorn").status_code == 404


# ---------------------------------------------------------------------------- check-up


def test_checkup_answers_raise_a_same_day_finding(client: TestClient) -> None:
    """Answering yes to calf swelling shows "get medical help today" and what to do."""
    token = _csrf(client)
    answer = client.post(
        "/checkup",
        data={"csrf_token": token, "calf_swelling": "yes", "numbness": "no"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get("/checkup")
    assert "Get medical help today" in page.text
    assert "NHS 111" in page.text and "blood clot" in page.text
    assert "With that leg: are you short of breath" in page.text
    assert 'value="yes" checked' in page.text
    banner = client.get("/guidance-banner")
    assert "Calf swelling, redness or worsening pain" in banner.text


def test_checkup_without_csrf_is_refused(client: TestClient) -> None:
    """A forged check-up form is refused."""
    assert client.post("/checkup", data={"calf_swelling": "yes"}).status_code == 403


def test_checkup_with_no_answers_says_no_warning_signs(client: TestClient) -> None:
    """No yes answers and an empty diary: no warning signs."""
    client.post("/checkup", data={"csrf_token": _csrf(client), "numbness": "no"})
    page = client.get("/checkup")
    assert "No warning signs found" in page.text


def test_api_checkup_combines_answers_and_diary(client: TestClient) -> None:
    """POST /api/v1/checkup screens answers; a 15-minute cramp in the diary is found as well."""
    client.post("/api/v1/cramp-now", json=_cramp_now(duration_s=900))
    body = client.post("/api/v1/checkup", json={"takes_quinine": True}).json()
    assert body["urgency"] == "soon" and body["action"].startswith("Book an appointment")
    assert [f["key"] for f in body["findings"]] == ["long_cramp", "takes_quinine"]
    assert "numbness" in body["unanswered"] and "takes_quinine" not in body["unanswered"]
    alone = client.get("/api/v1/checkup").json()
    assert alone["findings"][0]["key"] == "long_cramp"
    assert alone["safety_net"] == redflags.SAFETY_NET


def test_api_lists_the_questions_asked_of_this_person(client: TestClient) -> None:
    """GET /api/v1/checkup/questions: every question for a non-pregnant person, in order."""
    asked = client.get("/api/v1/checkup/questions").json()
    keys = [q["key"] for q in asked]
    assert keys == [q.key for q in redflags.questions_for(redflags.UNKNOWN_PROFILE)]
    assert "preeclampsia" not in keys
    first = asked[0]
    assert first["urgency"] == "emergency" and first["citation"] and first["only_if"] is None


def test_api_checkup_refuses_unknown_questions(client: TestClient) -> None:
    """An unknown answer key is a 422 that names it."""
    bad = client.post("/api/v1/checkup", json={"feels_fine": True})
    assert bad.status_code == 422 and "feels_fine" in bad.json()["fields"]


def test_home_page_loads_the_banner_and_offers_cramp_now(client: TestClient) -> None:
    """The check-in page has a prominent Cramp now button and loads the guidance banner."""
    page = client.get("/").text
    assert 'href="/now"' in page and "Cramp now" in page
    assert 'hx-get="/guidance-banner"' in page


def test_banner_is_empty_without_findings_and_shows_a_long_cramp(client: TestClient) -> None:
    """No red flags: an empty banner; after a 15-minute cramp: 'See a doctor'."""
    assert "See a doctor" not in client.get("/guidance-banner").text
    client.post("/api/v1/cramp-now", json=_cramp_now(duration_s=900))
    banner = client.get("/guidance-banner").text
    assert "See a doctor about your cramps" in banner
    assert "15-minute cramp" in banner


# ---------------------------------------------------------------------------- cramp now


def test_cramp_now_logs_and_answers_with_the_night(client: TestClient) -> None:
    """POST /api/v1/cramp-now files the cramp and returns its night's page."""
    created = client.post("/api/v1/cramp-now", json=_cramp_now())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["cramp"]["duration_min"] == round(95 / 60, 2)
    assert body["night_url"] == f"/diary/{body['cramp']['night_of']}"
    assert body["findings"] == []


def test_cramp_now_refuses_bad_input_and_stores_nothing(client: TestClient) -> None:
    """A start without a zone, a zero duration, a future start or a bad side are refused."""
    naive = client.post("/api/v1/cramp-now", json=_cramp_now(started_at="2026-11-24T03:10:00"))
    assert naive.status_code == 422 and "started_at" in naive.json()["fields"]
    assert client.post("/api/v1/cramp-now", json=_cramp_now(duration_s=0)).status_code == 422
    assert client.post("/api/v1/cramp-now", json=_cramp_now(side="middle")).status_code == 422
    future = client.post("/api/v1/cramp-now", json=_cramp_now(started_at=_recent_start(-3)))
    assert future.status_code == 422 and "future" in future.json()["detail"]
    ancient = client.post(
        "/api/v1/cramp-now", json=_cramp_now(started_at="0001-01-01T00:00:00+14:00")
    )
    assert ancient.status_code == 422 and "1900" in ancient.json()["fields"]["started_at"]
    assert client.get("/api/v1/nights").json()["count"] == 0


def test_cramp_now_page_has_big_buttons(client: TestClient) -> None:
    """The cramp-now page offers the three start buttons, the advice and the severity taps."""
    page = client.get("/now").text
    for side in ("left", "right", "both"):
        assert f'data-side="{side}"' in page
    assert "Pull your toes up" in page and "Mayo Clinic" in page
    assert page.count('data-severity="') == 11
    assert client.get("/now", params={"speed": 0}).status_code == 422


# ---------------------------------------------------------------------------- routine


def test_routine_page_has_every_stretch_and_its_data(client: TestClient) -> None:
    """The routine page lists the four stretches and carries them as JSON for the timer."""
    page = client.get("/routine").text
    assert page.count('class="stretch-img"') >= 5
    assert '"hold_s": 10' in page and '"reps": 3' in page
    assert "Hallegraeff JM et al." in page
    assert "NHS wall calf stretch" in client.get("/routine", params={"routine": "nhs-wall"}).text
    assert client.get("/routine", params={"routine": "yoga"}).status_code == 404


def test_api_logs_a_routine(client: TestClient) -> None:
    """POST /api/v1/routine/log records a stretching session for today."""
    logged = client.post("/api/v1/routine/log", json={"routine": "bedtime", "duration_min": 3.7})
    assert logged.status_code == 201, logged.text
    assert logged.json()["routine"] == "Bedtime calf and hamstring stretches"
    bad = client.post("/api/v1/routine/log", json={"routine": "yoga", "duration_min": 3})
    assert bad.status_code == 422 and "bedtime" in bad.json()["fields"]["routine"]
    assert (
        client.post(
            "/api/v1/routine/log", json={"routine": "bedtime", "duration_min": 0}
        ).status_code
        == 422
    )
    ancient = {"routine": "bedtime", "duration_min": 3, "finished_at": "9999-12-31T23:00:00-12:00"}
    assert client.post("/api/v1/routine/log", json=ancient).status_code == 422


def test_plain_form_logs_the_routine(client: TestClient) -> None:
    """Without the timer, the form logs the routine and says so."""
    token = _csrf(client, "/routine")
    done = client.post("/routine/done", data={"csrf_token": token, "routine": "seated"})
    assert "Logged: Seated bedtime stretches" in done.text


def test_reminder_form_and_calendar_file(client: TestClient) -> None:
    """Saving 21:30 stores the reminder; the .ics has a daily event with an alarm at 21:30."""
    token = _csrf(client, "/routine")
    saved = client.post("/routine/reminder", data={"csrf_token": token, "remind_at": "21:30"})
    assert "Bedtime reminder set for 21:30" in saved.text
    assert client.get("/api/v1/routine/reminder").json()["remind_at"] == "21:30"
    ics = client.get("/routine/reminder.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"]
    (event,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "21:30"
    assert b"RRULE:FREQ=DAILY" in ics.content and event.walk("VALARM")


def test_calendar_file_for_a_given_time_and_bad_times(client: TestClient) -> None:
    """?time=07:15 makes a 07:15 event; a bad time or none at all says how to fix it."""
    ics = client.get("/routine/reminder.ics", params={"time": "07:15"})
    (event,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "07:15"
    bad = client.get("/routine/reminder.ics", params={"time": "7pm"})
    assert bad.status_code == 422 and "21:30" in bad.text
    assert client.get("/routine/reminder.ics").status_code == 422


def test_reminder_api_sets_and_clears(client: TestClient) -> None:
    """PUT sets the time, null clears it, a bad time is a 422."""
    assert (
        client.put("/api/v1/routine/reminder", json={"remind_at": "22:05"}).json()["remind_at"]
        == "22:05"
    )
    assert client.put("/api/v1/routine/reminder", json={"remind_at": "26:00"}).status_code == 422
    assert client.put("/api/v1/routine/reminder", json={"remind_at": "22:05Z"}).status_code == 422
    assert (
        client.put("/api/v1/routine/reminder", json={"remind_at": "7:05"}).json()["remind_at"]
        == "07:05"
    )
    assert (
        client.put("/api/v1/routine/reminder", json={"remind_at": None}).json()["remind_at"] is None
    )


def test_reminder_form_refuses_a_bad_time(client: TestClient) -> None:
    """A malformed time in the form is refused with a hint, and the old reminder is kept."""
    token = _csrf(client, "/routine")
    client.post("/routine/reminder", data={"csrf_token": token, "remind_at": "21:30"})
    bad = client.post("/routine/reminder", data={"csrf_token": token, "remind_at": "half nine"})
    assert bad.status_code == 422 and "HH:MM" in bad.text
    assert client.get("/api/v1/routine/reminder").json()["remind_at"] == "21:30"


def test_service_worker_is_served_from_the_root(client: TestClient) -> None:
    """/sw.js is uncached JavaScript that caches the routine and cramp-now pages."""
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and "javascript" in sw.headers["content-type"]
    assert sw.headers["cache-control"] == "no-cache"
    assert '"/routine"' in sw.text and '"/now"' in sw.text
