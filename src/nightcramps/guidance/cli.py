"""`nightcramps guidance ...`: the knowledge base, the red-flag check and the reminder file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table, write_file
from nightcramps.conditions import Conditions
from nightcramps.errors import Invalid
from nightcramps.guidance import redflags, reminders
from nightcramps.guidance import service as guidance_service
from nightcramps.guidance.knowledge import KINDS

app = typer.Typer(
    help="Graded, cited guidance; warning-sign check; bedtime reminder.", no_args_is_help=True
)


def register(root: typer.Typer) -> None:
    """Add the ``guidance`` group to the root app."""
    root.add_typer(app, name="guidance")


@app.command("list")
@command
def list_entries(
    kind: Annotated[str | None, typer.Option(help=f"Only one kind: {', '.join(KINDS)}.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Every cause and remedy with its evidence grade and main source."""
    if kind is not None and kind not in KINDS:
        raise Invalid(f"--kind must be one of {', '.join(KINDS)}.", fields={"--kind": kind})
    entries = guidance_service.list_entries(kind=kind)
    if as_json:
        emit_json([guidance_service.to_entry_public(e) for e in entries])
        return
    emit_table(
        [(e.slug, e.grade, e.title, e.citation) for e in entries],
        ("slug", "grade", "title", "source"),
    )


@app.command("show")
@command
def show(
    slug: Annotated[str, typer.Argument(help="The entry, e.g. magnesium (see `guidance list`).")],
    as_json: JsonOption = False,
) -> None:
    """One entry: what the article claims, what the evidence says, the grade and the sources."""
    entry = guidance_service.get_entry(slug=slug)
    if as_json:
        emit_json(guidance_service.to_entry_public(entry))
        return
    typer.echo(f"{entry.title}  [evidence: {entry.grade}]\n")
    for heading, text in (
        ("The article", entry.article_claim),
        ("The evidence", entry.evidence),
        ("Why this grade", entry.grade_note),
        ("What it means for you", entry.advice),
    ):
        typer.echo(f"{heading}:\n  {text}\n")
    typer.echo("Sources:")
    for source in entry.sources:
        typer.echo(f"  - {source.short}")


@app.command("factor")
@command
def factor(
    key: Annotated[str, typer.Argument(help="A logged factor, e.g. magnesium_mg or stretched.")],
    as_json: JsonOption = False,
) -> None:
    """The entry that explains a logged factor."""
    entry = guidance_service.guidance_for(key)
    if as_json:
        emit_json(guidance_service.to_entry_public(entry))
        return
    typer.echo(f"{key}: {entry.title} [evidence: {entry.grade}] {entry.summary} ({entry.citation})")


ANSWER_WORDS = {"yes": True, "y": True, "no": False, "n": False}


def _parse_answers(given: list[str]) -> dict[str, bool]:
    """``--answer KEY=yes|no`` values as answers, refused with the valid keys when wrong."""
    keys = ", ".join(q.key for q in redflags.QUESTIONS)
    answers: dict[str, bool] = {}
    for item in given:
        key, sep, value = item.partition("=")
        key = key.strip()
        if key not in redflags.QUESTIONS_BY_KEY:
            raise Invalid(
                f"--answer {item!r}: there is no question {key!r}. Write KEY=yes or KEY=no "
                f"with one of: {keys}.",
                fields={"--answer": item},
            )
        word = value.strip().lower()
        if not sep or word not in ANSWER_WORDS:
            raise Invalid(
                f"--answer {item!r}: answer yes or no, e.g. --answer {key}=no.",
                fields={"--answer": item},
            )
        answers[key] = ANSWER_WORDS[word]
    return answers


def _ask(question: redflags.Question) -> bool:
    while True:
        reply = typer.prompt(f"{question.label} (yes/no)").strip().lower()
        if reply in ANSWER_WORDS:
            return ANSWER_WORDS[reply]
        typer.echo("Please answer yes or no.")


def _ask_rest(answers: dict[str, bool], person: Conditions) -> dict[str, bool]:
    """Ask, in the page's order, every question for this person not answered yet; follow-ups
    only after a yes."""
    answers = dict(answers)
    for question in redflags.questions_for(person):
        if question.key in answers:
            continue
        if question.only_if is not None and answers.get(question.only_if) is not True:
            continue
        answers[question.key] = _ask(question)
    return answers


@app.command("checkup")
@command
def checkup(
    ctx: typer.Context,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar="KEY=yes|no",
            help="Answer a question without being asked; repeat for several (`guidance "
            "questions` lists the keys asked of you).",
        ),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Ask the questions (default: when run in a terminal and no --answer is given).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The warning-sign check-up: the questions of the /checkup page (adapted to your profile),
    your diary's last weeks and the conditions on your profile."""
    answers = _parse_answers(answer or [])
    if ask is None:
        ask = not answers and sys.stdin.isatty()
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        if ask:
            person = guidance_service.conditions(session=session, owner=owner)
            answers = _ask_rest(answers, person)
        result = guidance_service.checkup(
            session=session, owner=owner, answers=answers if answers else None
        )
    if not answers:
        note = (
            "The warning-sign questions were not asked, so this comes from your diary and "
            "profile alone. Run `nightcramps guidance checkup` in a terminal (or with --ask) to "
            "answer them, or give --answer KEY=yes|no for each, e.g. --answer calf_swelling=no."
        )
    elif result.unanswered:
        note = f"Not answered: {', '.join(result.unanswered)} (give --answer KEY=yes|no for each)."
    else:
        note = ""
    if as_json:
        emit_json(result)
        if note:
            typer.echo(note, err=True)
        return
    if not result.findings:
        where = "your answers or in your diary" if answers else "your diary"
        typer.echo(f"No warning signs in {where} of the last four weeks.")
    else:
        typer.echo(f"{result.headline}. {result.action}\n")
        for f in result.findings:
            detail = f" {f.detail}" if f.detail else ""
            typer.echo(f"[{f.urgency}] {f.title}.{detail}\n  {f.message}\n  Source: {f.citation}\n")
        typer.echo("NightCramps does not diagnose; a doctor should check.")
    if note:
        typer.echo(note)
    typer.echo(result.safety_net)


@app.command("questions")
@command
def questions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The check-up questions asked of you (some depend on your profile), with their keys."""
    cli = state(ctx)
    with cli.session() as session:
        asked = guidance_service.questions(session=session, owner=cli.owner(session))
    if as_json:
        emit_json(asked)
        return
    emit_table(
        [(q.key, q.urgency, q.label) for q in asked],
        ("key", "urgency if yes", "question"),
    )


@app.command("reminder")
@command
def reminder(
    ctx: typer.Context,
    at: Annotated[
        str | None, typer.Option("--at", help="Set the bedtime reminder, HH:MM (e.g. 21:30).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the reminder.")] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write a calendar file with an alarm here.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show, set or clear the bedtime-stretch reminder; optionally write it as a calendar file."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        if clear:
            guidance_service.set_reminder(session=session, owner=owner, remind_at=None)
        elif at is not None:
            try:
                clock = reminders.parse_clock(at)
            except ValueError as exc:
                raise Invalid(f"--at: {exc}.", fields={"--at": str(exc)}) from None
            guidance_service.set_reminder(session=session, owner=owner, remind_at=clock)
        session.flush()
        status = guidance_service.reminder_status(session=session, owner=owner)
    if ics is not None:
        if status.remind_at is None:
            raise Invalid("No reminder is set; give --at HH:MM.", fields={"--at": "is required"})
        clock = reminders.parse_clock(status.remind_at)
        write_file(ics, guidance_service.reminder_calendar(owner=owner, clock=clock))
    if as_json:
        emit_json(status)
        return
    if status.remind_at is None:
        typer.echo("No bedtime reminder is set.")
    else:
        done = " Done tonight." if status.done_tonight else ""
        typer.echo(f"Bedtime stretches at {status.remind_at}.{done}")
        if ics is not None:
            typer.echo(f"Calendar file written to {ics}.")
