"""The publications and guidelines behind every claim NightCramps shows.

Each entry names the ORIGINAL publication (authors, journal or issuing body, year), never the web
page where it was read; ``/work/shared/evidence.md`` lists those pages. Entries are looked up by a
short key, so the same paper is written out once however many claims rest on it.
"""

from __future__ import annotations

import re
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
    authors: str
    """Personal authors as "Surname Initials" (the first three and "et al." when there are more
    than six), or, for a document a body issued in its own name (a guideline, a regulator's
    notice, a product label, a health-information page), that body."""
    title: str
    source: str
    """Journal abbreviation or issuing body (e.g. "J Physiother", "NICE Clinical Knowledge
    Summaries")."""
    year: int
    """Year of publication, or of the last review a web page shows. When the page shows no date,
    the year it was read, and ``accessed`` is True."""
    locator: str
    """Volume, issue and pages, or a review number; "" when there is none."""
    kind: CitationKind
    corporate: bool = False
    """True when ``authors`` is the issuing body and the short form should name its publication
    and the title instead ("NICE Clinical Knowledge Summaries 2012: Leg cramps")."""
    accessed: bool = False
    """True when no publication or review date was found: ``year`` is then the year the page was
    read, and the short form says "accessed 2026" rather than pass it off as a publication
    year."""

    @property
    def short(self) -> str:
        """The citation as shown beside a claim.

        "Hallegraeff JM et al., J Physiother 2012;58(1):17-22", "NICE Clinical Knowledge
        Summaries 2012: Leg cramps", "NHS, accessed 2026: Leg cramps (nhs.uk)".
        """
        if self.corporate:
            return f"{self.published}: {self.title}"
        return f"{self.cited_authors}, {self.published}"

    @property
    def published(self) -> str:
        """Where and when: "J Physiother 2012;58(1):17-22", "Mayo Clinic, accessed 2026"."""
        when = f", accessed {self.year}" if self.accessed else f" {self.year}"
        if not self.locator:
            return self.source + when
        joint = ";" if self.locator[0] in "0123456789(" else ", "
        return f"{self.source}{when}{joint}{self.locator}"

    @property
    def cited_authors(self) -> str:
        """The authors as the short form names them: one or two in full, or the first and "et
        al." ("Garrison SR et al."). A body's name is never cut."""
        names = [n for n in self.authors.removesuffix("et al.").split(", ") if n.strip()]
        many = len(names) > 2 or self.authors.endswith("et al.")
        if many and _PERSON.fullmatch(names[0].strip()):
            return f"{names[0].strip()} et al."
        return self.authors


_PERSON = re.compile(r"[\w'-]+(?: [\w'-]+)* [A-Z]{1,3}")
"""A personal author as Vancouver writes one: "Hallegraeff JM", "van der Schans CP"."""


def _c(
    key: str,
    authors: str,
    title: str,
    source: str,
    year: int,
    locator: str,
    kind: CitationKind,
    *,
    corporate: bool = False,
    accessed: bool = False,
) -> Citation:
    return Citation(key, authors, title, source, year, locator, kind, corporate, accessed)


ACCESSED_YEAR = 2026
"""The year the undated web pages were read (``Citation.accessed``)."""


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
        "Hallegraeff JM, van der Schans CP, de Ruiter R, de Greef MH",
        "Stretching before sleep reduces the frequency and severity of nocturnal leg cramps in "
        "older adults: a randomised trial",
        "J Physiother",
        2012,
        "58(1):17-22",
        "trial",
    ),
    _c(
        "hallegraeff2017",
        "Hallegraeff J, de Greef M, Krijnen W, van der Schans C",
        "Criteria in diagnosing nocturnal leg cramps: a systematic review",
        "BMC Fam Pract",
        2017,
        "18(1):29",
        "review",
    ),
    _c(
        "coppin2005",
        "Coppin RJ, Wicke DM, Little PS",
        "Managing nocturnal leg cramps - calf-stretching exercises and cessation of quinine "
        "treatment: a factorial randomised controlled trial",
        "Br J Gen Pract",
        2005,
        "55(512):186-191",
        "trial",
    ),
    _c(
        "garrison2020",
        "Garrison SR, Korownyk CS, Kolber MR, et al.",
        "Magnesium for skeletal muscle cramps",
        "Cochrane Database Syst Rev",
        2020,
        "9:CD009402",
        "review",
    ),
    _c(
        "frusso1999",
        "Frusso R, Zárate M, Augustovski F, Rubinstein A",
        "Magnesium for the treatment of nocturnal leg cramps: a crossover randomized trial",
        "J Fam Pract",
        1999,
        "48(11):868-871",
        "trial",
    ),
    _c(
        "garrison2012",
        "Garrison SR, Dormuth CR, Morrow RL, Carney GA, Khan KM",
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
        "El-Tawil S, Al Musa T, Valli H, et al.",
        "Quinine for muscle cramps",
        "Cochrane Database Syst Rev",
        2015,
        "(4):CD005044",
        "review",
    ),
    _c(
        "cochrane_pregnancy2020",
        "Luo L, Zhou K, Zhang J, et al.",
        "Interventions for leg cramps in pregnancy",
        "Cochrane Database Syst Rev",
        2020,
        "CD010655.pub3",
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
        "Maisonneuve H, Chambe J, Lorenzo M, Pedrazzani C",
        "Prevalence of cramps in patients over the age of 60 in primary care: a cross sectional "
        "study",
        "BMC Fam Pract",
        2016,
        "17(1):111",
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
        "Tan J, Zhu R, Li Y, et al.",
        "Vitamin K2 in managing nocturnal leg cramps: a randomized clinical trial",
        "JAMA Intern Med",
        2024,
        "e245726",
        "trial",
    ),
    _c(
        "nhs",
        "NHS",
        "Leg cramps (nhs.uk)",
        "NHS",
        ACCESSED_YEAR,
        "",
        "consumer",
        corporate=True,
        accessed=True,
    ),
    _c(
        "nice_cks",
        "National Institute for Health and Care Excellence",
        "Leg cramps",
        "NICE Clinical Knowledge Summaries",
        2012,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "mayo",
        "Mayo Clinic Staff",
        "Night leg cramps: when to see a doctor, causes and self-care",
        "Mayo Clinic",
        2023,
        "",
        "consumer",
        corporate=True,
    ),
    _c(
        "bmj_bp",
        "BMJ Publishing Group",
        "Muscle cramps (topic 569)",
        "BMJ Best Practice",
        2023,
        "",
        "reference",
        corporate=True,
    ),
    _c(
        "merck",
        "Merck & Co., Inc.",
        "Conditions that cause or contribute to muscle cramps",
        "Merck Manual, Consumer Version",
        ACCESSED_YEAR,
        "",
        "consumer",
        corporate=True,
        accessed=True,
    ),
    _c(
        "fda2010",
        "US Food and Drug Administration",
        "FDA Drug Safety Communication: new risk management plan and patient Medication Guide "
        "for Qualaquin (quinine sulfate)",
        "US Food and Drug Administration",
        2010,
        "",
        "regulator",
        corporate=True,
    ),
    _c(
        "mhra2010",
        "Medicines and Healthcare products Regulatory Agency",
        "Quinine: not to be used routinely for nocturnal leg cramps",
        "MHRA Drug Safety Update",
        2010,
        "",
        "regulator",
        corporate=True,
    ),
    _c(
        "iom1997",
        "Institute of Medicine",
        "Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride",
        "Institute of Medicine, National Academies Press",
        1997,
        "",
        "reference",
        corporate=True,
    ),
    _c(
        "iom2004",
        "Institute of Medicine",
        "Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and Sulfate",
        "Institute of Medicine, National Academies Press",
        2004,
        "",
        "reference",
        corporate=True,
    ),
    _c(
        "cleveland",
        "Cleveland Clinic",
        "Leg cramps at night (nocturnal leg cramps)",
        "Cleveland Clinic",
        ACCESSED_YEAR,
        "",
        "consumer",
        corporate=True,
        accessed=True,
    ),
    _c(
        "aafp2017",
        "Family Physicians Inquiries Network",
        "FPIN's Help Desk Answers: treatments for nocturnal leg cramps",
        "Am Fam Physician",
        2017,
        "96(7):online",
        "review",
        corporate=True,
    ),
    # primary sources for entries that rested on consumer pages (issue 10)
    _c(
        "hawke2021",
        "Hawke F et al.",
        "Non-drug therapies for the secondary prevention of lower limb muscle cramps",
        "Cochrane Database Syst Rev",
        2021,
        "5:CD008496",
        "review",
    ),
    _c(
        "delacour2018",
        "Delacour C, Chambe J, Lefebvre F, et al.",
        "Association between alcohol consumption and nocturnal leg cramps in patients over 60 "
        "years old: a case-control study",
        "Ann Fam Med",
        2018,
        "16(4):296-301",
        "observational",
    ),
    _c(
        "delacour2020",
        "Delacour C, Chambe J, Lefebvre F, et al.",
        "Association between physical activity and nocturnal leg cramps in patients over 60 years "
        "old: a case-control study",
        "Sci Rep",
        2020,
        "10(1):2638",
        "observational",
    ),
    _c(
        "bahk2012",
        "Bahk JW, Kim H, Jung-Choi K, Jung MC, Lee I",
        "Relationship between prolonged standing and symptoms of varicose veins and nocturnal leg "
        "cramps among women and men",
        "Ergonomics",
        2012,
        "55(2):133-139",
        "observational",
    ),
    _c(
        "hawke2013",
        "Hawke F, Chuter V, Burns J",
        "Factors associated with night-time calf muscle cramps: a case-control study",
        "Muscle Nerve",
        2013,
        "47(3):339-343",
        "observational",
    ),
    _c(
        "hu2022",
        "Hu H, Wang C, Liang K, et al.",
        "Relationship between muscle cramps and diabetic retinopathy in patients with type 2 "
        "diabetes",
        "Diabetes Metab Syndr Obes",
        2022,
        "15:827-837",
        "observational",
    ),
    # warning signs (issue 10)
    _c(
        "nice_ng133",
        "National Institute for Health and Care Excellence",
        "Hypertension in pregnancy: diagnosis and management",
        "NICE NG133",
        2019,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_cg147",
        "National Institute for Health and Care Excellence",
        "Peripheral arterial disease: diagnosis and management",
        "NICE CG147",
        2012,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng158",
        "National Institute for Health and Care Excellence",
        "Venous thromboembolic diseases: diagnosis, management and thrombophilia testing",
        "NICE NG158",
        2020,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "girft2023",
        "Getting It Right First Time (GIRFT), NHS England",
        "National suspected cauda equina syndrome pathway",
        "GIRFT, NHS England",
        2023,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "torres2015",
        "Torres PA, Helmstetter JA, Kaye AM, Kaye AD",
        "Rhabdomyolysis: pathogenesis, diagnosis, and treatment",
        "Ochsner J",
        2015,
        "15(1):58-69",
        "review",
    ),
    _c(
        "kardalas2018",
        "Kardalas E, Paschou SA, Anagnostis P, et al.",
        "Hypokalemia: a clinical update",
        "Endocr Connect",
        2018,
        "7(4):R135-R146",
        "review",
    ),
    _c(
        "turner2016",
        "Turner J, Gittoes N, Selby P; Society for Endocrinology Clinical Committee",
        "Society for Endocrinology endocrine emergency guidance: emergency management of acute "
        "hypocalcaemia in adult patients",
        "Endocr Connect",
        2016,
        "5(5):G7-G8",
        "guideline",
    ),
    _c(
        "spasovski2014",
        "Spasovski G, Vanholder R, Allolio B, et al.",
        "Clinical practice guideline on diagnosis and treatment of hyponatraemia",
        "Eur J Endocrinol",
        2014,
        "170(3):G1-G47",
        "guideline",
    ),
    _c(
        "nice_ng42",
        "National Institute for Health and Care Excellence",
        "Motor neurone disease: assessment and management",
        "NICE NG42",
        2016,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng71",
        "National Institute for Health and Care Excellence",
        "Parkinson's disease in adults",
        "NICE NG71",
        2017,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng145",
        "National Institute for Health and Care Excellence",
        "Thyroid disease: assessment and management",
        "NICE NG145",
        2019,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng28",
        "National Institute for Health and Care Excellence",
        "Type 2 diabetes in adults: management",
        "NICE NG28",
        2015,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng203",
        "National Institute for Health and Care Excellence",
        "Chronic kidney disease: assessment and management",
        "NICE NG203",
        2021,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "nice_ng50",
        "National Institute for Health and Care Excellence",
        "Cirrhosis in over 16s: assessment and management",
        "NICE NG50",
        2016,
        "",
        "guideline",
        corporate=True,
    ),
    # medicines (issue 10)
    _c(
        "tricor_label2021",
        "AbbVie Inc.",
        "Prescribing information for TRICOR (fenofibrate tablets)",
        "TRICOR (fenofibrate) US prescribing information",
        2021,
        "section 6.2",
        "regulator",
    ),
    _c(
        "hodel2002",
        "Hodel C",
        "Myopathy and rhabdomyolysis with lipid-lowering drugs",
        "Toxicol Lett",
        2002,
        "128(1-3):159-168",
        "review",
    ),
    _c(
        "tritace_smpc2016",
        "Sanofi",
        "Tritace (ramipril) tablets: Summary of Product Characteristics and patient leaflet (UK)",
        "Tritace (ramipril) UK product information",
        2016,
        "section 4.8",
        "regulator",
    ),
    _c(
        "natakuathung2022",
        "Na Takuathung M, Sakuludomkan W, Khatsri R, et al.",
        "Adverse effects of angiotensin-converting enzyme inhibitors in humans: a systematic "
        "review and meta-analysis of 378 randomized controlled trials",
        "Int J Environ Res Public Health",
        2022,
        "19(14):8373",
        "review",
    ),
    _c(
        "norvasc_label2011",
        "Pfizer Inc.",
        "Prescribing information for NORVASC (amlodipine besylate tablets)",
        "NORVASC (amlodipine) US prescribing information",
        2011,
        "section 6.1",
        "regulator",
    ),
    _c(
        "haskell1997",
        "Haskell SG, Fiebach NH",
        "Clinical epidemiology of nocturnal leg cramps in male veterans",
        "Am J Med Sci",
        1997,
        "313(4):210-214",
        "observational",
    ),
    _c(
        "ally2015",
        "Ally MS et al.",
        "Effect of calcium channel blockade on vismodegib-induced muscle spasms",
        "JAMA Dermatol",
        2015,
        "151(10):1132-1134",
        "trial",
    ),
    _c(
        "lyrica_smpc2004",
        "Pfizer Europe MA EEIG",
        "Lyrica (pregabalin): Summary of Product Characteristics (EU; first authorised 2004)",
        "Lyrica (pregabalin) EU product information",
        2004,
        "section 4.8",
        "regulator",
    ),
    _c(
        "mhra_ssri2015",
        "Medicines and Healthcare products Regulatory Agency",
        "Selective serotonin reuptake inhibitors (SSRIs) learning module",
        "MHRA SSRI learning module",
        2015,
        "section 4.5",
        "regulator",
    ),
    # conditions (issue 10)
    _c(
        "vermeulen2023",
        "Vermeulen EA, Vervloet MG",
        "Magnesium administration in chronic kidney disease",
        "Nutrients",
        2023,
        "15(3):547",
        "review",
    ),
    _c(
        "nasem2019",
        "National Academies of Sciences, Engineering, and Medicine",
        "Dietary Reference Intakes for Sodium and Potassium",
        "National Academies Press",
        2019,
        "doi:10.17226/25353",
        "reference",
    ),
    _c(
        "kdigo2024",
        "Kidney Disease: Improving Global Outcomes (KDIGO) CKD Work Group",
        "KDIGO 2024 clinical practice guideline for the evaluation and management of chronic "
        "kidney disease",
        "Kidney Int",
        2024,
        "105(4S):S117-S314",
        "guideline",
    ),
    _c(
        "juurlink2004",
        "Juurlink DN, Mamdani MM, Lee DS, et al.",
        "Rates of hyperkalemia after publication of the Randomized Aldactone Evaluation Study",
        "N Engl J Med",
        2004,
        "351(6):543-551",
        "observational",
    ),
    _c(
        "nice_ng106",
        "National Institute for Health and Care Excellence",
        "Chronic heart failure in adults: diagnosis and management",
        "NICE NG106",
        2018,
        "",
        "guideline",
        corporate=True,
    ),
    _c(
        "mcdonagh2021",
        "McDonagh TA, Metra M, Adamo M, et al.",
        "2021 ESC guidelines for the diagnosis and treatment of acute and chronic heart failure",
        "Eur Heart J",
        2021,
        "42(36):3599-3726",
        "guideline",
    ),
    _c(
        "fda2020_nsaids",
        "US Food and Drug Administration",
        "FDA recommends avoiding use of NSAIDs in pregnancy at 20 weeks or later because they "
        "can result in low amniotic fluid",
        "FDA Drug Safety Communication",
        2020,
        "issued 15 October 2020",
        "regulator",
    ),
    _c(
        "beers2023",
        "American Geriatrics Society Beers Criteria Update Expert Panel",
        "American Geriatrics Society 2023 updated AGS Beers Criteria for potentially "
        "inappropriate medication use in older adults",
        "J Am Geriatr Soc",
        2023,
        "71(7):2052-2081",
        "guideline",
    ),
    _c(
        "nice_cg161",
        "National Institute for Health and Care Excellence",
        "Falls in older people: assessing risk and prevention (NICE clinical guideline CG161)",
        "NICE",
        2013,
        "CG161",
        "guideline",
    ),
    _c(
        "cdc_steadi2017",
        "Centers for Disease Control and Prevention",
        "What you can do to prevent falls (STEADI patient brochure)",
        "CDC STEADI",
        2017,
        "patient brochure",
        "consumer",
    ),
    _c(
        "milunsky1992",
        "Milunsky A, Ulcickas M, Rothman KJ, et al.",
        "Maternal heat exposure and neural tube defects",
        "JAMA",
        1992,
        "268(7):882-885",
        "observational",
    ),
    _c(
        "schaper2020",
        "Schaper NC, van Netten JJ, Apelqvist J, et al.",
        "Practical guidelines on the prevention and management of diabetic foot disease "
        "(IWGDF 2019 update)",
        "Diabetes Metab Res Rev",
        2020,
        "36(S1):e3266",
        "guideline",
    ),
)

CITATIONS: dict[str, Citation] = {c.key: c for c in _ALL}
"""Every citation, by key."""


def cite(*keys: str) -> str:
    """The short forms of ``keys`` joined for display: "A, J 2012; B, J 2005"."""
    return "; ".join(CITATIONS[key].short for key in keys)
