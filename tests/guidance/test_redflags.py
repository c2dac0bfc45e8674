"""Red-flag rules: each one fires when it should and stays quiet when it should not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from nightcramps.conditions import Conditions
from nightcramps.content.citations import CITATIONS
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


def person(**changes: object) -> Conditions:
    """A profile with nothing known, changed by ``changes``."""
    return replace(redflags.UNKNOWN_PROFILE, **changes)  # type: ignore[arg-type]


def asked_of(question: redflags.Question) -> Conditions:
    """A profile the question is asked of (pregnant at week 30 for the pregnancy ones ...)."""
    for candidate in (
        person(),
        person(pregnant=True, pregnancy_week=30),
        person(diabetes=True),
    ):
        if question.applies(candidate):
            return candidate
    raise AssertionError(f"no test profile is asked {question.key}")


@pytest.mark.parametrize("question", redflags.QUESTIONS, ids=lambda q: q.key)
def test_a_yes_raises_the_question_finding(question: redflags.Question) -> None:
    """Answering yes raises the question's finding with its urgency and a source."""
    answers: dict[str, bool | None] = {question.key: True}
    if question.only_if:
        answers[question.only_if] = True
    found = {f.key: f for f in redflags.screen_answers(answers, asked_of(question))}
    assert question.key in found
    assert found[question.key].urgency == question.urgency
    assert found[question.key].citation


@pytest.mark.parametrize("question", redflags.QUESTIONS, ids=lambda q: q.key)
def test_a_no_or_no_answer_raises_nothing(question: redflags.Question) -> None:
    """'No' and unanswered questions raise no finding."""
    profile = asked_of(question)
    assert redflags.screen_answers({question.key: False}, profile) == []
    assert redflags.screen_answers({question.key: None}, profile) == []
    assert redflags.screen_answers({}, profile) == []


@pytest.mark.parametrize("question", redflags.QUESTIONS, ids=lambda q: q.key)
def test_every_question_cites_one_of_the_four_review_sources(question: redflags.Question) -> None:
    """Each question rests on NICE CKS, Allen & Kirby, BMJ Best Practice or Garrison, or names
    the guideline its urgency comes from, and every key is a known citation."""
    assert set(question.citations) <= set(CITATIONS)
    review = {"nice_cks", "allen2012", "bmj_bp", "garrison2012", "hallegraeff2017", "fda2010"}
    assert review & set(question.citations) or any(
        k.startswith(("nice_", "girft")) for k in question.citations
    ), question.key


def test_pregnancy_questions_are_asked_only_in_pregnancy_from_week_20() -> None:
    """Pre-eclampsia is asked in pregnancy from 20 weeks or at an unknown week, never otherwise."""

    def asked(profile: Conditions) -> bool:
        return "preeclampsia" in [q.key for q in redflags.questions_for(profile)]

    assert not asked(person())
    assert not asked(person(pregnant=True, pregnancy_week=12))
    assert asked(person(pregnant=True, pregnancy_week=20))
    assert asked(person(pregnant=True, pregnancy_week=None))
    # and the question is ignored for someone it was not asked of
    assert redflags.screen_answers({"preeclampsia": True}, person()) == []
    (found,) = redflags.screen_answers({"preeclampsia": True}, person(pregnant=True))
    assert found.urgency == "today" and "midwife" in found.message


def test_known_conditions_replace_the_symptom_questions_with_a_note() -> None:
    """With diabetes on the profile, the diabetes symptoms question gives way to low sugar at
    night and a note for the diabetes review; not knowing keeps the symptom question."""
    unknown = [q.key for q in redflags.questions_for(person())]
    known = [q.key for q in redflags.questions_for(person(diabetes=True))]
    assert "diabetes_symptoms" in unknown and "low_sugar_night" not in unknown
    assert "diabetes_symptoms" not in known and "low_sugar_night" in known
    assert keys(redflags.screen_profile(person(diabetes=True))) == ["profile:diabetes"]
    assert redflags.screen_profile(person()) == []
    dialysis = redflags.screen_profile(person(kidney_disease="dialysis"))
    assert keys(dialysis) == ["profile:dialysis"]
    assert "kidney_symptoms" not in [
        q.key for q in redflags.questions_for(person(kidney_disease="stage_3"))
    ]


def test_a_diuretic_on_the_list_is_named_with_the_potassium_sign() -> None:
    """Palpitations on a diuretic are for today, and the message says why a blood test matters."""
    (plain,) = redflags.screen_answers({"palpitations_weakness": True}, person())
    (on_diuretic,) = redflags.screen_answers(
        {"palpitations_weakness": True},
        person(medicine_classes=frozenset({"potassium_sparing_diuretic"})),
    )
    assert plain.urgency == on_diuretic.urgency == "today"
    assert "diuretic" not in plain.message and "diuretic" in on_diuretic.message


def test_age_and_diabetes_are_named_with_the_artery_signs() -> None:
    """Claudication at 70 (or with diabetes) says narrowed arteries are more common; at 30 not."""
    (young,) = redflags.screen_answers({"walking_pain": True}, person(age=30))
    (old,) = redflags.screen_answers({"walking_pain": True}, person(age=70))
    (diabetic,) = redflags.screen_answers({"rest_pain_foot": True}, person(diabetes=True))
    assert "more common from 50" not in young.message
    assert "more common from 50" in old.message and "more common from 50" in diabetic.message


def test_the_same_day_cases_of_the_review_are_not_flattened() -> None:
    """Pre-eclampsia, limb ischaemia, cauda equina, low potassium, low calcium: today or now."""
    pregnant = person(pregnant=True, pregnancy_week=34)
    for key, level in (
        ("preeclampsia", "today"),
        ("rest_pain_foot", "today"),
        ("cold_pale_leg", "emergency"),
        ("saddle_numbness", "emergency"),
        ("palpitations_weakness", "today"),
        ("tingling_mouth", "today"),
        ("dark_urine", "emergency"),
    ):
        (found,) = redflags.screen_answers({key: True}, pregnant)
        assert found.urgency == level, key


def test_unanswered_lists_only_the_questions_asked() -> None:
    """Follow-ups count as unanswered only after a yes; pregnancy ones only in pregnancy."""
    everything_no = {q.key: False for q in redflags.questions_for(person())}
    assert redflags.unanswered(everything_no, person()) == []
    assert "calf_swelling_breathless" not in redflags.unanswered({}, person())
    assert "calf_swelling_breathless" in redflags.unanswered({"calf_swelling": True}, person())
    assert "preeclampsia" in redflags.unanswered(everything_no, person(pregnant=True))


def test_bleeding_counts_only_for_people_who_take_quinine() -> None:
    """The bruising question is a red flag only together with quinine use."""
    assert redflags.screen_answers({"quinine_bleeding": True}) == []
    both = redflags.screen_answers({"quinine_bleeding": True, "takes_quinine": True})
    assert keys(both) == ["quinine_bleeding", "takes_quinine"]
    assert both[0].urgency == "today"


def test_calf_swelling_needs_help_today_and_does_not_diagnose() -> None:
    """Calf swelling is for today; the message says what it can be a sign of, not what you have."""
    (finding,) = redflags.screen_answers({"calf_swelling": True})
    assert finding.urgency == "today"
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
    assert question.urgency == "today"
    assert question.citations[0] == "nice_cks"
    assert "deep vein thrombosis" in question.message
    assert "quinine" not in label and "tonic" not in label


def test_every_finding_sends_to_a_doctor_and_never_diagnoses() -> None:
    """All messages point to a doctor, midwife, team or emergency care and avoid 'you have'."""
    signs = [(q.key, q.message) for q in redflags.QUESTIONS]
    signs += [(r.key, r.message) for r in redflags.RULES]
    signs += [(n.key, n.message) for n in redflags.PROFILE_NOTES]
    for key, message in signs:
        text = message.lower()
        helpers = (
            "doctor",
            "prescriber",
            "medical help",
            "gp",
            "midwife",
            "team",
            "emergency",
            "hospital",
            "mention",
        )
        assert any(w in text for w in helpers), key
        assert "you have " not in text, key
        assert "stop taking" not in text, key


def test_findings_are_sorted_most_urgent_first() -> None:
    """Emergency comes before today, soon and next visit."""
    found = redflags.screen_answers(
        {"takes_quinine": True, "numbness": True, "toxin_exposure": True, "dark_urine": True}
    )
    assert [f.urgency for f in found] == ["emergency", "today", "soon", "next visit"]
    assert redflags.worst_urgency(found) == "emergency"
    assert redflags.worst_urgency([]) is None


# ---------------------------------------------------------------------------- diary: long cramp


def test_a_cramp_over_ten_minutes_fires() -> None:
    """A 15-minute cramp last night asks the person to see a doctor."""
    finding = redflags.RULES_BY_KEY["long_cramp"].check(facts([cramp(duration_min=15)]))
    assert finding is not None
    assert finding.urgency == "soon"
    assert "15-minute cramp" in finding.detail


@pytest.mark.parametrize(
    "fact",
    [cramp(duration_min=10), cramp(duration_min=None), cramp(days_ago=40, duration_min=30)],
    ids=["exactly-10", "unknown-duration", "too-long-ago"],
)
def test_long_cramp_does_not_fire(fact: CrampFact) -> None:
    """Ten minutes exactly, an unknown duration or an old cramp raise nothing."""
    assert redflags.RULES_BY_KEY["long_cramp"].check(facts([fact])) is None


def test_several_long_cramps_are_counted() -> None:
    """With several long cramps the longest is named and the count given."""
    finding = redflags.RULES_BY_KEY["long_cramp"].check(
        facts([cramp(duration_min=12), cramp(2, duration_min=25)])
    )
    assert finding is not None
    assert "25-minute" in finding.detail and "2 cramps" in finding.detail


# ---------------------------------------------------------------------------- diary: muscles


def test_thigh_cramps_on_three_nights_fire() -> None:
    """Cramps outside calf and foot on three nights of four weeks are a red flag."""
    found = redflags.RULES_BY_KEY["unusual_muscles"].check(
        facts([cramp(1, muscle="thigh"), cramp(5, muscle="hamstring"), cramp(9, muscle="other")])
    )
    assert found is not None and "3 nights" in found.detail


def test_thigh_cramps_on_two_nights_or_one_night_do_not_fire() -> None:
    """Two nights, or three thigh cramps in one night, are not 'repeatedly'."""
    assert (
        redflags.RULES_BY_KEY["unusual_muscles"].check(
            facts([cramp(1, muscle="thigh"), cramp(3, muscle="thigh")])
        )
        is None
    )
    same_night = [cramp(1, muscle="thigh") for _ in range(3)]
    assert redflags.RULES_BY_KEY["unusual_muscles"].check(facts(same_night)) is None


def test_three_muscles_in_one_night_fire() -> None:
    """Calf, foot and thigh cramping in one night count as many muscles."""
    night = [cramp(2, muscle="calf"), cramp(2, muscle="foot"), cramp(2, muscle="thigh")]
    found = redflags.RULES_BY_KEY["many_muscles"].check(facts(night))
    assert found is not None and "3 different muscles" in found.detail


def test_calf_and_foot_in_one_night_do_not_fire() -> None:
    """Calf and foot together are common and not 'many muscles'."""
    night = [cramp(2, muscle="calf"), cramp(2, muscle="foot"), cramp(2, muscle="calf")]
    assert redflags.RULES_BY_KEY["many_muscles"].check(facts(night)) is None


# ---------------------------------------------------------------------------- diary: sides, time


def test_both_legs_often_fires() -> None:
    """Three of four cramps in both legs: mention it at the next visit."""
    found = redflags.RULES_BY_KEY["both_sides"].check(
        facts([cramp(1, side="both"), cramp(2, side="both"), cramp(3, side="both"), cramp(4)])
    )
    assert found is not None and found.urgency == "next visit"


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
    assert redflags.RULES_BY_KEY["both_sides"].check(facts(cramps)) is None


def test_daytime_cramps_fire() -> None:
    """Three cramps beginning in the afternoon are a red flag."""
    found = redflags.RULES_BY_KEY["daytime"].check(
        facts([cramp(d, local_hour=14) for d in (1, 4, 8)])
    )
    assert found is not None and "3 cramps" in found.detail


@pytest.mark.parametrize(
    "hours", [[14, 15], [3, 4, 23], [None, None, None]], ids=["two", "night", "unknown"]
)
def test_night_or_few_daytime_cramps_do_not_fire(hours: list[int | None]) -> None:
    """Two daytime cramps, night-time cramps or unknown times raise nothing."""
    cramps = [cramp(i + 1, local_hour=h) for i, h in enumerate(hours)]
    assert redflags.RULES_BY_KEY["daytime"].check(facts(cramps)) is None


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
    found = redflags.RULES_BY_KEY["rising"].check(rising_facts(6))
    assert found is not None and found.urgency == "soon"
    assert "a week in the last 2 weeks" in found.detail


def test_few_recent_cramps_do_not_fire() -> None:
    """Three recent cramps are too few to call a rise."""
    assert redflags.RULES_BY_KEY["rising"].check(rising_facts(3)) is None


def test_too_few_logged_nights_do_not_fire() -> None:
    """Without enough known nights in either period nothing is said (unknown is not zero)."""
    assert redflags.RULES_BY_KEY["rising"].check(rising_facts(6, baseline_free=5)) is None
    sparse = facts([cramp(d) for d in (0, 1, 2, 3)] + [cramp(20)], free=range(14, 40))
    assert redflags.RULES_BY_KEY["rising"].check(sparse) is None


def test_a_steady_rate_does_not_fire() -> None:
    """Cramps at the same rate as before are not rising."""
    steady = facts([cramp(d) for d in range(0, 42, 3)], free=[d for d in range(42) if d % 3])
    assert redflags.RULES_BY_KEY["rising"].check(steady) is None


def test_a_slower_rise_over_four_weeks_fires() -> None:
    """Seven cramps in the last 4 weeks against four in the 4 before (all nights logged): the
    2-week doubling does not fire, the 4-week rise of half does."""
    recent = [cramp(d) for d in (1, 5, 9, 13, 17, 21, 25)]
    before = [cramp(d) for d in (30, 37, 44, 51)]
    cramp_days = {c.night_of for c in recent + before}
    free = [d for d in range(56) if ago(d) not in cramp_days]
    found = redflags.RULES_BY_KEY["rising"].check(facts(recent + before, free=free))
    assert found is not None and found.urgency == "soon"
    assert "in the last 4 weeks against 1.0 a week in the 4 weeks before" in found.detail


def test_a_rise_over_weeks_needs_the_earlier_weeks_logged() -> None:
    """The same cramps with the earlier four weeks mostly unlogged say nothing."""
    days = (1, 9, 15, 19, 21, 25, 27)
    recent = [cramp(d) for d in days]
    free = [d for d in range(28) if d not in days] + list(range(28, 38))
    assert redflags.RULES_BY_KEY["rising"].check(facts(recent, free=free)) is None


# ---------------------------------------------------------------------------- diary: stretching


def test_stretching_that_does_not_help_fires() -> None:
    """Three stretched cramps with no effect: stretching not easing cramps is a warning sign."""
    failed = [cramp(d, relief=("stretch",), relief_effect="none") for d in (1, 3, 6)]
    found = redflags.RULES_BY_KEY["stretching_fails"].check(facts(failed))
    assert found is not None and found.urgency == "soon"
    assert "3 of the 3 cramps you stretched" in found.detail


@pytest.mark.parametrize(
    "cramps",
    [
        [cramp(d, relief=("stretch",), relief_effect="mostly") for d in (1, 3, 6)],
        [cramp(d, relief=("stretch",), relief_effect="none") for d in (1, 3)],
        [cramp(d, relief=("massage",), relief_effect="none") for d in (1, 3, 6)],
        [cramp(d, relief=("stretch",), relief_effect="none") for d in (1, 3, 6)]
        + [cramp(d, relief=("stretch",), relief_effect="completely") for d in (2, 4, 5, 7)],
        [cramp(d, relief=("stretch",), relief_effect=None) for d in (1, 3, 6)],
    ],
    ids=["it-helped", "two-only", "not-stretched", "minority", "effect-unknown"],
)
def test_stretching_that_helps_or_too_few_does_not_fire(cramps: list[CrampFact]) -> None:
    """Stretching that helped, two failures, other relief, a minority or unknown effect: quiet."""
    assert redflags.RULES_BY_KEY["stretching_fails"].check(facts(cramps)) is None


# ---------------------------------------------------------------------------- diary: sleep


def test_sleep_disturbed_a_lot_on_four_nights_fires() -> None:
    """Sleep disturbance of 7 or more on four of the last 14 nights: see a doctor."""
    found = redflags.RULES_BY_KEY["sleep_disturbed"].check(
        facts(disturbance={1: 8, 2: 7, 5: 9, 9: 10})
    )
    assert found is not None and "4 of the last 14" in found.detail


def test_sleep_disturbed_less_does_not_fire() -> None:
    """Three bad nights, or scores under 7, raise nothing."""
    assert (
        redflags.RULES_BY_KEY["sleep_disturbed"].check(facts(disturbance={1: 8, 2: 7, 5: 9}))
        is None
    )
    assert (
        redflags.RULES_BY_KEY["sleep_disturbed"].check(facts(disturbance={1: 6, 2: 6, 5: 6, 9: 6}))
        is None
    )
    assert (
        redflags.RULES_BY_KEY["sleep_disturbed"].check(
            facts(disturbance={20: 9, 21: 9, 22: 9, 23: 9})
        )
        is None
    )


# ---------------------------------------------------------------------------- diary: medicines


def statin(days_ago: int) -> MedicineFact:
    return MedicineFact("atorvastatin 20 mg", ago(days_ago), ("Statins",))


def test_cramps_after_a_new_medicine_fire_when_there_were_none_before() -> None:
    """Cramp-free nights before, cramps after starting a medicine: talk to the prescriber."""
    f = facts([cramp(5), cramp(8)], free=range(21, 45), medicines=(statin(20),))
    (finding,) = redflags.rule_after_new_medicine(f)
    assert finding.urgency == "soon"
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
