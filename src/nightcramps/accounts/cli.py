"""The ``token`` and ``profile`` commands: API tokens and the person's own profile."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated, Any

import typer

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table, fail

token_app = typer.Typer(help="Personal access tokens for the HTTP API.", no_args_is_help=True)
profile_app = typer.Typer(
    help="Your profile (age, sex, pregnancy, time zone, health conditions).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the account commands to the root app."""
    app.add_typer(token_app, name="token")
    app.add_typer(profile_app, name="profile")


@token_app.command("create")
@command
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="A name to recognise it by.")] = "",
    read_only: Annotated[
        bool,
        typer.Option("--read-only", help="May only read (GET); any change is refused with 403."),
    ] = False,
    expires_days: Annotated[
        int,
        typer.Option("--expires-days", help="Days until it stops working (1 to 365)."),
    ] = accounts_service.TOKEN_DAYS_DEFAULT,
    as_json: JsonOption = False,
) -> None:
    """Create an API token (shown once; send it as 'Authorization: Bearer TOKEN')."""
    cli = state(ctx)
    with cli.session() as session:
        token = accounts_service.create_token(
            session=session,
            person_id=cli.person_id(session),
            name=name,
            scope="read" if read_only else "write",
            expires_in_days=expires_days,
        )
        row = accounts_service.find_token(session=session, token=token)
        assert row is not None
        made = {
            "token": token,
            "id": row.id,
            "name": row.name,
            "scope": row.scope,
            "expires_at": row.expires_at,
        }
    if as_json:
        emit_json(made)
    else:
        typer.echo(token)


TOKEN_COLUMNS = ["id", "name", "scope", "created_at", "expires_at", "last_used_at"]


@token_app.command("list")
@command
def token_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your tokens with their scope, expiry and last use (to the hour); their secrets are
    not stored and cannot be shown."""
    cli = state(ctx)
    with cli.session() as session:
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "scope": t.scope,
                "expires_at": t.expires_at,
            }
            for t in accounts_service.list_tokens(session=session, person_id=cli.person_id(session))
        ]
    if as_json:
        emit_json(rows)
    else:
        emit_table([[r[c] for c in TOKEN_COLUMNS] for r in rows], TOKEN_COLUMNS)


@token_app.command("revoke")
@command
def token_revoke(
    ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="The token's id.")]
) -> None:
    """Revoke a token: programs using it lose access at once."""
    cli = state(ctx)
    with cli.session() as session:
        accounts_service.revoke_token(
            session=session, person_id=cli.person_id(session), token_id=token_id
        )
    typer.echo(f"Revoked token {token_id}.")


@profile_app.command("show")
@command
def profile_show(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show your profile."""
    cli = state(ctx)
    with cli.session() as session:
        person = accounts_service.get_person(session=session, person_id=cli.person_id(session))
        profile = accounts_service.to_profile_public(person, today_year=timing.utcnow().year)
    if as_json:
        emit_json(profile)
    else:
        for key, value in profile.model_dump().items():
            typer.echo(f"{key}: {'unknown' if value is None else value}")


class Answer(StrEnum):
    """A yes/no health question; "unknown" clears it to not answered."""

    yes = "yes"
    no = "no"
    unknown = "unknown"


class KidneyAnswer(StrEnum):
    """The profile's kidney answers (``conditions.KIDNEY_STATUSES``), and "unknown"."""

    no = "no"
    yes_stage_unknown = "yes_stage_unknown"
    stage_1_2 = "stage_1_2"
    stage_3 = "stage_3"
    stage_4 = "stage_4"
    stage_5 = "stage_5"
    dialysis = "dialysis"
    unknown = "unknown"


CLEARED = ("none", "unknown")
"""What clears a number answer (--fluid-limit-ml, --pregnancy-week)."""

AnswerOption = Annotated[Answer | None, typer.Option(case_sensitive=False)]


def _answer(value: Enum | None) -> tuple[bool, Any]:
    """(given, value for ProfileUpdate) of a health option: "unknown" is None."""
    if value is None:
        return False, None
    if value.value == "unknown":
        return True, None
    return True, {"yes": True, "no": False}.get(value.value, value.value)


def _whole_number(text: str | None, option: str, low: int, high: int) -> tuple[bool, int | None]:
    """(given, value) of a number option that "none" or "unknown" clears."""
    if text is None:
        return False, None
    if text.strip().lower() in CLEARED:
        return True, None
    try:
        return True, int(text)
    except ValueError:
        raise fail(
            f"{option} takes a whole number from {low} to {high:,}, or 'none' to clear it; "
            f"not {text!r}.",
            code=2,
        ) from None


@profile_app.command("set")
@command
def profile_set(
    ctx: typer.Context,
    birth_year: Annotated[int | None, typer.Option("--birth-year")] = None,
    sex: Annotated[str | None, typer.Option(help="female or male.")] = None,
    pregnant: Annotated[bool | None, typer.Option("--pregnant/--not-pregnant")] = None,
    lactating: Annotated[bool | None, typer.Option("--lactating/--not-lactating")] = None,
    weight_kg: Annotated[float | None, typer.Option("--weight-kg")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA zone, e.g. Europe/London.")] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    kidney_disease: Annotated[
        KidneyAnswer | None,
        typer.Option(help="Kidney disease and its stage, or dialysis; unknown: not answered."),
    ] = None,
    liver_disease: AnswerOption = None,
    diabetes: AnswerOption = None,
    thyroid_disease: AnswerOption = None,
    heart_failure: AnswerOption = None,
    fluid_limit_ml: Annotated[
        str | None,
        typer.Option(help="Daily fluid limit your doctor set, 500-3000 ml; none: no limit."),
    ] = None,
    pregnancy_week: Annotated[
        str | None,
        typer.Option(help="This week of pregnancy, 1-42 (needs --pregnant); it then moves on."),
    ] = None,
    conditions_reviewed: Annotated[
        bool,
        typer.Option(
            "--conditions-reviewed",
            help="Record that your health answers are reviewed as they stand (the pages then "
            "stop asking).",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Change your profile; only the options given change.

    The health options change the advice you get. Giving any of them answers the health
    questions; "unknown" (or "none") leaves one not answered.
    """
    cli = state(ctx)
    raw = {
        "birth_year": birth_year,
        "sex": sex,
        "pregnant": pregnant,
        "lactating": lactating,
        "weight_kg": weight_kg,
        "timezone": timezone,
        "display_name": name,
    }
    data = {k: v for k, v in raw.items() if v is not None}
    answers = {
        "kidney_disease": _answer(kidney_disease),
        "liver_disease": _answer(liver_disease),
        "diabetes": _answer(diabetes),
        "thyroid_disease": _answer(thyroid_disease),
        "heart_failure": _answer(heart_failure),
        "fluid_limit_ml": _whole_number(fluid_limit_ml, "--fluid-limit-ml", 500, 3000),
        "pregnancy_week": _whole_number(pregnancy_week, "--pregnancy-week", 1, 42),
    }
    data |= {k: value for k, (given, value) in answers.items() if given}
    answered = conditions_reviewed or any(given for given, _ in answers.values())
    profile_in = ProfileUpdate.model_validate(data)
    with cli.session() as session:
        person = accounts_service.get_person(session=session, person_id=cli.person_id(session))
        accounts_service.update_profile(
            session=session, person=person, profile_in=profile_in, conditions_reviewed=answered
        )
        profile = accounts_service.to_profile_public(person, today_year=timing.utcnow().year)
    if as_json:
        emit_json(profile)
    else:
        typer.echo("Profile saved.")
