"""The check-up and routine forms as their pages label them (see ``nightcramps.web.forms``)."""

from __future__ import annotations

from nightcramps.guidance import redflags
from nightcramps.web.forms import PageField, PageForm

CHECKUP_FORM = PageForm(
    fields={q.key: PageField(q.label, "answer yes or no.") for q in redflags.QUESTIONS},
    whole_form=redflags.QUESTIONS[0].key,
)
"""The warning-sign questions: each is labelled by its question."""

REMINDER_FORM = PageForm(
    fields={"remind_at": PageField("Remind me at", "write the time as HH:MM, e.g. 21:30.")},
    whole_form="remind_at",
)
"""The routine page's bedtime reminder."""

ROUTINE_PAGE = PageForm(
    fields={
        "routine": PageField("Routine", "choose one of the routines listed on the page."),
        "speed": PageField("Timer speed", "leave it out (1 is real time)."),
        "time": PageField("Reminder time", "write the time as HH:MM, e.g. 21:30."),
    },
    whole_form="routine",
)
"""The routine page and its calendar file (``?routine=``, ``?speed=``, ``?time=``)."""

ROUTES = {
    "/checkup": CHECKUP_FORM,
    "/routine/reminder": REMINDER_FORM,
    "/routine": ROUTINE_PAGE,
    "/routine/reminder.ics": ROUTINE_PAGE,
    "/now": ROUTINE_PAGE,
}
"""Each page route and the form its problems are said in."""
