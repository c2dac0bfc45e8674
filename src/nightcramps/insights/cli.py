"""`nightcramps insights`: which factors precede your cramps, and tonight's risk."""

from __future__ import annotations

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.insights import service as insights_service
from nightcramps.insights.analysis import MIN_NIGHTS


@command
def insights(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """What precedes your cramps (with honest uncertainty) and tonight's risk, from your diary."""
    cli = state(ctx)
    with cli.session() as session:
        result = insights_service.insights(session=session, owner=cli.owner(session))
        public = insights_service.to_public(result)
    if as_json:
        emit_json(public)
        return
    typer.echo(f"{public.nights_used} nights logged, {public.cramp_nights} with cramps.")
    rows = [
        (
            f.factor,
            f.verdict,
            "" if f.effect is None else f"{f.effect:.2f}",
            "" if f.ci_low is None else f"{f.ci_low:.2f}-{f.ci_high:.2f}",
            "" if f.q_value is None else f"{f.q_value:.3f}",
        )
        for f in public.factors
    ]
    emit_table(rows, ["factor", "verdict", "odds ratio", "95% interval", "q"])
    tonight = public.tonight
    personal = tonight.nights_used >= MIN_NIGHTS
    typer.echo(
        f"\nTonight ({tonight.night_of}): {tonight.probability:.0%} chance of cramps "
        f"({'about' if tonight.level == 'usual' else tonight.level + ' than'} "
        f"{'your usual' if personal else 'the expected'} {tonight.base_rate:.0%})."
    )
    if not personal:
        typer.echo(
            f"  Based on your {tonight.nights_used} logged nights and a typical rate; it gets "
            f"personal after {MIN_NIGHTS} nights."
        )
    for reason in tonight.reasons:
        typer.echo(f"  {reason.direction} it: {reason.label} (x{reason.odds_multiplier:.2f} odds)")
    typer.echo("Details of each factor: nightcramps insights --json")


def register(app: typer.Typer) -> None:
    """Add the ``insights`` command to the root app."""
    app.command("insights")(insights)
