"""Domain values used across features, each with where it comes from."""

from __future__ import annotations

MUSCLES = ("calf", "foot", "thigh", "hamstring", "other")
"""Muscles a cramp can be logged in. Calf and foot are by far the commonest sites of night cramps
(Hallegraeff et al., BMC Fam Pract 2017; Maisonneuve et al., BMC Fam Pract 2016: 80% calves)."""

SIDES = ("left", "right", "both")

RELIEF_METHODS = ("stretch", "massage", "heat", "walking", "other")
"""Measures a person can say they used; stretching, massage, walking and heat are the usual
self-care advice (NHS "Leg cramps"; Mayo Clinic "Night leg cramps")."""

RELIEF_EFFECTS = ("none", "a_little", "mostly", "completely")
"""How well the relief worked, from "not at all" to "it stopped the cramp"."""

RELIEF_EFFECT_LABELS = {
    "none": "did not help",
    "a_little": "helped a little",
    "mostly": "mostly helped",
    "completely": "stopped it",
}

MAX_CRAMP_DURATION_MIN = 240
"""Upper plausibility limit for one cramp. Night cramps last seconds to about 10 minutes
(Hallegraeff et al., BMC Fam Pract 2017); longer ones are a reason to see a doctor (NHS), and a
value above four hours is almost certainly a typing error."""

LONG_CRAMP_MIN = 10
"""A cramp longer than this is a red flag: see a doctor (NHS "Leg cramps"; Hallegraeff 2017)."""

MAX_SEVERITY = 10
"""Severity is rated 0-10, as in the diaries of the trials (Hallegraeff et al., J Physiother 2012;
Sebo et al. 2019)."""

MAX_FOOD_ENTRY_G = 5000.0
"""Upper plausibility limit for one food or drink entry, in grams: 5 kg is more than a US gallon
(3.8 L) of any drink and several times the largest meal a person eats at one sitting, so a
larger amount ("9000 bananas", about 1,000 kg) is a typing error, not a portion."""

ALCOHOL_G_PER_DRINK = 14.0
"""Grams of pure alcohol (ethanol) in one US standard drink: 12 fl oz of 5% beer, 5 fl oz of 12%
wine or 1.5 fl oz of 40% spirits (NIAAA, "What Is A Standard Drink?", National Institute on
Alcohol Abuse and Alcoholism, accessed 2026; the same 14 g as the Dietary Guidelines for Americans
2020-2025). The factor ``alcohol_drinks`` counts these: grams of alcohol logged as food or drink,
or imported from Cronometer, divided by this. A person who counts UK units (8 g) sees fewer
drinks here than units."""
