"""The day before the night: activity, stretching, massage and heat, medicines, alcohol, caffeine
and sleep, logged per local day, with exertion against the person's own baseline and a medicine
check against the drug classes associated with cramps."""
