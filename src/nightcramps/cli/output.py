"""Shared output: JSON for programs, aligned text for people, and errors that say how to fix."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError

from nightcramps.errors import Invalid, NightcrampsError

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` (models, lists, dicts) as indented JSON."""
    typer.echo(json.dumps(_plain(value), indent=2, ensure_ascii=False, default=str))


def emit_table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], *, empty: str = "Nothing to list."
) -> None:
    """Print rows as aligned columns, or the ``empty`` sentence when there are none."""
    if not rows:
        typer.echo(empty)
        return
    text_rows = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in text_rows)]) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in text_rows:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def write_file(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path``, or raise ``Invalid`` saying why it cannot be written."""
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise Invalid(
            f"Cannot write {path}: {reason}. Choose a file in a folder that exists and that you "
            "may write to."
        ) from None


def read_file(path: Path, *, limit: int) -> bytes:
    """The bytes of ``path``, at most one past ``limit`` (enough for the caller to refuse the size
    without reading a huge file whole), or ``Invalid`` saying why it cannot be read."""
    try:
        with path.open("rb") as source:
            return source.read(limit + 1)
    except FileNotFoundError:
        raise Invalid(f"There is no file {path}; check the path.") from None
    except IsADirectoryError:
        raise Invalid(f"{path} is a folder; give the file inside it.") from None
    except OSError as exc:
        raise Invalid(f"Cannot read {path}: {exc.strerror}.") from None


def fail(message: str, *, code: int = 1) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn domain and validation errors into a message on stderr and exit code 1 (or 2)."""
    try:
        yield
    except NightcrampsError as exc:
        details = "".join(f"\n  {name}: {problem}" for name, problem in exc.fields.items())
        raise fail(exc.message + details) from None
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = ".".join(str(p) for p in error["loc"]) or "input"
            lines.append(f"  {name}: {error['msg'].removeprefix('Value error, ')}")
        raise fail("the input is not valid:\n" + "\n".join(lines), code=2) from None


def command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command body so domain errors become friendly messages."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with friendly_errors():
            return func(*args, **kwargs)

    return wrapper
