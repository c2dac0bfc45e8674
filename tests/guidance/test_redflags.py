"""Red-flag rules: each one fires when it should and stays quiet when it should not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nightcramps.guidance import redflags
from nightcramps.guidance.redflags import CrampFact, DiaryFacts, MedicineFact, NightFact

TODAY = date(2026, 11, 23)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def cramp(days_ago: int = 1, **overrides: object) -> CrampFact:
    data: dict[str, object] = {
        "night_of": ago(days_ago),
        "muscle": "calf",
        "side": "left",
        "duration_min": 2.0,
        "local_hour": 3,
    }
    data.update(overrides)
    return CrampFact(**data)  # type: ignore[arg-type]


def facts(
    cramps: list[CrampFact] | None = None,
    free: range | list[int] | tuple[int, ...] = (),
    medicines: tuple[MedicineFact, ...] = (),
    disturbance: dict[int, int] | None = None,
) -> DiaryFacts:
    """Facts whose logged nights are the cramp nights plus the cramp-free ``free`` days ago."""
    cramps = cramps or []
    days = {c.night_of for c in cramps} | {ago(d) for d in free}
    scores = {ago(d): s for d, s in (disturbance or {}).items()}
    days |= set(scores)
    nights = tuple(NightFact(d, scores.get(d)) for d in sorted(days))
    return DiaryFacts(today=TODAY, cramps=tuple(cramps), nights=nights, medicines=medicines)


def keys(findings: list[redflags.Finding]) -> list[str]:
    return [f.key for f in findings]


# ---------------------------------------------------------------------------- questionnaire


@pytest.mark.parametrize("question", redflags.QUESTIONS, ids=lambda q: q.key)
def test_a_yes_raises_the_question_finding(question: redflags.Question) -> None:
    """Answering yes raises the question's finding with its urgency and a source."""
    answers: dict[str, bool | None] = {question.key: True}
    if question.only_if:
        answers[question.only_if] = True
    found = {f.key: f for f in redflags.screen_answers(answers)}
    assert question.key in found
    assert found[question.key].urgency == question.urgency
    assert found[question.key].citation


@pytest.mark.parametrize("question", redflags.QUESTIONS, ids=lambda q: q.key)
def test_a_no_or_no_answer_raises_nothing(question: redflags.Question) -> None:
    """'No' and unanswered questions raise no finding."""
    assert redflags.screen_answers({question.key: False}) == []
    assert redflags.screen_answers({question.key: None}) == []
    assert redflags.screen_answers({}) == []


def test_bleeding_counts_only_for_people_who_take_quinine() -> None:
    """The bruising question is a red flag only together with quinine use."""
    assert redflags.screen_answers({"quinine_bleeding": True}) == []
    both = redflags.screen_answers({"quinine_bleeding": True, "takes_quinine": True})
    assert keys(both) == ["quinine_bleeding", "takes_quinine"]
    assert both[0].urgency == "urgent"


def test_calf_swelling_is_urgent_and_does_not_diagnose() -> None:
    """Calf swelling is urgent; the message says what it can be a sign of, not what you have."""
    (finding,) = redflags.screen_answers({"calf_swelling": True})
    assert finding.urgency == "urgent"
    assert "can be a sign of" in finding.message
    assert "you have" not in finding.message.lower()


def test_calf_question_sets_aside_the_soreness_a_cramp_leaves() -> None:
    """The DVT question sets aside cramp soreness yet asks swollen, red, warm or worsening."""
    question = redflags.QUESTIONS_BY_KEY["calf_swelling"]
    label = question.label.lower()
    assert "painful to touch" not in label
    assert "soreness a cramp can leave" in label
    for sign in ("swollen", "red", "warm", "keeps getting worse"):
        assert sign in label
    assert question.urgency == "urgent"
    assert question.citations == ("nice_cks", "nhs")
    assert "deep vein thrombosis" in question.message
    assert "quinine" not in label and "tonic" not in label


def test_every_finding_sends_to_a_doctor_and_never_diagnoses() -> None:
    """All messages point to a doctor, prescriber or medical help and avoid 'you have'."""
    for finding in redflags.screen_answers({q.key: True for q in redflags.QUESTIONS}):
        text = finding.message.lower()
        assert any(w in text for w in ("doctor", "prescriber", "medical help", "gp")), finding.key
        assert "you have " not in text


def test_findings_are_sorted_most_urgent_first() -> None:
    """Urgent findings come before 'see a doctor soon' and 'mention at next visit'."""
    found = redflags.screen_answers(
        {"takes_quinine": True, "numbness": True, "toxin_exposure": True}
    )
    assert [f.urgency for f in found] == ["urgent", "see a doctor soon", "mention at next visit"]
    assert redflags.worst_urgency(found) == "urgent"
    assert redflags.worst_urgency([]) is None


# ---------------------------------------------------------------------------- diary: long cramp


def test_a_cramp_over_ten_minutes_fires() -> None:
    """A 15-minute cramp last night asks the person to see a doctor."""
    finding = redflags.rule_long_cramp(facts([cramp(duration_min=15)]))
    assert finding is not None
    assert finding.urgency == "see a doctor soon"
    assert "15-minute cramp" in finding.detail


@pytest.mark.parametrize(
    "fact",
    [cramp(duration_min=10), cramp(duration_min=None), cramp(days_ago=40, duration_min=30)],
    ids=["exactly-10", "unknown-duration", "too-long-ago"],
)
def test_long_cramp_does_not_fire(fact: CrampFact) -> None:
    """Ten minutes exactly, an unknown duration or an old cramp raise nothing."""
    assert redflags.rule_long_cramp(facts([fact])) is None


def test_several_long_cramps_are_counted() -> None:
    """With several long cramps the longest is named and the count given."""
    finding = redflags.rule_long_cramp(facts([cramp(duration_min=12), cramp(2, duration_min=25)]))
    assert finding is not None
    assert "25-minute" in finding.detail and "2 cramps" in finding.detail


# ---------------------------------------------------------------------------- diary: muscles


def test_thigh_cramps_on_three_nights_fire() -> None:
    """Cramps outside calf and foot on three nights of four weeks are a red flag."""
    found = redflags.rule_unusual_muscles(
        facts([cramp(1, muscle="thigh"), cramp(5, muscle="hamstring"), cramp(9, muscle="other")])
    )
    assert found is not None and "3 nights" in found.detail


def test_thigh_cramps_on_two_nights_or_one_night_do_not_fire() -> None:
    """Two nights, or three thigh cramps in one night, are not 'repeatedly'."""
    assert (
        redflags.rule_unusual_muscles(facts([cramp(1, muscle="thigh"), cramp(3, muscle="thigh")]))
        is None
    )
    same_night = [cramp(1, muscle="thigh") for _ in range(3)]
    assert redflags.rule_unusual_muscles(facts(same_night)) is None


def test_three_muscles_in_one_night_fire() -> None:
    """Calf, foot and thigh cramping in one night count as many muscles."""
    night = [cramp(2, muscle="calf"), cramp(2, muscle="foot"), cramp(2, muscle="thigh")]
    found = redflags.rule_many_muscles_one_night(facts(night))
    assert found is not None and "3 different muscles" in found.detail


def test_calf_and_foot_in_one_night_do_not_fire() -> None:
    """Calf and foot together are common and not 'many muscles'."""
    night = [cramp(2, muscle="calf"), cramp(2, muscle="foot"), cramp(2, muscle="calf")]
    assert redflags.rule_many_muscles_one_night(facts(night)) is None


# ---------------------------------------------------------------------------- diary: sides, time


def test_both_legs_often_fires() -> None:
    """Three of four cramps in both legs: mention it at the next visit."""
    found = redflags.rule_both_sides_often(
        facts([cramp(1, side="both"), cramp(2, side="both"), cramp(3, side="both"), cramp(4)])
    )
    assert found is not None and found.urgency == "mention at next visit"


@pytest.mark.parametrize(
    "cramps",
    [
        [cramp(1, side="both"), cramp(2, side="both")],
        [cramp(d, side="both") for d in (1, 2, 3)] + [cramp(d) for d in range(4, 9)],
    ],
    ids=["too-few", "minority"],
)
def test_both_legs_sometimes_does_not_fire(cramps: list[CrampFact]) -> None:
    """Fewer than three, or under half of the cramps, in both legs raise nothing."""
    assert redflags.rule_both_sides_often(facts(cramps)) is None


def test_daytime_cramps_fire() -> None:
    """Three cramps beginning in the afternoon are a red flag."""
    found = redflags.rule_daytime_cramps(facts([cramp(d, local_hour=14) for d in (1, 4, 8)]))
    assert found is not None and "3 cramps" in found.detail


@pytest.mark.parametrize(
    "hours", [[14, 15], [3, 4, 23], [None, None, None]], ids=["two", "night", "unknown"]
)
def test_night_or_few_daytime_cramps_do_not_fire(hours: list[int | None]) -> None:
    """Two daytime cramps, night-time cramps or unknown times raise nothing."""
    cramps = [cramp(i + 1, local_hour=h) for i, h in enumerate(hours)]
    assert redflags.rule_daytime_cramps(facts(cramps)) is None


# ---------------------------------------------------------------------------- diary: frequency


def rising_facts(recent_cramps: int, recent_free: int = 10, baseline_free: int = 26) -> DiaryFacts:
    recent = [cramp(d) for d in range(recent_cramps)]
    baseline = [cramp(20), cramp(30)]
    free = list(range(recent_cramps, recent_cramps + recent_free))
    free = [d for d in free if d < 14]
    free += [d for d in range(14, 14 + baseline_free) if d not in (20, 30)]
    return facts(recent + baseline, free=free)


def test_doubling_of_cramps_fires() -> None:
    """Six cramps in the last 14 nights against two in the 28 before: more frequent."""
    found = redflags.rule_frequency_rising(rising_facts(6))
    assert found is not None and found.urgency == "mention at next visit"
    assert "a week" in found.detail


def test_few_recent_cramps_do_not_fire() -> None:
    """Three recent cramps are too few to call a rise."""
    assert redflags.rule_frequency_rising(rising_facts(3)) is None


def test_too_few_logged_nights_do_not_fire() -> None:
    """Without enough known nights in either period nothing is said (unknown is not zero)."""
    assert redflags.rule_frequency_rising(rising_facts(6, baseline_free=5)) is None
    sparse = facts([cramp(d) for d in (0, 1, 2, 3)] + [cramp(20)], free=range(14, 40))
    assert redflags.rule_frequency_rising(sparse) is None


def test_a_steady_rate_does_not_fire() -> None:
    """Cramps at the same rate as before are not rising."""
    steady = facts([cramp(d) for d in range(0, 42, 3)], free=[d for d in range(42) if d % 3])
    assert redflags.rule_frequency_rising(steady) is None


# ---------------------------------------------------------------------------- diary: sleep


def test_sleep_disturbed_a_lot_on_four_nights_fires() -> None:
    """Sleep disturbance of 7 or more on four of the last 14 nights: see a doctor."""
    found = redflags.rule_sleep_disturbed(facts(disturbance={1: 8, 2: 7, 5: 9, 9: 10}))
    assert found is not None and "4 of the last 14" in found.detail


def test_sleep_disturbed_less_does_not_fire() -> None:
    """Three bad nights, or scores under 7, raise nothing."""
    assert redflags.rule_sleep_disturbed(facts(disturbance={1: 8, 2: 7, 5: 9})) is None
    assert redflags.rule_sleep_disturbed(facts(disturbance={1: 6, 2: 6, 5: 6, 9: 6})) is None
    assert redflags.rule_sleep_disturbed(facts(disturbance={20: 9, 21: 9, 22: 9, 23: 9})) is None


# ---------------------------------------------------------------------------- diary: medicines


def statin(days_ago: int) -> MedicineFact:
    return MedicineFact("atorvastatin 20 mg", ago(days_ago), ("Statins",))


def test_cramps_after_a_new_medicine_fire_when_there_were_none_before() -> None:
    """Cramp-free nights before, cramps after starting a medicine: talk to the prescriber."""
    f = facts([cramp(5), cramp(8)], free=range(21, 45), medicines=(statin(20),))
    (finding,) = redflags.rule_after_new_medicine(f)
    assert finding.urgency == "see a doctor soon"
    assert "atorvastatin" in finding.title and "Statins" in finding.detail
    assert "became more frequent" in finding.detail
    assert "never stop" in finding.message.lower()


def test_cramps_after_a_medicine_with_no_diary_before_fire_conditionally() -> None:
    """Without a diary before the start, the finding says 'if they began after'."""
    (finding,) = redflags.rule_after_new_medicine(facts([cramp(5)], medicines=(statin(20),)))
    assert "If they began or got worse" in finding.message


def test_cramps_at_the_same_rate_as_before_do_not_fire() -> None:
    """Cramps no more frequent than before the medicine raise nothing."""
    before = [cramp(d) for d in range(21, 49, 2)]
    after = [cramp(d) for d in range(1, 19, 4)]
    f = facts(before + after, free=range(0, 49), medicines=(statin(20),))
    assert redflags.rule_after_new_medicine(f) == []


@pytest.mark.parametrize("started", [200, -3], ids=["long-ago", "future"])
def test_old_or_future_medicines_do_not_fire(started: int) -> None:
    """A medicine started long ago, or dated in the future, raises nothing."""
    f = facts([cramp(1)], medicines=(statin(started),))
    assert redflags.rule_after_new_medicine(f) == []


def test_no_cramps_after_the_medicine_do_not_fire() -> None:
    """A new medicine without cramps after it raises nothing."""
    f = facts([cramp(30)], free=range(0, 20), medicines=(statin(20),))
    assert redflags.rule_after_new_medicine(f) == []


def test_screen_diary_runs_every_rule() -> None:
    """screen_diary collects the findings of all rules, most urgent first."""
    f = facts(
        [cramp(1, duration_min=15, side="both"), cramp(2, side="both"), cramp(3, side="both")],
        medicines=(statin(10),),
    )
    found = keys(redflags.screen_diary(f))
    assert "long_cramp" in found and "both_sides" in found
    assert any(k.startswith("new_medicine:") for k in found)
    assert found[-1] == "both_sides"
    assert redflags.screen_diary(facts([cramp(1)])) == []
