"""Jinja2 templates: one loader over the shell's and every feature's template folders."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from nightcramps import timing
from nightcramps.constants import RELIEF_EFFECT_LABELS
from nightcramps.guidance import service as guidance_service
from nightcramps.web import page_forms

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def template_dirs() -> list[Path]:
    """The shell's templates first, then each feature's ``templates/`` folder."""
    dirs = [PACKAGE_DIR / "web" / "templates"]
    dirs += sorted(p for p in PACKAGE_DIR.glob("*/templates") if p.parent.name != "web")
    return dirs


def format_local_time(value: datetime | None, tz: str = "UTC") -> str:
    """A stored UTC time as the person's local clock time, e.g. '03:10'."""
    if value is None:
        return "during the night"
    return timing.local(value, ZoneInfo(tz)).strftime("%H:%M")


def format_night(value: date) -> str:
    """A night as people say it: 'Sun 23 Nov 2026'."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def format_minutes(value: float | None) -> str:
    """Minutes for reading: '4 min', '30 s', or 'unknown'."""
    if value is None:
        return "duration unknown"
    if value < 1:
        return f"{round(value * 60)} s"
    return f"{value:g} min"


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs()]),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates ship with the package: compiled once per process, never looked up on disk
        # again (auto_reload would stat every template and its includes on every page).
        auto_reload=False,
    )

    def evidence(factor_key: str) -> Markup:
        """The evidence grade and citation for a logged factor (see guidance/_badge.html)."""
        entry = guidance_service.guidance_for(factor_key)
        return Markup(env.get_template("guidance/_badge.html").render(entry=entry))

    env.globals["evidence"] = evidence
    env.filters["local_time"] = format_local_time
    env.filters["night"] = format_night
    env.filters["minutes"] = format_minutes
    env.globals["relief_effect_labels"] = RELIEF_EFFECT_LABELS
    # A form's problems as its page says them: {% set errors = page_errors(request, errors) %}
    env.globals["page_errors"] = page_forms.page_errors
    return Jinja2Templates(env=env)
