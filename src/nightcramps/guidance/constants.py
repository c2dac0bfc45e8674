"""Numbers behind the red-flag checks and the bedtime reminder, each with where it comes from."""

from __future__ import annotations

LOOKBACK_DAYS = 28
"""The diary checks look at the last four weeks of nights. Four weeks is the shortest period over
which trials compared cramp frequency (Garrison et al., Cochrane 2020: outcomes at 4 weeks), and
the period effect seen in crossover trials (Frusso et al., J Fam Pract 1999) argues against
reading much into a single week."""

UNUSUAL_MUSCLES = ("thigh", "hamstring", "other")
"""Muscles outside the calf and foot. Ordinary night cramps are in the calf or foot and "seldom in
thigh or hamstrings" (Hallegraeff et al., BMC Fam Pract 2017); cramps in other muscles suggest
another cause (BMJ Best Practice, "Muscle cramps")."""

UNUSUAL_MUSCLE_MIN_NIGHTS = 3
"""Cramps outside the calf and foot on this many nights of the look-back period count as
"repeatedly". One or two can happen to anyone; three in four weeks is a pattern worth showing a
doctor (our threshold: the sources give no number)."""

MANY_MUSCLES_ONE_NIGHT = 3
"""Different muscle sites cramping in a single night that count as "many muscles" (widespread
cramps suggest a nerve or muscle disease: BMJ Best Practice). Calf and foot together is common, so
it takes a third site (our threshold)."""

BOTH_SIDES_MIN_CRAMPS = 3
"""Cramps logged as "both" legs, at least this many in the look-back period ..."""

BOTH_SIDES_MIN_SHARE = 0.5
"""... and at least this share of all cramps, count as "both sides often". Ordinary night cramps
are one-sided (BMJ Best Practice lists "unilateral" among the features of a benign cramp; 98.9% were
one-sided in children, Leung et al., J Natl Med Assoc 1999). The thresholds are ours."""

DAYTIME_START_HOUR = 9
DAYTIME_END_HOUR = 19
"""Cramps beginning between 09:00 and 19:00 local time count as daytime cramps. About three in four
cramps happen at night (NHS "Leg cramps"; BMJ Best Practice), and night-time onset is a feature of
the ordinary kind; the hours leave out late evenings and early mornings in bed."""

DAYTIME_MIN_CRAMPS = 3
"""Daytime cramps in the look-back period that count as "often" (our threshold)."""

RISING_RECENT_DAYS = 14
"""The recent period compared with the person's earlier rate, in nights."""

RISING_BASELINE_DAYS = 28
"""The earlier period (just before the recent one), in nights."""

RISING_MIN_RECENT_NIGHTS = 7
RISING_MIN_BASELINE_NIGHTS = 14
"""Nights with a known answer (cramps or "no cramps") needed in each period; with fewer the
comparison is not made (missing nights are unknown, not cramp-free). Half of each period."""

RISING_MIN_RECENT_CRAMPS = 4
"""At least this many cramps in the recent period, so that one bad night cannot raise a flag."""

RISING_FACTOR = 2.0
"""The recent rate (cramps per logged night) must be at least this multiple of the earlier rate.
A doubling is large enough to stand out from the night-to-night noise and the regression to the
mean seen in cramp trials (Frusso et al. 1999); the threshold is ours."""

NEW_MEDICINE_WINDOW_DAYS = 56
"""Cramps within eight weeks after starting a medicine count as "after a new medicine". The
sequence symmetry analysis that found the association compared the year after starting with the
year before (Garrison et al., Arch Intern Med 2012); the first weeks are when a person can still
connect the two, and a longer window would flag nearly every long-term medicine."""

NEW_MEDICINE_BEFORE_DAYS = 28
"""The period before the start date whose cramp rate is compared with the rate after it."""

NEW_MEDICINE_MIN_BEFORE_NIGHTS = 7
"""Logged nights needed before the start date to say the cramps did not begin after it; with
fewer, the finding is shown with "if they began after" wording."""

SLEEP_DISTURBED_SCORE = 7
"""A night's sleep disturbance (0-10) at or above this counts as "disturbing sleep a lot"."""

SLEEP_DISTURBED_MIN_NIGHTS = 4
"""Nights with sleep disturbed a lot in the last two weeks that lead to "see a doctor" (NHS: see a
GP if cramps are disturbing your sleep). Four of fourteen is more than one bad week-end (ours)."""

SLEEP_DISTURBED_DAYS = 14
"""The period, in nights, for the sleep-disturbance check."""

CHECKUP_VALID_DAYS = 30
"""Questionnaire answers keep showing on the home page for this many days, then the person is
asked again (answers are kept in the browser session only, never in the database)."""

REMINDER_WINDOW_H = 6
"""After the bedtime reminder time, the home page says "time for your bedtime stretches" for this
many hours unless the routine has been logged for that night."""

RISING_WEEKS_DAYS = 28
"""The slower check for cramps "getting more frequent over weeks" (NICE CKS; NHS: see a GP if
cramps keep coming or get worse): the last four weeks against the four before, in nights."""

RISING_WEEKS_MIN_NIGHTS = 14
"""Nights with a known answer needed in each four-week period (half of it, as above)."""

RISING_WEEKS_MIN_CRAMPS = 6
"""At least this many cramps in the last four weeks (about one and a half a week), so that a rise
from one cramp to two is not called a trend."""

RISING_WEEKS_FACTOR = 1.5
"""The last four weeks' rate must be at least this multiple of the four weeks before. Over a
longer period a smaller rise stands out from night-to-night noise; the threshold is ours."""

STRETCH_FAILED_MIN_CRAMPS = 3
STRETCH_FAILED_SHARE = 0.5
"""Cramps logged as stretched with "no effect": at least this many in four weeks, and at least
this share of the stretched cramps whose effect was given. Ordinary cramps respond to stretching;
cramps that do not suggest another cause (BMJ Best Practice; Allen & Kirby 2012). Ours."""
