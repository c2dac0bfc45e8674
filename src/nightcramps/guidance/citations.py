"""The publications and guidelines behind every claim NightCramps shows.

Each entry names the ORIGINAL publication (authors, journal or issuing body, year), never the web
page where it was read; ``/work/shared/evidence.md`` lists those pages. Entries are looked up by a
short key, so the same paper is written out once however many claims rest on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CitationKind = Literal[
    "trial", "review", "observational", "guideline", "regulator", "reference", "consumer"
]
"""What sort of source it is: a randomised trial, a systematic review, an observational study, a
clinical guideline, a drug regulator's notice, a reference work, or health information written for
the public by a hospital or health service."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One publication or guideline."""

    key: str
    authors: str | None
    """First author(s) as "Surname Initials"; None for guidelines issued by a body."""
    title: str
    source: str
    """Journal abbreviation or issuing body (e.g. "J Physiother", "NICE Clinical Knowledge
    Summaries")."""
    year: int | None
    """Year of publication; None for a web guideline whose revision date was not recorded."""
    locator: str
    """Volume, issue and pages, or a review number; "" when there is none."""
    kind: CitationKind

    @property
    def short(self) -> str:
        """The citation as shown beside a claim.

        "Hallegraeff JM et al., J Physiother 2012;58(1):17-22", "NICE Clinical Knowledge Summaries
        2012: Leg cramps", "Mayo Clinic: Night leg cramps ...".
        """
        where = self.source if self.year is None else f"{self.source} {self.year}"
        if self.locator:
            where += f"{';' if self.locator[0].isdigit() else ', '}{self.locator}"
        if self.authors:
            return f"{self.authors}, {where}"
        if self.kind in ("guideline", "consumer", "reference", "regulator"):
            return f"{where}: {self.title}"
        return where


def _c(
    key: str,
    authors: str | None,
    title: str,
    source: str,
    year: int | None,
    locator: str,
    kind: CitationKind,
) -> Citation:
    return Citation(key, authors, title, source, year, locator, kind)


_ALL = (
    _c(
        "allen2012",
        "Allen RE, Kirby KA",
        "Nocturnal leg cramps",
        "Am Fam Physician",
        2012,
        "86(4):350-355",
        "review",
    ),
    _c(
        "hallegraeff2012",
        "Hallegraeff JM et al.",
        "Stretching before sleep reduces the frequency and severity of nocturnal leg cramps in "
        "older adults: a randomised trial",
        "J Physiother",
        2012,
        "58(1):17-22",
        "trial",
    ),
    _c(
        "hallegraeff2017",
        "Hallegraeff J et al.",
        "Criteria in diagnosing nocturnal leg cramps: a systematic review",
        "BMC Fam Pract",
        2017,
        "18:29",
        "review",
    ),
    _c(
        "coppin2005",
        "Coppin RJ et al.",
        "Managing nocturnal leg cramps - calf-stretching exercises and cessation of quinine "
        "treatment: a factorial randomised controlled trial",
        "Br J Gen Pract",
        2005,
        "55(512):186-191",
        "trial",
    ),
    _c(
        "garrison2020",
        "Garrison SR et al.",
        "Magnesium for skeletal muscle cramps",
        "Cochrane Database Syst Rev",
        2020,
        "CD009402",
        "review",
    ),
    _c(
        "frusso1999",
        "Frusso R et al.",
        "Magnesium for the treatment of nocturnal leg cramps: a crossover randomized trial",
        "J Fam Pract",
        1999,
        "48(11):868-871",
        "trial",
    ),
    _c(
        "garrison2012",
        "Garrison SR et al.",
        "Nocturnal leg cramps and prescription use that precedes them: a sequence symmetry "
        "analysis",
        "Arch Intern Med",
        2012,
        "172(2):120-126",
        "observational",
    ),
    _c(
        "katzberg2010",
        "Katzberg HD, Khan AH, So YT",
        "Assessment: symptomatic treatment for muscle cramps (an evidence-based review). Report "
        "of the Therapeutics and Technology Assessment Subcommittee of the American Academy of "
        "Neurology",
        "Neurology",
        2010,
        "74(8):691-696",
        "guideline",
    ),
    _c(
        "eltawil2015",
        "El-Tawil S et al.",
        "Quinine for muscle cramps",
        "Cochrane Database Syst Rev",
        2015,
        "CD005044",
        "review",
    ),
    _c(
        "cochrane_pregnancy2020",
        None,
        "Interventions for leg cramps in pregnancy (update of Zhou K et al. 2015)",
        "Cochrane Database Syst Rev",
        2020,
        "CD010655",
        "review",
    ),
    _c(
        "naylor1994",
        "Naylor JR, Young JB",
        "A general population survey of rest cramps",
        "Age Ageing",
        1994,
        "23(5):418-420",
        "observational",
    ),
    _c(
        "grandner2017",
        "Grandner MA, Winkelman JW",
        "Nocturnal leg cramps: prevalence and associations with demographics, sleep disturbance "
        "symptoms, medical conditions, and cardiometabolic risk factors",
        "PLoS One",
        2017,
        "12(6):e0178465",
        "observational",
    ),
    _c(
        "maisonneuve2016",
        "Maisonneuve H et al.",
        "Prevalence of cramps in patients over the age of 60 in primary care: a cross sectional "
        "study",
        "BMC Fam Pract",
        2016,
        "17:111",
        "observational",
    ),
    _c(
        "chan1998",
        "Chan P et al.",
        "Randomized, double-blind, placebo-controlled study of the safety and efficacy of "
        "vitamin B complex in the treatment of nocturnal leg cramps in elderly patients with "
        "hypertension",
        "J Clin Pharmacol",
        1998,
        "38(12):1151-1154",
        "trial",
    ),
    _c(
        "tan2024",
        "Tan J et al.",
        "Vitamin K2 in managing nocturnal leg cramps: a randomized clinical trial",
        "JAMA Intern Med",
        2024,
        "e245726",
        "trial",
    ),
    _c(
        "nhs",
        None,
        "Leg cramps (nhs.uk)",
        "NHS",
        None,
        "",
        "guideline",
    ),
    _c(
        "nice_cks",
        None,
        "Leg cramps",
        "NICE Clinical Knowledge Summaries",
        2012,
        "",
        "guideline",
    ),
    _c(
        "mayo",
        None,
        "Night leg cramps: when to see a doctor, causes and self-care",
        "Mayo Clinic",
        None,
        "",
        "guideline",
    ),
    _c(
        "bmj_bp",
        None,
        "Muscle cramps (topic 569)",
        "BMJ Best Practice",
        None,
        "",
        "guideline",
    ),
    _c(
        "merck",
        None,
        "Some causes of muscle cramps",
        "Merck Manual, Consumer Version",
        None,
        "",
        "reference",
    ),
    _c(
        "fda2010",
        None,
        "FDA Drug Safety Communication: new risk management plan and patient Medication Guide "
        "for Qualaquin (quinine sulfate)",
        "US Food and Drug Administration",
        2010,
        "",
        "regulator",
    ),
    _c(
        "mhra2010",
        None,
        "Quinine: not to be used routinely for nocturnal leg cramps",
        "MHRA Drug Safety Update",
        2010,
        "",
        "regulator",
    ),
    _c(
        "iom1997",
        None,
        "Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride",
        "Institute of Medicine, National Academies Press",
        1997,
        "",
        "reference",
    ),
    _c(
        "iom2004",
        None,
        "Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and Sulfate",
        "Institute of Medicine, National Academies Press",
        2004,
        "",
        "reference",
    ),
    _c(
        "cleveland",
        None,
        "Leg cramps at night (nocturnal leg cramps)",
        "Cleveland Clinic",
        None,
        "",
        "consumer",
    ),
    _c(
        "aafp2017",
        None,
        "Clinical Inquiry: treatments for nocturnal leg cramps",
        "Am Fam Physician",
        2017,
        "96(7)",
        "review",
    ),
)

CITATIONS: dict[str, Citation] = {c.key: c for c in _ALL}
"""Every citation, by key."""


def cite(*keys: str) -> str:
    """The short forms of ``keys`` joined for display: "A, J 2012; B, J 2005"."""
    return "; ".join(CITATIONS[key].short for key in keys)
