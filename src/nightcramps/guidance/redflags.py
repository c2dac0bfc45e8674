"""Red-flag screening: pure rules over questionnaire answers, the profile and diary facts.

Every warning sign named by the four sources the check-up is reviewed against (NICE CKS *Leg
cramps*; Allen & Kirby, Am Fam Physician 2012; BMJ Best Practice *Muscle cramps*; Garrison et al.,
Arch Intern Med 2012) is either a question (``QUESTIONS``) or a diary rule (``DIARY_RULES``), with
the urgency its source gives. A sign says what it *can* mean and who should check; it never says
what the person has, and never says to stop a medicine.

The questions are data, in ``checkup.toml`` beside this module, read once at import; the rules
do no I/O. Questions are adapted to the profile (:class:`nightcramps.conditions.Conditions`):
pregnancy questions are asked only in pregnancy, the questions about symptoms of an undiagnosed
condition give way to a note for the team that looks after it once the person has said they have
it, and a message names what on the medicines list makes a sign more likely. The file names these
adaptations (``applies``, ``adapt``); they are the functions here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from nightcramps.conditions import Conditions
from nightcramps.constants import LONG_CRAMP_MIN
from nightcramps.content import Prose, error_at, load_toml
from nightcramps.content.citations import CitationKey, cite
from nightcramps.guidance import constants as c

Urgency = Literal["emergency", "today", "soon", "next visit"]
URGENCIES: tuple[Urgency, ...] = ("emergency", "today", "soon", "next visit")
"""Most urgent first."""

URGENCY_HEADLINES: dict[Urgency, str] = {
    "emergency": "Get emergency help now",
    "today": "Get medical help today",
    "soon": "See a doctor about your cramps",
    "next visit": "Mention this at your next doctor's visit",
}

URGENCY_ACTIONS: dict[Urgency, str] = {
    "emergency": "Call 999 (UK), 911 (US) or your local emergency number, or go to an emergency "
    "department now.",
    "today": "Contact your doctor's surgery for an appointment today, call NHS 111 (UK), or go to "
    "an urgent care centre. If you cannot reach anyone and feel worse, call an emergency number.",
    "soon": "Book an appointment with your doctor in the next week or two.",
    "next visit": "Bring it up the next time you see your doctor, nurse or pharmacist.",
}
"""What each level asks the person to do, shown under the headline (page and CLI)."""

SAFETY_NET = "If cramps persist or worry you, see a doctor anyway."
"""The line the check-up ends with (page and CLI): the questions do not cover everything."""

Source = Literal["checkup", "diary", "profile"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A red flag that was found."""

    key: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``."""
    source: Source
    detail: str = ""
    """What in the diary or the profile raised it, e.g. "A 15-minute cramp on the night of Sun 23
    Nov"."""

    @property
    def citation(self) -> str:
        """The sources in short form."""
        return cite(*self.citations)

    @classmethod
    def of(
        cls, sign: Sign, *, source: Source, detail: str = "", message: str | None = None
    ) -> Finding:
        """The finding a question, diary rule or profile note raises (``message`` replaces the
        sign's own, e.g. with a sentence for this profile added)."""
        return cls(
            key=sign.key,
            urgency=sign.urgency,
            title=sign.title,
            message=sign.message if message is None else message,
            citations=sign.citations,
            source=source,
            detail=detail,
        )


class Sign(Protocol):
    """What questions, diary rules and profile notes have in common: a warning sign."""

    @property
    def key(self) -> str: ...
    @property
    def urgency(self) -> Urgency: ...
    @property
    def title(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def citations(self) -> tuple[str, ...]: ...


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most urgent first; the same flag from the questionnaire and the diary is kept once each."""
    return sorted(findings, key=lambda f: (URGENCIES.index(f.urgency), f.source, f.key))


def worst_urgency(findings: Sequence[Finding]) -> Urgency | None:
    """The most urgent level among ``findings``; None when there are none."""
    levels = [URGENCIES.index(f.urgency) for f in findings]
    return URGENCIES[min(levels)] if levels else None


# ---------------------------------------------------------------------------- the questionnaire

Applies = Callable[[Conditions], bool]
Adapt = Callable[[Conditions], str]


def _always(_: Conditions) -> bool:
    return True


def _pregnant_from_20_weeks(person: Conditions) -> bool:
    """Pregnant, at 20 weeks or more or at a week not given (the signs of pre-eclampsia)."""
    return person.pregnant and (person.pregnancy_week is None or person.pregnancy_week >= 20)


def _no_known(attribute: str) -> Applies:
    """Asked unless the person has said they have the condition (then the team knows of it)."""

    def applies(person: Conditions) -> bool:
        return getattr(person, attribute) is not True

    applies.__doc__ = f"Unless {attribute.replace('_', ' ')} is on the profile."
    return applies


def _known(attribute: str) -> Applies:
    def applies(person: Conditions) -> bool:
        return getattr(person, attribute) is True

    applies.__doc__ = f"When {attribute.replace('_', ' ')} is on the profile."
    return applies


def _diuretic_note(person: Conditions) -> str:
    if not person.on_diuretic:
        return ""
    return (
        " Your medicines list has a diuretic; some diuretics lower potassium, which is one "
        "reason a doctor will want a blood test."
    )


def _low_sodium_note(person: Conditions) -> str:
    if not ({"thiazide_diuretic", "diuretic"} & person.medicine_classes):
        return ""
    return (
        " Your medicines list has a diuretic; thiazide-type diuretics are a common cause of "
        "low sodium, so mention it."
    )


def _clot_note(person: Conditions) -> str:
    if not person.pregnant:
        return ""
    return (
        " Clots in the leg are more likely during pregnancy and in the weeks after birth, so do "
        "not wait: your maternity unit or midwife can see you today."
    )


def _artery_note(person: Conditions) -> str:
    if not ((person.age is not None and person.age >= 50) or person.diabetes):
        return ""
    return (
        " Narrowed leg arteries are more common from 50 and with diabetes or smoking, so do "
        "not put this off."
    )


def _no_note(_: Conditions) -> str:
    return ""


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the check-up, and what a "yes" means."""

    key: str
    label: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``: a source that names the sign, and where the urgency
    comes from a guideline of its own (pre-eclampsia, limb ischaemia ...), that guideline."""
    only_if: str | None = None
    """Asked (and counted) only when the question with this key was answered yes."""
    applies: Applies = _always
    """Asked only for a profile this returns True for; its docstring says when, for the docs."""
    adapt: Adapt = _no_note
    """A sentence added to the message for this profile (e.g. the diuretic on the list)."""

    @property
    def asked_when(self) -> str:
        """When the question is asked, in words ("" when always)."""
        if self.applies is _always:
            return ""
        return (self.applies.__doc__ or "").strip()


CHECKUP_FILE = Path(__file__).with_name("checkup.toml")
"""The questions, as data: what is asked, what a "yes" means, its urgency and its sources."""

NAMED_APPLIES: dict[str, Applies] = {"pregnant_from_20_weeks": _pregnant_from_20_weeks}
"""Profile rules a question's ``applies`` may name, besides ``unless:`` and ``when:`` a
condition."""

ADAPTS: dict[str, Adapt] = {
    "diuretic_note": _diuretic_note,
    "low_sodium_note": _low_sodium_note,
    "clot_note": _clot_note,
    "artery_note": _artery_note,
}
"""The sentences a question's ``adapt`` may name, added to its message for a profile."""

_CONDITION_RULES: dict[str, Callable[[str], Applies]] = {"unless": _no_known, "when": _known}

PROFILE_CONDITIONS = (
    "has_kidney_disease",
    "liver_disease",
    "diabetes",
    "thyroid_disease",
    "heart_failure",
)
"""The conditions of the profile (yes, no or not known) that ``unless:`` and ``when:`` may name:
attributes of :class:`nightcramps.conditions.Conditions`."""


def _applies_rule(name: str) -> str:
    """A name of ``NAMED_APPLIES``, or ``unless:``/``when:`` and a condition of the profile."""
    prefix, _, attribute = name.partition(":")
    if name in NAMED_APPLIES or (prefix in _CONDITION_RULES and attribute in PROFILE_CONDITIONS):
        return name
    raise ValueError(
        f"use {', '.join(NAMED_APPLIES)}, or unless:<condition> or when:<condition> with a "
        f"condition of {', '.join(PROFILE_CONDITIONS)}"
    )


def _adapt_rule(name: str) -> str:
    """A name of ``ADAPTS``."""
    if name not in ADAPTS:
        raise ValueError(f"use one of {', '.join(ADAPTS)}")
    return name


class QuestionRecord(BaseModel):
    """A ``[[question]]`` of ``checkup.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    urgency: Urgency
    label: Prose
    title: Prose
    message: Prose
    citations: tuple[CitationKey, ...] = Field(min_length=1)
    only_if: str | None = None
    applies: Annotated[str, AfterValidator(_applies_rule)] | None = None
    adapt: Annotated[str, AfterValidator(_adapt_rule)] | None = None

    def to_question(self) -> Question:
        """The question as the check-up asks it."""
        return Question(
            **self.model_dump(exclude={"applies", "adapt"}),
            applies=_always if self.applies is None else _applies(self.applies),
            adapt=_no_note if self.adapt is None else ADAPTS[self.adapt],
        )


def _applies(name: str) -> Applies:
    """The profile rule an ``applies`` name stands for (checked by ``_applies_rule``)."""
    if name in NAMED_APPLIES:
        return NAMED_APPLIES[name]
    prefix, _, attribute = name.partition(":")
    return _CONDITION_RULES[prefix](attribute)


class CheckupFile(BaseModel):
    """``checkup.toml``: the questions, in the order they are asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: tuple[QuestionRecord, ...] = Field(min_length=1)


def _check_keys(path: Path, records: Sequence[QuestionRecord]) -> None:
    """Keys are unique, and a follow-up comes after the question it follows."""
    seen: set[str] = set()
    for i, record in enumerate(records):
        if record.key in seen:
            raise error_at(
                path,
                ("question", i, "key"),
                f"{record.key!r} is the key of an earlier question: give each question its own key",
            )
        if record.only_if is not None and record.only_if not in seen:
            raise error_at(
                path,
                ("question", i, "only_if"),
                f"only_if = {record.only_if!r} names no earlier question: put the follow-up "
                "right after the question it follows, and use that question's key",
            )
        seen.add(record.key)


def load_questions(path: Path = CHECKUP_FILE) -> tuple[Question, ...]:
    """The check-up's questions in the TOML file at ``path``, in order.

    Raises:
        ContentError: the file is wrong (the message names its line).
    """
    records = load_toml(path, CheckupFile).question
    _check_keys(path, records)
    return tuple(record.to_question() for record in records)


QUESTIONS: tuple[Question, ...] = load_questions()

QUESTIONS_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}

UNKNOWN_PROFILE = Conditions.unknown()
"""The profile when nothing is known: every question for a non-pregnant person is asked."""


def questions_for(person: Conditions = UNKNOWN_PROFILE) -> list[Question]:
    """The questions asked of this person, in order (follow-ups included)."""
    return [q for q in QUESTIONS if q.applies(person)]


def unanswered(
    answers: Mapping[str, bool | None], person: Conditions = UNKNOWN_PROFILE
) -> list[str]:
    """The keys of the questions this person was asked and has not answered."""
    return [
        q.key
        for q in questions_for(person)
        if answers.get(q.key) is None and (q.only_if is None or answers.get(q.only_if) is True)
    ]


def screen_answers(
    answers: Mapping[str, bool | None], person: Conditions = UNKNOWN_PROFILE
) -> list[Finding]:
    """The findings for the questions answered yes (unanswered questions raise nothing)."""
    findings = []
    for question in questions_for(person):
        if answers.get(question.key) is not True:
            continue
        if question.only_if is not None and answers.get(question.only_if) is not True:
            continue
        message = question.message + question.adapt(person)
        findings.append(Finding.of(question, source="checkup", message=message))
    return sort_findings(findings)


# ---------------------------------------------------------------------------- the profile


@dataclass(frozen=True, slots=True)
class ProfileNote:
    """A condition on the profile that is linked with cramps: worth telling its team about."""

    key: str
    title: str
    message: str
    citations: tuple[str, ...]
    applies: Applies
    urgency: Urgency = "next visit"


PROFILE_NOTES: tuple[ProfileNote, ...] = (
    ProfileNote(
        key="profile:dialysis",
        title="Cramps and dialysis",
        message="Cramps are common during and after haemodialysis. Tell your kidney team about "
        "them: changes to dialysis can help, and they can check your salts.",
        citations=("bmj_bp", "nice_cks"),
        applies=lambda p: p.kidney_disease == "dialysis",
    ),
    ProfileNote(
        key="profile:kidney",
        title="Cramps and kidney disease",
        message="Kidney disease is linked with cramps and changes which supplements are safe. "
        "Mention the cramps at your next kidney review.",
        citations=("bmj_bp", "nice_ng203"),
        applies=lambda p: p.has_kidney_disease is True and p.kidney_disease != "dialysis",
    ),
    ProfileNote(
        key="profile:liver",
        title="Cramps and liver disease",
        message="Cramps are common with liver disease (cirrhosis) and can be treated. Mention "
        "them to the team that looks after your liver.",
        citations=("bmj_bp", "nice_ng50"),
        applies=_known("liver_disease"),
    ),
    ProfileNote(
        key="profile:diabetes",
        title="Cramps and diabetes",
        message="Diabetes is linked with cramps through nerve damage and low blood sugar. "
        "Mention them at your next diabetes review.",
        citations=("bmj_bp", "nice_ng28"),
        applies=_known("diabetes"),
    ),
    ProfileNote(
        key="profile:thyroid",
        title="Cramps and thyroid disease",
        message="Thyroid disease is linked with cramps; a thyroid blood test is among the checks "
        "a doctor may do. Mention them at your next review.",
        citations=("nice_cks", "nice_ng145"),
        applies=_known("thyroid_disease"),
    ),
    ProfileNote(
        key="profile:pregnancy",
        title="Cramps in pregnancy",
        message="Leg cramps are common in pregnancy, mostly in the later months, and usually go "
        "after the birth. Mention them to your midwife; ask before taking any supplement.",
        citations=("cochrane_pregnancy2020", "bmj_bp"),
        applies=lambda p: p.pregnant,
    ),
)


def screen_profile(person: Conditions) -> list[Finding]:
    """The notes for conditions on the profile that are linked with cramps."""
    return sort_findings(
        [
            Finding.of(note, source="profile", detail="From your profile.")
            for note in PROFILE_NOTES
            if note.applies(person)
        ]
    )


# ---------------------------------------------------------------------------- the diary


@dataclass(frozen=True, slots=True)
class CrampFact:
    """What the diary checks need to know about one cramp."""

    night_of: date
    muscle: str
    side: str
    duration_min: float | None
    local_hour: int | None = None
    """Local clock hour it began; None when the time is not known."""
    relief: tuple[str, ...] = ()
    """What was tried (stretch, massage, heat, walking, other)."""
    relief_effect: str | None = None
    """How well it worked (none, a_little, mostly, completely); None when not said."""


@dataclass(frozen=True, slots=True)
class NightFact:
    """A night with a known answer: it had cramps or was logged cramp-free."""

    night_of: date
    sleep_disturbance_0_10: int | None = None


@dataclass(frozen=True, slots=True)
class MedicineFact:
    """A medicine with a known start date."""

    name: str
    started_on: date
    classes: tuple[str, ...] = ()
    """Drug classes associated with cramps recognised in the name, if any."""


@dataclass(frozen=True, slots=True)
class DiaryFacts:
    """The slice of the diary the rules look at."""

    today: date
    """The current night (dated by its evening)."""
    cramps: tuple[CrampFact, ...] = ()
    nights: tuple[NightFact, ...] = ()
    """Nights with a known answer; nights not logged are absent (unknown)."""
    medicines: tuple[MedicineFact, ...] = ()
    logged: frozenset[date] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "logged", frozenset(n.night_of for n in self.nights))

    def cramps_between(self, first: date, last: date) -> list[CrampFact]:
        """Cramps on the nights from ``first`` to ``last`` inclusive."""
        return [x for x in self.cramps if first <= x.night_of <= last]

    def logged_between(self, first: date, last: date) -> int:
        """Nights with a known answer from ``first`` to ``last`` inclusive."""
        return sum(1 for day in self.logged if first <= day <= last)

    @property
    def window_start(self) -> date:
        """The first night of the look-back period."""
        return self.today - timedelta(days=c.LOOKBACK_DAYS - 1)

    def recent_cramps(self) -> list[CrampFact]:
        """Cramps in the look-back period."""
        return self.cramps_between(self.window_start, self.today)


def _night(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _minutes(value: float) -> str:
    """Minutes for reading: 15.01 -> "15", 12.5 -> "12.5"."""
    return f"{round(value, 1):g}"


def _long_cramp(facts: DiaryFacts) -> str | None:
    long = [x for x in facts.recent_cramps() if (x.duration_min or 0) > LONG_CRAMP_MIN]
    if not long:
        return None
    longest = max(long, key=lambda x: x.duration_min or 0)
    assert longest.duration_min is not None
    more = (
        f" ({len(long)} cramps over {LONG_CRAMP_MIN} minutes in 4 weeks)" if len(long) > 1 else ""
    )
    return (
        f"A {_minutes(longest.duration_min)}-minute cramp on the night of "
        f"{_night(longest.night_of)}{more}."
    )


def _unusual_muscles(facts: DiaryFacts) -> str | None:
    nights = {x.night_of for x in facts.recent_cramps() if x.muscle in c.UNUSUAL_MUSCLES}
    if len(nights) < c.UNUSUAL_MUSCLE_MIN_NIGHTS:
        return None
    return (
        f"Cramps in the thigh, hamstring or other muscles on {len(nights)} nights in the last 4 "
        "weeks."
    )


def _many_muscles_one_night(facts: DiaryFacts) -> str | None:
    sites: dict[date, set[str]] = {}
    for cramp in facts.recent_cramps():
        sites.setdefault(cramp.night_of, set()).add(cramp.muscle)
    widespread = sorted(
        day for day, muscles in sites.items() if len(muscles) >= c.MANY_MUSCLES_ONE_NIGHT
    )
    if not widespread:
        return None
    day = widespread[-1]
    return f"Cramps in {len(sites[day])} different muscles on the night of {_night(day)}."


def _both_sides_often(facts: DiaryFacts) -> str | None:
    recent = facts.recent_cramps()
    both = sum(1 for x in recent if x.side == "both")
    if both < c.BOTH_SIDES_MIN_CRAMPS or both < c.BOTH_SIDES_MIN_SHARE * len(recent):
        return None
    return f"{both} of {len(recent)} cramps in the last 4 weeks were in both legs."


def _daytime_cramps(facts: DiaryFacts) -> str | None:
    daytime = [
        x
        for x in facts.recent_cramps()
        if x.local_hour is not None and c.DAYTIME_START_HOUR <= x.local_hour < c.DAYTIME_END_HOUR
    ]
    if len(daytime) < c.DAYTIME_MIN_CRAMPS:
        return None
    return (
        f"{len(daytime)} cramps in the last 4 weeks began between "
        f"{c.DAYTIME_START_HOUR:02d}:00 and {c.DAYTIME_END_HOUR:02d}:00."
    )


def _rates(
    facts: DiaryFacts, recent_days: int, baseline_days: int, min_recent: int, min_base: int
) -> tuple[float, float, int] | None:
    """Cramps per logged night in the recent period and the one before, and recent cramps.

    None when either period has too few nights with a known answer: missing nights are unknown,
    not cramp-free, so the comparison is not made rather than guessed.
    """
    recent_first = facts.today - timedelta(days=recent_days - 1)
    base_last = recent_first - timedelta(days=1)
    base_first = base_last - timedelta(days=baseline_days - 1)
    recent_nights = facts.logged_between(recent_first, facts.today)
    base_nights = facts.logged_between(base_first, base_last)
    if recent_nights < min_recent or base_nights < min_base:
        return None
    recent = len(facts.cramps_between(recent_first, facts.today))
    earlier = len(facts.cramps_between(base_first, base_last))
    return recent / recent_nights, earlier / base_nights, recent


def _frequency_rising(facts: DiaryFacts) -> str | None:
    """The rate at least doubled in the last 2 weeks, or rose by half over the last 4."""
    weeks = (
        (
            c.RISING_RECENT_DAYS,
            c.RISING_BASELINE_DAYS,
            c.RISING_MIN_RECENT_NIGHTS,
            c.RISING_MIN_BASELINE_NIGHTS,
            c.RISING_MIN_RECENT_CRAMPS,
            c.RISING_FACTOR,
        ),
        (
            c.RISING_WEEKS_DAYS,
            c.RISING_WEEKS_DAYS,
            c.RISING_WEEKS_MIN_NIGHTS,
            c.RISING_WEEKS_MIN_NIGHTS,
            c.RISING_WEEKS_MIN_CRAMPS,
            c.RISING_WEEKS_FACTOR,
        ),
    )
    for recent_days, base_days, min_recent, min_base, min_cramps, factor in weeks:
        rates = _rates(facts, recent_days, base_days, min_recent, min_base)
        if rates is None:
            continue
        recent_rate, earlier_rate, recent = rates
        if recent >= min_cramps and recent_rate >= factor * earlier_rate:
            return (
                f"{recent_rate * 7:.1f} cramps a week in the last {recent_days // 7} weeks "
                f"against {earlier_rate * 7:.1f} a week in the {base_days // 7} weeks before "
                "(logged nights only)."
            )
    return None


def _sleep_disturbed(facts: DiaryFacts) -> str | None:
    first = facts.today - timedelta(days=c.SLEEP_DISTURBED_DAYS - 1)
    bad = [
        n
        for n in facts.nights
        if first <= n.night_of <= facts.today
        and n.sleep_disturbance_0_10 is not None
        and n.sleep_disturbance_0_10 >= c.SLEEP_DISTURBED_SCORE
    ]
    if len(bad) < c.SLEEP_DISTURBED_MIN_NIGHTS:
        return None
    return (
        f"Sleep disturbed {c.SLEEP_DISTURBED_SCORE}/10 or more on {len(bad)} of the last "
        f"{c.SLEEP_DISTURBED_DAYS} nights."
    )


def _stretching_does_not_help(facts: DiaryFacts) -> str | None:
    stretched = [x for x in facts.recent_cramps() if "stretch" in x.relief and x.relief_effect]
    failed = [x for x in stretched if x.relief_effect == "none"]
    if len(failed) < c.STRETCH_FAILED_MIN_CRAMPS or len(failed) < c.STRETCH_FAILED_SHARE * len(
        stretched
    ):
        return None
    return (
        f"Stretching did not help {len(failed)} of the {len(stretched)} cramps you stretched in "
        "the last 4 weeks."
    )


@dataclass(frozen=True, slots=True)
class DiaryRule:
    """A pattern in the diary that is a warning sign, and what it means."""

    key: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    detect: Callable[[DiaryFacts], str | None]
    """What in the diary raised it (the finding's detail), or None when it does not fire."""

    def check(self, facts: DiaryFacts) -> Finding | None:
        """The finding, when the diary shows the pattern."""
        detail = self.detect(facts)
        if detail is None:
            return None
        return Finding.of(self, source="diary", detail=detail)


DIARY_RULES: tuple[DiaryRule, ...] = (
    DiaryRule(
        key="long_cramp",
        urgency="soon",
        title=f"A cramp lasted more than {LONG_CRAMP_MIN} minutes",
        message=QUESTIONS_BY_KEY["long_cramps"].message,
        citations=QUESTIONS_BY_KEY["long_cramps"].citations,
        detect=_long_cramp,
    ),
    DiaryRule(
        key="unusual_muscles",
        urgency="soon",
        title="Repeated cramps outside the calf and foot",
        message="Ordinary night cramps are in the calf or foot and seldom in the thigh or "
        "hamstring. Repeated cramps in other muscles can be a sign of another cause, and a "
        "doctor should check.",
        citations=("hallegraeff2017", "bmj_bp"),
        detect=_unusual_muscles,
    ),
    DiaryRule(
        key="many_muscles",
        urgency="soon",
        title="Cramps in many muscles in one night",
        message="Cramps in many muscles, especially with weakness, can be a sign of a nerve or "
        "muscle disease. A doctor should check.",
        citations=("bmj_bp", "nice_ng42"),
        detect=_many_muscles_one_night,
    ),
    DiaryRule(
        key="both_sides",
        urgency="next visit",
        title="Cramps often in both legs at once",
        message="Ordinary night cramps usually affect one leg at a time. Cramps that often take "
        "both legs together are worth mentioning to your doctor.",
        citations=("bmj_bp",),
        detect=_both_sides_often,
    ),
    DiaryRule(
        key="daytime",
        urgency="soon",
        title="Cramps often in the daytime",
        message="Most ordinary cramps come at night. Frequent cramps during the day can be a "
        "sign of another cause, and a doctor should check.",
        citations=("bmj_bp", "hallegraeff2017"),
        detect=_daytime_cramps,
    ),
    DiaryRule(
        key="rising",
        urgency="soon",
        title="Your cramps are becoming more frequent",
        message=QUESTIONS_BY_KEY["rising"].message,
        citations=QUESTIONS_BY_KEY["rising"].citations,
        detect=_frequency_rising,
    ),
    DiaryRule(
        key="sleep_disturbed",
        urgency="soon",
        title="Cramps are disturbing your sleep",
        message=QUESTIONS_BY_KEY["sleep_disturbed"].message,
        citations=QUESTIONS_BY_KEY["sleep_disturbed"].citations,
        detect=_sleep_disturbed,
    ),
    DiaryRule(
        key="stretching_fails",
        urgency="soon",
        title="Stretching does not ease your cramps",
        message="Ordinary cramps ease when the muscle is stretched. Cramps that stretching does "
        "not relieve can have another cause, and a doctor should check.",
        citations=("bmj_bp", "allen2012"),
        detect=_stretching_does_not_help,
    ),
)

NEW_MEDICINE_RULE = DiaryRule(
    key="new_medicine",
    urgency="soon",
    title="Cramps after starting a new medicine",
    message=QUESTIONS_BY_KEY["new_medicine"].message,
    citations=QUESTIONS_BY_KEY["new_medicine"].citations,
    detect=lambda facts: None,
)
"""The new-medicine pattern, for the claims table: it is checked per medicine by
``rule_after_new_medicine``, which gives one finding for each."""

RULES: tuple[DiaryRule, ...] = (*DIARY_RULES, NEW_MEDICINE_RULE)
"""Every diary rule, for the documentation."""


def _after_new_medicine(facts: DiaryFacts, medicine: MedicineFact) -> Finding | None:
    start = medicine.started_on
    if (
        start > facts.today
        or (facts.today - start).days >= c.LOOKBACK_DAYS + c.NEW_MEDICINE_WINDOW_DAYS
    ):
        return None
    after_last = min(facts.today, start + timedelta(days=c.NEW_MEDICINE_WINDOW_DAYS - 1))
    after = facts.cramps_between(start, after_last)
    if not after:
        return None
    before_first, before_last = (
        start - timedelta(days=c.NEW_MEDICINE_BEFORE_DAYS),
        start - timedelta(days=1),
    )
    before_nights = facts.logged_between(before_first, before_last)
    after_nights = max(facts.logged_between(start, after_last), len({x.night_of for x in after}))
    known_before = before_nights >= c.NEW_MEDICINE_MIN_BEFORE_NIGHTS
    if known_before:
        before_rate = len(facts.cramps_between(before_first, before_last)) / before_nights
        if len(after) / after_nights <= before_rate:
            return None  # no more cramps than before it was started
    classes = f" ({', '.join(medicine.classes)})" if medicine.classes else ""
    began = "Your cramps became more frequent" if known_before else "You logged cramps"
    condition = (
        ""
        if known_before
        else " If they began or got worse after starting it, tell your prescriber."
    )
    rule = NEW_MEDICINE_RULE
    return Finding(
        key=f"new_medicine:{medicine.name.lower()}",
        urgency=rule.urgency,
        title=f"Cramps after starting {medicine.name}",
        message=rule.message + condition,
        citations=rule.citations,
        source="diary",
        detail=f"{began} in the weeks after you started {medicine.name}{classes} on "
        f"{start:%d %b %Y}: {len(after)} cramp{'s' if len(after) != 1 else ''}.",
    )


def rule_after_new_medicine(facts: DiaryFacts) -> list[Finding]:
    """Cramps beginning within weeks after a medicine was started."""
    findings = [_after_new_medicine(facts, m) for m in facts.medicines]
    return [f for f in findings if f is not None]


def screen_diary(facts: DiaryFacts) -> list[Finding]:
    """Every diary rule that fires, most urgent first."""
    findings = [f for rule in DIARY_RULES if (f := rule.check(facts)) is not None]
    findings += rule_after_new_medicine(facts)
    return sort_findings(findings)


RULES_BY_KEY: dict[str, DiaryRule] = {rule.key: rule for rule in RULES}
