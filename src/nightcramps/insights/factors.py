"""The factors the trigger analysis looks at, each with one pre-declared contrast and window.

Every factor is compared between two stated arms ("1.5 L of fluid or more" vs "under 1.5 L"); the
effect reported is the odds ratio of the *high* arm against the *low* arm, so an effect above 1
means "more of it (or doing it) preceded cramps" and below 1 "more of it preceded fewer cramps".
Days between the arms are left out of that factor's comparison: it keeps the contrast meaningful
and stops a small difference across a threshold from being read as an effect.

One window per factor is declared here in advance. Trying many windows or lags and reporting the
best (as tools that search over onset delays do) is the multiple-comparison trap of
docs/statistics.md; a fixed window keeps the false-discovery control honest.
"""

from __future__ import annotations

from dataclasses import dataclass

INF = float("inf")


@dataclass(frozen=True, slots=True)
class Arm:
    """Values from ``low`` (inclusive) to ``high`` (exclusive), and how to say it."""

    low: float
    high: float
    label: str

    def contains(self, value: float) -> bool:
        return self.low <= value < self.high


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of the trigger analysis."""

    key: str
    """The daily-CSV column name (or ``exertion_ratio``, ``medicine_started``)."""
    name: str
    """In words, for explanations: 'fluid', 'magnesium'."""
    low: Arm
    high: Arm
    reason: str
    """Why this contrast, with its source."""
    reactive: bool = False
    """People change this *because of* bad nights (a supplement after a cramp night, drinking
    more, stretching more): reverse causation is possible, so the analysis adjusts for the
    previous week's cramps and the explanation says so."""
    window_days: int = 1
    """Days before the night that the exposure covers (1 = that day only)."""
    how_to_log: str = "log it in your day, or import it in the daily CSV"
    """Where the person can record this factor (shown when nothing is known yet)."""


FACTORS: tuple[Factor, ...] = (
    Factor(
        "fluid_ml",
        "fluid",
        Arm(0, 1500, "under 1.5 L of fluid"),
        Arm(1500, INF, "1.5 L of fluid or more"),
        "Adequate intake of drinks is about 2.2 L a day for women and 3 L for men (IOM, DRI for "
        "Water, 2004); under 1.5 L is clearly short of it. Dehydration "
        "as a cause of night cramps is weakly supported: no trial has tested fluids for them, "
        "and clinical references disagree (the NHS lists it; FPnotebook, a family-medicine "
        "reference, lists it as not related).",
        reactive=True,
    ),
    Factor(
        "magnesium_mg",
        "magnesium",
        Arm(0, 250, "under 250 mg of magnesium"),
        Arm(350, INF, "350 mg of magnesium or more"),
        "The adult RDA is 310-420 mg (NASEM 2019); under 250 mg is well below it, 350 mg or more "
        "meets most of it. Supplements do not beat placebo for ordinary night cramps (Garrison "
        "et al., Cochrane CD009402, 2020), and people often start them after bad nights.",
        reactive=True,
    ),
    Factor(
        "potassium_mg",
        "potassium",
        Arm(0, 2000, "under 2,000 mg of potassium"),
        Arm(3000, INF, "3,000 mg of potassium or more"),
        "Adequate intake is 2,600 mg (women) and 3,400 mg (men) a day (NASEM 2019).",
        reactive=True,
    ),
    Factor(
        "calcium_mg",
        "calcium",
        Arm(0, 700, "under 700 mg of calcium"),
        Arm(1000, INF, "1,000 mg of calcium or more"),
        "The adult RDA is 1,000-1,200 mg a day (NASEM 2019).",
        reactive=True,
    ),
    Factor(
        "sodium_mg",
        "sodium",
        Arm(0, 1500, "under 1,500 mg of sodium"),
        Arm(2300, INF, "2,300 mg of sodium or more"),
        "Adequate intake is 1,500 mg a day; intake above 2,300 mg is the chronic-disease risk "
        "reduction threshold (NASEM 2019).",
    ),
    Factor(
        "steps",
        "steps",
        Arm(0, 5000, "under 5,000 steps"),
        Arm(10000, INF, "10,000 steps or more"),
        "Under 5,000 steps a day is 'sedentary', 10,000 or more 'active' (Tudor-Locke & Bassett, "
        "Sports Med 2004).",
    ),
    Factor(
        "exercise_min",
        "exercise",
        Arm(0, 10, "under 10 minutes of exercise"),
        Arm(30, INF, "30 minutes of exercise or more"),
        "30 minutes a day is the usual activity recommendation (WHO Guidelines on Physical "
        "Activity, 2020); strenuous exercise is associated with cramps (BMJ Best Practice).",
    ),
    Factor(
        "stretched",
        "bedtime stretching",
        Arm(0, 0.5, "no bedtime stretches"),
        Arm(0.5, INF, "bedtime stretches done"),
        "Nightly calf and hamstring stretching cut cramps in one trial (Hallegraeff et al., "
        "J Physiother 2012) but not in another (Coppin et al., Br J Gen Pract 2005).",
        reactive=True,
    ),
    Factor(
        "alcohol_drinks",
        "alcohol",
        Arm(0, 0.5, "no alcohol"),
        Arm(2, INF, "2 drinks or more"),
        "Alcohol is associated with night cramps in observational data (weak evidence; "
        "evidence.md section 2.1); 2 standard drinks is the usual daily limit in guidelines.",
    ),
    Factor(
        "caffeine_mg",
        "caffeine",
        Arm(0, 100, "under 100 mg of caffeine"),
        Arm(200, INF, "200 mg of caffeine or more"),
        "200 mg is a single dose that EFSA considers safe (EFSA NDA Panel, EFSA J 2015); under "
        "100 mg is about one cup of coffee or less.",
    ),
    Factor(
        "sleep_h",
        "sleep",
        Arm(0, 6, "under 6 hours of sleep"),
        Arm(7, INF, "7 hours of sleep or more"),
        "Adults need 7 hours or more (Watson et al., AASM/SRS consensus, Sleep 2015); shorter "
        "sleep goes with night cramps (NHANES, Grandner & Winkelman 2017).",
    ),
    Factor(
        "exertion_ratio",
        "unaccustomed exertion",
        Arm(0.8, 1.3, "a usual amount of activity (0.8-1.3 times your 4-week average)"),
        Arm(1.5, INF, "activity 1.5 times your 4-week average or more"),
        "'Unaccustomed' exertion is a ratio to the person's own recent load; 0.8-1.3 is the "
        "usual range and 1.5 or more a spike (acute:chronic workload ratio, Gabbett, Br J Sports "
        "Med 2016).",
    ),
    Factor(
        "medicine_started",
        "medicine starts",
        Arm(0, 0.5, "no medicine started in the previous 4 weeks"),
        Arm(0.5, INF, "a medicine started in the previous 4 weeks"),
        "Cramps after starting a medicine (diuretics, long-acting beta-agonists, statins) are "
        "seen in sequence-symmetry studies (Garrison et al., Arch Intern Med 2012); the 4-week "
        "risk window follows self-controlled case-series practice.",
        reactive=True,
        window_days=28,
        how_to_log="keep your medicines, with the dates you started them, in the day log",
    ),
)
"""In the order they are reported."""

BY_KEY: dict[str, Factor] = {f.key: f for f in FACTORS}

EXERTION_BASELINE_DAYS = 28
"""Exertion is compared with the person's own average of the previous 28 days, the chronic
load of the acute:chronic ratio (Gabbett 2016; see docs/statistics.md)."""

EXERTION_MIN_BASELINE_DAYS = 14
"""At least this many known days in the baseline before a ratio is computed."""
