"""The diary's forms as their pages label them (see ``nightcramps.web.forms``): the cramp form,
a night's sleep and notes, the check-in's one tap and the month picker of the calendar."""

from __future__ import annotations

from nightcramps.constants import MAX_CRAMP_DURATION_MIN, MUSCLES, SIDES
from nightcramps.web.forms import PageField, PageForm

NIGHT_FIX = "log a night from 1900 up to last night; open the form from the diary or the check-in."
NOTES = PageField("Notes", "use at most 2,000 characters.")

CRAMP_FORM = PageForm(
    fields={
        "time": PageField(
            "Time it began", "use HH:MM, e.g. 03:10, or leave it empty if you don't know."
        ),
        "night_of": PageField("Night", NIGHT_FIX),
        "muscle": PageField("Muscle", f"choose {', '.join(MUSCLES[:-1])} or {MUSCLES[-1]}."),
        "side": PageField("Side", f"choose {', '.join(SIDES[:-1])} or {SIDES[-1]}."),
        "severity_0_10": PageField(
            "Severity", "give a whole number from 0 (none) to 10 (worst), e.g. 6."
        ),
        "duration_min": PageField(
            "Duration in minutes",
            f"give the minutes, above 0 up to {MAX_CRAMP_DURATION_MIN} (0.5 is half a minute), "
            "or leave it empty if unsure.",
        ),
        "relief": PageField("Relief", "choose from the buttons shown."),
        "relief_effect": PageField("How well it worked", "choose one of the answers shown."),
        "notes": NOTES,
    },
    whole_form="time",
    whole_form_fix="give the time it began, or log it from the page of the night it happened.",
    aliases={"at": "time"},
)
"""The cramp form (new and edit): ``at`` is typed as the clock time "Time it began"."""

NIGHT_FORM = PageForm(
    fields={
        "night_of": PageField("Night", NIGHT_FIX),
        "sleep_disturbance_0_10": PageField(
            "Sleep disturbance", "give a whole number from 0 (slept through) to 10 (no sleep)."
        ),
        "notes": NOTES,
    },
    whole_form="notes",
)
"""A night's page: its sleep disturbance and notes."""

CHECKIN_FORM = PageForm(
    fields={
        "night_of": PageField("Night", NIGHT_FIX),
        "no_cramps": PageField("No cramps"),
        "sleep_disturbance_0_10": NIGHT_FORM.fields["sleep_disturbance_0_10"],
    },
    whole_form="night_of",
)
"""The check-in's "No cramps" button (its night is a hidden field)."""

MONTH_FORM = PageForm(
    fields={"month": PageField("Month", "write it as 2026-11 (the year, then the month).")},
    whole_form="month",
)
"""The calendar's ``?month=``."""

ROUTES = {
    "/cramps": CRAMP_FORM,
    "/cramps/new": CRAMP_FORM,
    "/cramps/{cramp_id}/edit": CRAMP_FORM,
    "/diary/{night_of}": NIGHT_FORM,
    "/checkin/no-cramps": CHECKIN_FORM,
    "/diary/{night_of}/no-cramps": CHECKIN_FORM,
    "/diary": MONTH_FORM,
}
"""Each page route and the form its problems are said in."""
