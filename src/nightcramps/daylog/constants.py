"""Domain numbers of the day log, each with where it comes from and why it is what it is."""

from __future__ import annotations

EXERTION_WINDOW_DAYS = 28
"""Days before today whose mean load is the person's own baseline. 28 days is the "chronic load"
window of the acute:chronic workload ratio (Hulin et al., Br J Sports Med 2016; Gabbett,
Br J Sports Med 2016, "The training-injury prevention paradox")."""

MIN_BASELINE_DAYS = 14
"""Fewest days with a known load, of the 28 before today, for a baseline to count.

Activity follows the week (workdays and weekends differ), so a mean of a handful of days depends
mostly on which weekdays happened to be logged. Fourteen known days cover each weekday twice on
average and half the window, so one unusual week cannot make up the baseline on its own. With
fewer known days the ratio is None ("not enough data yet"), never a guess."""

MAX_EXERTION_RATIO = 10.0
"""Ratios are capped here. A day more than ten times the usual load is "far above usual" whatever
the exact figure, and a person whose baseline is zero (no exercise at all) who then exercises gets
this value instead of a division by zero. The cap keeps one extreme day from dominating the
person's statistics."""

INTENSITY_WORDS = {"light": 3, "moderate": 5, "vigorous": 7}
"""Effort words on the 0-10 scale relative to one's own capacity: moderate intensity "is usually
a 5 or 6", vigorous "a 7 or 8", and light is below moderate (WHO Guidelines on physical activity
and sedentary behaviour, 2020, glossary; WHO Global Recommendations on Physical Activity for
Health, 2010). The lower end of each band is used, so a word never overstates the effort."""

MAX_WORKOUT_MIN = 24 * 60
"""One workout cannot last more than a day."""

MAX_STEPS_PER_DAY = 150_000
"""Upper plausibility limit for steps in a day: a 100-mile ultramarathon is about 150,000 steps;
anything above is a typing error (an extra zero)."""

MAX_STRETCH_MIN = 180
"""Upper plausibility limit for one stretching session (the Hallegraeff 2012 bedtime routine takes
about 3 minutes and the NHS routine 5 minutes; three hours is already far beyond either)."""

MAX_DRINKS_PER_ENTRY = 50
"""Upper plausibility limit for alcoholic drinks in one entry."""

MAX_UNITS_PER_ENTRY = 100
"""Upper plausibility limit for standard units of alcohol in one entry."""

MAX_CAFFEINE_MG_PER_ENTRY = 1200
"""Upper plausibility limit for one caffeine entry. 1,200 mg taken quickly is the amount at which
the US FDA warns of toxic effects such as seizures (FDA, "Spilling the Beans: How Much Caffeine is
Too Much?", 2018); a larger single entry is almost certainly a typing error."""

COFFEE_CUP_CAFFEINE_MG = 95
"""Caffeine in one cup (8 fl oz, 237 g) of brewed coffee, used by the one-tap "+1 coffee": 40 mg
per 100 g (USDA National Nutrient Database for Standard Reference, Release 24, 2011, NDB 14209
"Beverages, coffee, brewed from grounds, prepared with tap water")."""

MAX_SLEEP_H = 20
"""Upper plausibility limit for one sleep period; a longer span is almost certainly a wrong date."""

MAX_STANDING_SITTING_H = 24
"""Standing and sitting hours of one day together cannot exceed 24."""
