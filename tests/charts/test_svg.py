"""The charts' SVG: the numbers in the hidden table, the hatch for what is unknown, the empty
state and the log axis of the forest plot."""

from __future__ import annotations

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest

from nightcramps import charts

MONDAY = date(2026, 11, 2)


def _weeks() -> list[charts.Week]:
    return [
        charts.Week(MONDAY, 2, 4, 1, 6),
        charts.Week(MONDAY + timedelta(days=7), 0, 7, 0, None),
        charts.Week(MONDAY + timedelta(days=14), 3, 0, 4, 8),
    ]


def _table_rows(html: str) -> list[list[str]]:
    table = html[html.index("<table") : html.index("</table>") + len("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]


def _svg(html: str) -> ElementTree.Element:
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    return ElementTree.fromstring(svg)


def test_weekly_chart_is_an_image_with_title_and_desc() -> None:
    html = str(charts.weekly_cramps(_weeks(), []))
    svg = _svg(html)
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.get("width") == "100%"
    assert svg.get("viewBox", "").startswith("0 0 600 ")
    assert svg.find(f"{ns}title") is not None
    desc = svg.find(f"{ns}desc")
    assert desc is not None and "5 cramp nights of 16 nights logged" in (desc.text or "")
    assert "5 nights not logged" in (desc.text or "")


def test_weekly_numbers_are_in_the_hidden_table() -> None:
    html = str(charts.weekly_cramps(_weeks(), []))
    assert 'class="visually-hidden"' in html
    rows = _table_rows(html)
    assert rows[1] == ["2 Nov 2026", "2", "4", "1", "6"]
    assert rows[2] == ["9 Nov 2026", "0", "7", "0", "none logged"]
    assert rows[3] == ["16 Nov 2026", "3", "0", "4", "8"]


def test_not_logged_nights_are_hatched_never_zero() -> None:
    html = str(charts.weekly_cramps(_weeks(), []))
    unknown = re.findall(r'<rect class="bar-unknown"[^>]*>', html)
    assert len(unknown) == 2  # weeks 1 and 3 have nights not logged
    assert all("-hatch)" in r for r in unknown)
    assert "<pattern" in html
    assert "Not logged" in html  # the legend names the hatch


def test_markers_are_drawn_inside_the_period_only() -> None:
    markers = [
        charts.Marker(MONDAY + timedelta(days=9), "Magnesium"),
        charts.Marker(MONDAY - timedelta(days=30), "Long before"),
    ]
    html = str(charts.weekly_cramps(_weeks(), markers))
    assert html.count('class="marker"') == 1
    assert "Magnesium" in html


def test_a_label_is_escaped() -> None:
    html = str(charts.weekly_cramps(_weeks(), [charts.Marker(MONDAY, "<b>x</b>")]))
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "weeks", [[], [charts.Week(MONDAY, 0, 0, 7, None)]], ids=["no weeks", "nothing logged"]
)
def test_empty_state(weeks: list[charts.Week]) -> None:
    html = str(charts.weekly_cramps(weeks, []))
    assert "No nights logged yet" in html
    assert 'role="img"' in html
    assert "bar-" not in html


def test_the_same_numbers_render_the_same() -> None:
    assert charts.weekly_cramps(_weeks(), []) == charts.weekly_cramps(_weeks(), [])


def test_daily_intake_hatches_unknown_days() -> None:
    days = [
        charts.Day(MONDAY, 300.0),
        charts.Day(MONDAY + timedelta(days=1), None),
        charts.Day(MONDAY + timedelta(days=2), 420.5),
    ]
    html = str(charts.daily_intake("Magnesium", "mg", days, 400.0))
    assert html.count('class="bar-unknown"') == 1
    assert html.count('class="bar-known"') == 2
    assert 'class="target"' in html
    rows = _table_rows(html)
    assert rows[1] == ["2 Nov 2026", "300", "400"]
    assert rows[2] == ["3 Nov 2026", "unknown", "400"]
    assert rows[3] == ["4 Nov 2026", "420.5", "400"]
    assert "target 400 mg met on 1" in html


def test_daily_intake_with_nothing_known() -> None:
    html = str(charts.daily_intake("Fluids", "ml", [charts.Day(MONDAY, None)], 2000.0))
    assert "No days logged yet" in html


@pytest.mark.parametrize(
    ("value", "share"), [(0.1, 0.0), (1.0, 0.5), (10.0, 1.0), (0.01, 0.0), (100.0, 1.0)]
)
def test_log_axis_positions(value: float, share: float) -> None:
    assert charts.log_position(value, 100, 400) == pytest.approx(100 + 400 * share)


def test_log_axis_is_symmetric_around_one() -> None:
    one = charts.log_position(1, 0, 100)
    assert one - charts.log_position(0.5, 0, 100) == pytest.approx(
        charts.log_position(2, 0, 100) - one
    )


def test_forest_plot() -> None:
    estimates = [
        charts.Estimate("Steps", 2.0, 1.2, 3.4, "likely trigger"),
        charts.Estimate("Magnesium", 0.5, 0.3, 0.9, "likely protective"),
        charts.Estimate("Fluids", 1.1, 0.6, 2.0, "no clear link"),
    ]
    html = str(charts.forest(estimates))
    assert "verdict-linked" in html and "verdict-protective" in html and "verdict-unclear" in html
    xs = [float(x) for x in re.findall(r'class="estimate" data-x="([0-9.]+)"', html)]
    left, span = 190, 390
    assert xs[0] == pytest.approx(charts.log_position(2.0, left, span), abs=0.06)
    assert xs[1] < charts.log_position(1, left, span) < xs[0]
    rows = _table_rows(html)
    assert rows[1] == ["Steps", "2.00", "1.20 to 3.40", "likely trigger"]


def test_forest_plot_empty() -> None:
    assert "No factors to show yet" in str(charts.forest([]))


def _trial() -> list[charts.TrialNight]:
    start = date(2026, 11, 24)
    cramps: list[int | None] = [2, 1, None, 0, 3, None, 1, 0]
    return [
        charts.TrialNight(
            day=start + timedelta(days=i),
            arm="A" if i < 4 else "B",
            period=0 if i < 4 else 1,
            washout=i in (0, 4),
            cramps=c,
        )
        for i, c in enumerate(cramps)
    ]


def test_timeline_draws_logged_nights_as_dots_and_missing_ones_as_gaps() -> None:
    html = str(charts.trial_timeline(_trial(), trend_ratio=0.5))
    svg = _svg(html)
    ns = "{http://www.w3.org/2000/svg}"
    dots = {str(c.get("data-day")): c for c in svg.iter(f"{ns}circle")}
    assert sorted(dots) == [
        "2026-11-24", "2026-11-25", "2026-11-27", "2026-11-28", "2026-11-30", "2026-12-01"
    ]  # fmt: skip
    gaps = [r.get("data-day") for r in svg.iter(f"{ns}rect") if r.get("class") == "missing"]
    assert gaps == ["2026-11-26", "2026-11-29"]
    assert dots["2026-11-24"].get("fill") == "#ffffff"  # a washout night, open
    assert dots["2026-11-25"].get("fill") == "#8a1c2b"
    # A night with no cramps sits on the axis; one not logged has no dot at all.
    assert float(dots["2026-11-27"].get("cy") or 0) == 160
    assert float(dots["2026-11-28"].get("cy") or 0) < 160
    periods = [r.get("class") for r in svg.iter(f"{ns}rect") if "period" in (r.get("class") or "")]
    assert periods == ["period arm-A", "period arm-B"]
    trend = next(line for line in svg.iter(f"{ns}line") if line.get("class") == "trend")
    assert float(trend.get("y2") or 0) > float(trend.get("y1") or 0)  # cramps fell: line goes down
    rows = _table_rows(html)
    assert rows[3] == ["2026-11-26", "0", "remedy", "not logged"]
    assert rows[1] == ["2026-11-24", "0", "remedy (washout)", "2"]


def test_timeline_with_no_nights_says_so() -> None:
    assert "No nights yet" in str(charts.trial_timeline([]))


def test_effect_places_the_ratio_left_of_one_when_fewer() -> None:
    svg = _svg(str(charts.effect(0.6, 0.4, 0.9)))
    ns = "{http://www.w3.org/2000/svg}"
    square = next(r for r in svg.iter(f"{ns}rect") if r.get("class") == "estimate")
    one = charts.log_position(1, 20, charts.WIDTH - 40)
    assert float(square.get("data-x") or 0) < one
    assert float(square.get("data-x") or 0) == pytest.approx(
        charts.log_position(0.6, 20, charts.WIDTH - 40), abs=0.1
    )
