"""Plain-language explanations of the analysis: what was compared, how big, how sure, what next."""

from __future__ import annotations

from nightcramps.insights.analysis import FactorResult

SAME_BELOW = 1.1
"""Odds within 10% either way are described as "about the same"."""


def _times(ratio: float) -> str:
    if 1.85 <= ratio < 2.2:
        return "about twice"
    if 2.85 <= ratio < 3.2:
        return "about three times"
    return f"about {ratio:.1f} times"


def _number(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def _nights(count: int) -> str:
    if count >= 365:
        years = count / 365
        return f"about {years:.0f} year{'s' if round(years) != 1 else ''} more of nights"
    if count >= 60:
        return f"about {round(count / 30)} more months of nights"
    return f"about {count} more nights"


def explain(result: FactorResult, *, tested: int) -> str:
    """One paragraph for one factor, written for the person whose diary it is."""
    f = result.factor
    if not result.analysed:
        if result.nights == 0:
            return (
                f"Not enough data yet: nothing is known about {f.name} on nights you logged; "
                f"{f.how_to_log}."
            )
        return "Not enough data yet: a verdict needs " + "; ".join(result.shortfalls) + "."
    assert result.effect is not None and result.ci_low is not None and result.ci_high is not None
    if result.effect >= 1:
        worse, better = f.high.label, f.low.label
        ratio, low, high = result.effect, result.ci_low, result.ci_high
    else:
        worse, better = f.low.label, f.high.label
        ratio, low, high = 1 / result.effect, 1 / result.ci_high, 1 / result.ci_low
    if ratio < SAME_BELOW:
        size = (
            f"On nights after days with {f.high.label}, your odds of a cramp night were about the "
            f"same as after days with {f.low.label} (odds ratio {_number(result.effect)}, 95% "
            f"interval {_number(result.ci_low)} to {_number(result.ci_high)})."
        )
    else:
        size = (
            f"On nights after days with {worse}, your odds of a cramp night were {_times(ratio)} "
            f"those after days with {better} (95% interval {_number(low)} to {_number(high)})."
        )
    parts = [
        size,
        f"Cramps followed {result.cramps_high} of {result.nights_high} days with {f.high.label} "
        f"and {result.cramps_low} of {result.nights_low} days with {f.low.label}.",
    ]
    q = _q_text(result.q_value)
    if result.verdict in ("likely trigger", "likely protective"):
        parts.append(
            f"This holds after allowing for the {tested} factors tested together ({q}), your "
            "cramps the night before and the trend over time. It is a pattern in your own diary, "
            "not proof of cause."
        )
    else:
        parts.append(f"That is not clear enough to call ({q}).")
        if result.more_nights:
            parts.append(
                f"If a link this size is real, {_nights(result.more_nights)} with {f.name} "
                "logged would probably show it."
            )
        else:
            parts.append("Any link is probably small.")
    if f.reactive:
        parts.append(
            f"People often change {f.name} because of bad nights (taking a supplement, drinking "
            "more, stretching more after a cramp night), which can make a remedy look harmful; "
            "the analysis allows for your cramps the night before and in the previous week, but "
            "read this one with care."
        )
    return " ".join(parts)


def _q_text(q_value: float | None) -> str:
    """``q = 0.12``, or ``q < 0.01`` for the small ones (never a misleading ``q = 0.00``)."""
    if q_value is None:
        return "q unknown"
    return "q < 0.01" if q_value < 0.005 else f"q = {q_value:.2f}"
