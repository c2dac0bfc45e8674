"""The cautions beside the remedies, for the person they are shown to. Pure, no I/O.

Everyone sees the general cautions (the cramp-now screen and the knowledge base say them): get
up slowly before standing and walking at night, keep heat warm rather than hot, and the limits of
anti-inflammatory painkillers (NSAIDs). Where the profile or the medicines list says one applies
to this person (pregnant from about 20 weeks, kidney disease, heart failure, 65 or over, diabetes,
naproxen taken), :func:`caveats_for` names it, addressed to them, so that it can be shown first.
A condition not answered adds nothing: the general cautions still say it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nightcramps.conditions import Conditions
from nightcramps.content.citations import cite

Topic = Literal["painkillers", "heat", "walking"]
"""The remedy a caution is about (the slug of its knowledge-base entry)."""

OLDER_AGE = 65
"""From this age NSAIDs call for caution and falls are likelier (AGS Beers Criteria 2023 are
written for people of 65 and over; NICE CG161 assesses falls from 65)."""

NSAID_PREGNANCY_WEEK = 20
"""From about this week of pregnancy NSAIDs are to be avoided (FDA Drug Safety Communication,
15 October 2020)."""


CAUTION_SOURCES = cite(
    "nhs", "fda2020_nsaids", "beers2023", "allen2012", "nice_cg161", "cdc_steadi2017",
    "milunsky1992", "schaper2020",
)  # fmt: skip
"""The sources of the general cautions the cramp-now screen shows everyone."""


@dataclass(frozen=True, slots=True)
class Caveat:
    """One caution that applies to this person, said to them."""

    key: str
    topic: Topic
    text: str
    citations: tuple[str, ...]

    @property
    def citation(self) -> str:
        """The short forms of its sources, for display."""
        return cite(*self.citations)


def _pregnant_from_20_weeks(person: Conditions) -> bool:
    # A pregnancy whose week is not known may be past 20 weeks: the caution then applies.
    week = person.pregnancy_week
    return person.pregnant and (week is None or week >= NSAID_PREGNANCY_WEEK)


def _older(person: Conditions) -> bool:
    return person.age is not None and person.age >= OLDER_AGE


def _painkiller_caveats(person: Conditions) -> list[Caveat]:
    found = []
    if _pregnant_from_20_weeks(person):
        week = (
            f"You are {person.pregnancy_week} weeks pregnant"
            if person.pregnancy_week is not None
            else "You are pregnant"
        )
        found.append(
            Caveat(
                "nsaid_pregnancy",
                "painkillers",
                f"{week}: from about 20 weeks, do not take ibuprofen, naproxen or another "
                "anti-inflammatory painkiller (NSAID) unless your doctor or midwife says so; it "
                "can harm the baby's kidneys. Paracetamol is the usual choice in pregnancy.",
                ("fda2020_nsaids",),
            )
        )
    if person.has_kidney_disease:
        found.append(
            Caveat(
                "nsaid_kidney",
                "painkillers",
                "You have kidney disease: ibuprofen, naproxen and other NSAIDs can harm the "
                "kidneys further. Ask your kidney doctor or a pharmacist before taking one.",
                ("kdigo2024", "nice_ng203"),
            )
        )
    if person.heart_failure:
        found.append(
            Caveat(
                "nsaid_heart_failure",
                "painkillers",
                "You have heart failure: NSAIDs such as ibuprofen make the body hold on to salt "
                "and water and can make heart failure worse. Avoid them unless your doctor says "
                "otherwise.",
                ("mcdonagh2021", "beers2023"),
            )
        )
    if _older(person):
        found.append(
            Caveat(
                "nsaid_older_age",
                "painkillers",
                f"You are {person.age}: from 65, NSAIDs such as ibuprofen more often cause "
                "stomach bleeding and kidney problems, above all taken for more than a few days "
                "or with a blood thinner. Paracetamol is usually tried first.",
                ("beers2023",),
            )
        )
    if "naproxen" in person.medicine_classes:
        found.append(
            Caveat(
                "naproxen_listed",
                "painkillers",
                "Naproxen is on your medicines list, and it is itself among the medicines linked "
                "with cramps. Talk to your prescriber if the cramps began or got worse after you "
                "started it.",
                ("allen2012",),
            )
        )
    return found


def _heat_caveats(person: Conditions) -> list[Caveat]:
    found = []
    if person.pregnant:
        found.append(
            Caveat(
                "heat_pregnancy",
                "heat",
                "You are pregnant: keep the bath or shower warm, not hot, and stay out of hot "
                "tubs and saunas, which raise the body's temperature.",
                ("milunsky1992",),
            )
        )
    if person.diabetes:
        found.append(
            Caveat(
                "heat_diabetes",
                "heat",
                "You have diabetes: nerve damage can dull the feeling in the feet and legs, so "
                "test the water with your hand or elbow before you step in.",
                ("schaper2020",),
            )
        )
    return found


def _walking_caveats(person: Conditions) -> list[Caveat]:
    if not _older(person):
        return []
    return [
        Caveat(
            "falls_older_age",
            "walking",
            f"You are {person.age}: falls at night are more likely from 65. Sit on the edge of "
            "the bed first, put a light on, and hold on to something steady as you stand.",
            ("nice_cg161", "cdc_steadi2017"),
        )
    ]


def caveats_for(person: Conditions, topic: Topic | None = None) -> list[Caveat]:
    """The cautions that apply to ``person`` (of one ``topic``, or all), painkillers first,
    then heat, then walking; within a topic the more serious first."""
    found = [*_painkiller_caveats(person), *_heat_caveats(person), *_walking_caveats(person)]
    return [c for c in found if topic is None or c.topic == topic]
