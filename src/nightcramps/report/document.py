"""The report as HTML: one template (``report/_report.html``) for the page's preview and for
the PDF, rendered here with the report's own Jinja2 environment so that the CLI, which loads no
web app, renders exactly what the page shows."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from nightcramps import charts
from nightcramps.report.schemas import Report
from nightcramps.report.service import DISCLAIMER

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = Path(__file__).with_name("report.css")


def format_night(value: date) -> str:
    """'Sun 23 Nov 2026' (as the diary's pages say a night)."""
    return f"{value:%a} {value.day} {value:%b %Y}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["night"] = format_night
    return env


def title_of(report: Report) -> str:
    """The document's title (the PDF's title metadata too)."""
    return f"NightCramps report, {report.start.isoformat()} to {report.end.isoformat()}"


def weekly_chart(report: Report) -> Markup:
    """The weekly cramp-nights chart (SVG from :mod:`nightcramps.charts`, which renders its own
    partials, so the PDF needs no extra template folder)."""
    weeks = [
        charts.Week(w.start, w.cramp_nights, w.free_nights, w.not_logged, w.worst)
        for w in report.weeks
    ]
    markers = [charts.Marker(m.started_on, m.name) for m in report.medicines if m.started_on]
    return charts.weekly_cramps(weeks, markers)


def render_fragment(report: Report) -> Markup:
    """The report's ``<article>``, for the page's preview."""
    template = _environment().get_template("report/_report.html")
    html = template.render(report=report, disclaimer=DISCLAIMER, chart=weekly_chart(report))
    return Markup(html)  # rendered by an autoescaping environment


def render_document(report: Report) -> str:
    """The report as a whole HTML document, for the PDF (its stylesheet is :func:`stylesheets`)."""
    return (
        _environment()
        .get_template("report/document.html")
        .render(
            report=report,
            title=title_of(report),
            fragment=render_fragment(report),
        )
    )


def stylesheets(report: Report) -> list[str]:
    """The CSS the PDF is printed with: report.css, then the paper size of ``report``."""
    size = "letter" if report.paper == "Letter" else "A4"
    return [STYLESHEET.read_text(encoding="utf-8"), f"@page {{ size: {size} portrait; }}"]
