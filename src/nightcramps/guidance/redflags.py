"""Red-flag screening: pure rules over questionnaire answers and diary facts. No I/O here.

Each rule returns a ``Finding`` (or None): how urgent, a plain message and the sources. Messages
say what a sign *can* mean and that a doctor should check; they never say what the person has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from nightcramps.constants import LONG_CRAMP_MIN
from nightcramps.guidance import constants as c
from nightcramps.guidance.citations import cite

Urgency = Literal["urgent", "see a doctor soon", "mention at next visit"]
URGENCIES: tuple[Urgency, ...] = ("urgent", "see a doctor soon", "mention at next visit")
"""Most urgent first."""

URGENCY_HEADLINES: dict[Urgency, str] = {
    "urgent": "Get medical help today",
    "see a doctor soon": "See a doctor about your cramps",
    "mention at next visit": "Mention this at your next doctor's visit",
}

SAFETY_NET = "If cramps persist or worry you, see a doctor anyway."
"""The line the check-up ends with (page and CLI): the questions do not cover everything."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A red flag that was found."""

    key: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``."""
    source: Literal["checkup", "diary"]
    detail: str = ""
    """What in the diary raised it, e.g. "A 15-minute cramp on the night of Sun 23 Nov"."""

    @property
    def citation(self) -> str:
        """The sources in short form."""
        return cite(*self.citations)


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most urgent first; the same flag from the questionnaire and the diary is kept once each."""
    return sorted(findings, key=lambda f: (URGENCIES.index(f.urgency), f.source, f.key))


def worst_urgency(findings: Sequence[Finding]) -> Urgency | None:
    """The most urgent level among ``findings``; None when there are none."""
    levels = [URGENCIES.index(f.urgency) for f in findings]
    return URGENCIES[min(levels)] if levels else None


# ---------------------------------------------------------------------------- the questionnaire


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the check-up, and what a "yes" means."""

    key: str
    label: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    only_if: str | None = None
    """Asked (and counted) only when the question with this key was answered yes."""


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="calf_swelling",
        label="Leaving aside the soreness a cramp can leave for up to a day: is one calf "
        "swollen, red or warm, or does it have a new pain that keeps getting worse over hours or "
        "days instead of easing?",
        urgency="urgent",
        title="Calf swelling, redness or worsening pain",
        message="A swollen, red or warm calf, or a calf pain that keeps getting worse instead of "
        "easing, can be a sign of a blood clot in the leg (deep vein thrombosis). The ache after "
        "a bad cramp usually eases within a day. A doctor should check this today: contact your "
        "doctor's surgery for an urgent appointment or an urgent care service.",
        citations=("nice_cks", "nhs"),
    ),
    Question(
        key="toxin_exposure",
        label="Could you have tetanus (a recent wound dirtied by soil or manure), or have you "
        "been exposed to a poison such as lead or mercury?",
        urgency="urgent",
        title="Possible tetanus or poisoning",
        message="Cramps after a wound that may be contaminated, or after contact with toxins "
        "such as lead or mercury, can be a sign of tetanus or poisoning. Get medical help now.",
        citations=("nhs", "mayo"),
    ),
    Question(
        key="severe_persistent",
        label="Is a cramp severe and not easing at all, even when you stretch the muscle?",
        urgency="urgent",
        title="Severe cramp that does not ease",
        message="Severe cramping that keeps going, or does not ease with stretching, can have "
        "another cause. Get medical help now.",
        citations=("mayo", "bmj_bp"),
    ),
    Question(
        key="long_cramps",
        label="Do your cramps last longer than 10 minutes?",
        urgency="see a doctor soon",
        title="Cramps longer than 10 minutes",
        message="Ordinary night cramps last from seconds to about 10 minutes. Longer cramps can "
        "be a sign of another cause, and a doctor should check. NHS advice is to see a GP; some "
        "NHS services say to ask for an urgent appointment if they do not improve.",
        citations=("nhs", "hallegraeff2017"),
    ),
    Question(
        key="numbness",
        label="Do you have numbness, pins and needles or swelling in your legs?",
        urgency="see a doctor soon",
        title="Numbness or swelling in the legs",
        message="Numbness or swelling together with cramps can be a sign of a nerve or "
        "circulation problem. A doctor should check.",
        citations=("nhs", "nice_cks"),
    ),
    Question(
        key="weakness",
        label="Are the muscles of your legs weaker than they were, or getting thinner?",
        urgency="see a doctor soon",
        title="Weakness or muscle wasting",
        message="Weakness or muscles getting thinner together with cramps can be a sign of a "
        "nerve or muscle disease. A doctor should check soon.",
        citations=("mayo", "nhs", "bmj_bp"),
    ),
    Question(
        key="widespread",
        label="Do you get cramps in many different muscles, or often in the daytime?",
        urgency="see a doctor soon",
        title="Cramps in many muscles or in the daytime",
        message="Ordinary night cramps come at night in the calf or foot. Cramps in many "
        "muscles or during the day can be a sign of another cause, and a doctor should check.",
        citations=("bmj_bp", "hallegraeff2017"),
    ),
    Question(
        key="walking_pain",
        label="Do you get pain in a calf when walking that goes away when you stop?",
        urgency="see a doctor soon",
        title="Calf pain when walking",
        message="Calf pain on walking that eases with rest can be a sign of narrowed leg "
        "arteries (claudication). A doctor should check.",
        citations=("nice_cks",),
    ),
    Question(
        key="new_medicine",
        label="Did the cramps start, or get worse, after you began a new medicine?",
        urgency="see a doctor soon",
        title="Cramps after a new medicine",
        message="Some medicines are linked with cramps, for example some diuretics, asthma "
        "inhalers and statins. Talk to your prescriber; never stop a prescribed medicine on "
        "your own.",
        citations=("garrison2012", "nice_cks"),
    ),
    Question(
        key="sleep_disturbed",
        label="Do cramps disturb your sleep a lot, or make it hard to get through the day?",
        urgency="see a doctor soon",
        title="Cramps disturbing your sleep",
        message="When cramps disturb your sleep a lot, NHS advice is to see a GP; a doctor can "
        "look for causes and talk through what may help.",
        citations=("nhs", "mayo"),
    ),
    Question(
        key="takes_quinine",
        label="Do you take quinine, or drink tonic water, for your cramps?",
        urgency="mention at next visit",
        title="Quinine or tonic water is not advised for cramps",
        message="Quinine is not recommended for leg cramps because of rare but serious side "
        "effects on the blood and heart (FDA 2010; MHRA 2010). Tell your doctor you use it, "
        "and talk it through before changing a prescribed medicine.",
        citations=("fda2010", "mhra2010"),
    ),
    Question(
        key="quinine_bleeding",
        label="If you take quinine: have you had unusual bruising, nosebleeds, bleeding gums, "
        "blood in your urine or stool, or purple or red spots on the skin?",
        urgency="urgent",
        title="Bruising or bleeding",
        message="Bruising or bleeding can be a sign of a dangerous fall in blood platelets. Get "
        "medical help now; the FDA advises not to take another quinine dose until a doctor has "
        "seen you.",
        citations=("fda2010",),
        only_if="takes_quinine",
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}


def screen_answers(answers: Mapping[str, bool | None]) -> list[Finding]:
    """The findings for the questions answered yes (unanswered questions raise nothing)."""
    findings = []
    for question in QUESTIONS:
        if answers.get(question.key) is not True:
            continue
        if question.only_if is not None and answers.get(question.only_if) is not True:
            continue
        findings.append(
            Finding(
                key=question.key,
                urgency=question.urgency,
                title=question.title,
                message=question.message,
                citations=question.citations,
                source="checkup",
            )
        )
    return sort_findings(findings)


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


def rule_long_cramp(facts: DiaryFacts) -> Finding | None:
    """A cramp longer than ``LONG_CRAMP_MIN`` minutes in the look-back period."""
    long = [x for x in facts.recent_cramps() if (x.duration_min or 0) > LONG_CRAMP_MIN]
    if not long:
        return None
    longest = max(long, key=lambda x: x.duration_min or 0)
    assert longest.duration_min is not None
    more = (
        f" ({len(long)} cramps over {LONG_CRAMP_MIN} minutes in 4 weeks)" if len(long) > 1 else ""
    )
    return Finding(
        key="long_cramp",
        urgency="see a doctor soon",
        title=f"A cramp lasted more than {LONG_CRAMP_MIN} minutes",
        message="Ordinary night cramps last from seconds to about 10 minutes. Longer cramps can "
        "be a sign of another cause, and a doctor should check. NHS advice is to see a GP; some "
        "NHS services say to ask for an urgent appointment if they do not improve.",
        citations=("nhs", "hallegraeff2017"),
        source="diary",
        detail=f"A {_minutes(longest.duration_min)}-minute cramp on the night of "
        f"{_night(longest.night_of)}{more}.",
    )


def rule_unusual_muscles(facts: DiaryFacts) -> Finding | None:
    """Cramps outside the calf and foot on several nights."""
    nights = {x.night_of for x in facts.recent_cramps() if x.muscle in c.UNUSUAL_MUSCLES}
    if len(nights) < c.UNUSUAL_MUSCLE_MIN_NIGHTS:
        return None
    return Finding(
        key="unusual_muscles",
        urgency="see a doctor soon",
        title="Repeated cramps outside the calf and foot",
        message="Ordinary night cramps are in the calf or foot and seldom in the thigh or "
        "hamstring. Repeated cramps in other muscles can be a sign of another cause, and a "
        "doctor should check.",
        citations=("hallegraeff2017", "bmj_bp"),
        source="diary",
        detail=f"Cramps in the thigh, hamstring or other muscles on {len(nights)} nights in the "
        "last 4 weeks.",
    )


def rule_many_muscles_one_night(facts: DiaryFacts) -> Finding | None:
    """Cramps in ``MANY_MUSCLES_ONE_NIGHT`` or more different muscles in a single night."""
    sites: dict[date, set[str]] = {}
    for cramp in facts.recent_cramps():
        sites.setdefault(cramp.night_of, set()).add(cramp.muscle)
    widespread = sorted(
        day for day, muscles in sites.items() if len(muscles) >= c.MANY_MUSCLES_ONE_NIGHT
    )
    if not widespread:
        return None
    day = widespread[-1]
    return Finding(
        key="many_muscles",
        urgency="see a doctor soon",
        title="Cramps in many muscles in one night",
        message="Cramps in many muscles, especially with weakness, can be a sign of a nerve or "
        "muscle disease. A doctor should check.",
        citations=("bmj_bp",),
        source="diary",
        detail=f"Cramps in {len(sites[day])} different muscles on the night of {_night(day)}.",
    )


def rule_both_sides_often(facts: DiaryFacts) -> Finding | None:
    """Cramps in both legs at once, often."""
    recent = facts.recent_cramps()
    both = sum(1 for x in recent if x.side == "both")
    if both < c.BOTH_SIDES_MIN_CRAMPS or both < c.BOTH_SIDES_MIN_SHARE * len(recent):
        return None
    return Finding(
        key="both_sides",
        urgency="mention at next visit",
        title="Cramps often in both legs at once",
        message="Ordinary night cramps usually affect one leg at a time. Cramps that often take "
        "both legs together are worth mentioning to your doctor.",
        citations=("bmj_bp",),
        source="diary",
        detail=f"{both} of {len(recent)} cramps in the last 4 weeks were in both legs.",
    )


def rule_daytime_cramps(facts: DiaryFacts) -> Finding | None:
    """Cramps beginning in the daytime, often."""
    daytime = [
        x
        for x in facts.recent_cramps()
        if x.local_hour is not None and c.DAYTIME_START_HOUR <= x.local_hour < c.DAYTIME_END_HOUR
    ]
    if len(daytime) < c.DAYTIME_MIN_CRAMPS:
        return None
    return Finding(
        key="daytime",
        urgency="see a doctor soon",
        title="Cramps often in the daytime",
        message="Most ordinary cramps come at night. Frequent cramps during the day can be a "
        "sign of another cause, and a doctor should check.",
        citations=("bmj_bp", "nhs"),
        source="diary",
        detail=f"{len(daytime)} cramps in the last 4 weeks began between "
        f"{c.DAYTIME_START_HOUR:02d}:00 and {c.DAYTIME_END_HOUR:02d}:00.",
    )


def rule_frequency_rising(facts: DiaryFacts) -> Finding | None:
    """Cramps per logged night at least doubled in the last two weeks, with enough data."""
    recent_first = facts.today - timedelta(days=c.RISING_RECENT_DAYS - 1)
    base_last = recent_first - timedelta(days=1)
    base_first = base_last - timedelta(days=c.RISING_BASELINE_DAYS - 1)
    recent_nights = facts.logged_between(recent_first, facts.today)
    base_nights = facts.logged_between(base_first, base_last)
    if recent_nights < c.RISING_MIN_RECENT_NIGHTS or base_nights < c.RISING_MIN_BASELINE_NIGHTS:
        return None  # not enough known nights to compare: say nothing rather than guess
    recent = len(facts.cramps_between(recent_first, facts.today))
    earlier = len(facts.cramps_between(base_first, base_last))
    if recent < c.RISING_MIN_RECENT_CRAMPS:
        return None
    recent_rate, earlier_rate = recent / recent_nights, earlier / base_nights
    if recent_rate < c.RISING_FACTOR * earlier_rate:
        return None
    return Finding(
        key="rising",
        urgency="mention at next visit",
        title="Your cramps are becoming more frequent",
        message="Cramps that keep coming, or come more and more often, are a reason to talk to "
        "a doctor, who can look for a cause.",
        citations=("nhs", "nice_cks"),
        source="diary",
        detail=f"{recent_rate * 7:.1f} cramps a week in the last 2 weeks against "
        f"{earlier_rate * 7:.1f} a week in the 4 weeks before (logged nights only).",
    )


def rule_sleep_disturbed(facts: DiaryFacts) -> Finding | None:
    """Sleep disturbed a lot on several recent nights."""
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
    return Finding(
        key="sleep_disturbed",
        urgency="see a doctor soon",
        title="Cramps are disturbing your sleep",
        message="When cramps disturb your sleep a lot, NHS advice is to see a GP; a doctor can "
        "look for causes and talk through what may help.",
        citations=("nhs", "mayo"),
        source="diary",
        detail=f"Sleep disturbed {c.SLEEP_DISTURBED_SCORE}/10 or more on {len(bad)} of the last "
        f"{c.SLEEP_DISTURBED_DAYS} nights.",
    )


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
    return Finding(
        key=f"new_medicine:{medicine.name.lower()}",
        urgency="see a doctor soon",
        title=f"Cramps after starting {medicine.name}",
        message="Some medicines are linked with cramps, for example some diuretics, asthma "
        "inhalers and statins. Talk to your prescriber; never stop a prescribed medicine on "
        f"your own.{condition}",
        citations=("garrison2012", "nice_cks"),
        source="diary",
        detail=f"{began} in the weeks after you started {medicine.name}{classes} on "
        f"{start:%d %b %Y}: {len(after)} cramp{'s' if len(after) != 1 else ''}.",
    )


def rule_after_new_medicine(facts: DiaryFacts) -> list[Finding]:
    """Cramps beginning within weeks after a medicine was started."""
    findings = [_after_new_medicine(facts, m) for m in facts.medicines]
    return [f for f in findings if f is not None]


DIARY_RULES: tuple[Callable[[DiaryFacts], Finding | None], ...] = (
    rule_long_cramp,
    rule_unusual_muscles,
    rule_many_muscles_one_night,
    rule_both_sides_often,
    rule_daytime_cramps,
    rule_frequency_rising,
    rule_sleep_disturbed,
)


def screen_diary(facts: DiaryFacts) -> list[Finding]:
    """Every diary rule that fires, most urgent first."""
    findings = [f for rule in DIARY_RULES if (f := rule(facts)) is not None]
    findings += rule_after_new_medicine(facts)
    return sort_findings(findings)
