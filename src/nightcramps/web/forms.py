"""Forms as their pages label them: what each input is called and how to fill it in, so that a
refused form names the field in the page's own words and says how to fix it.

A problem reaches a page in one of two kinds. A ``ValidationProblem`` comes from validating what
was sent (``describe_validation_errors``): the page says its own fix for that field instead
("Severity: give a whole number from 0 (none) to 10 (worst)."). Any other text is a service's
refusal, already written for people ("is in the future", "already has 2 cramps logged …"), and is
said after the field's label as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from nightcramps.errors import NightcrampsError


class ValidationProblem(str):
    """What is wrong with one sent value, found by validation (not a service's refusal): a page
    that knows the field says its own fix instead."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class PageField:
    """A form input as the page labels it, and how to fill it in (empty: say what validation
    found, e.g. "give a number from 0 to 100,000")."""

    label: str
    fix: str = ""


@dataclass(frozen=True, slots=True)
class PageForm:
    """A page's form: its inputs by ``name``, which input a schema field is typed in, and the
    input that answers for the form as a whole (a problem of two fields together, said as
    ``whole_form_fix``)."""

    fields: Mapping[str, PageField]
    whole_form: str
    whole_form_fix: str = ""
    aliases: Mapping[str, str] = field(default_factory=dict)

    def _named(self, key: str) -> str | None:
        for candidate in (key, key.split(".", 1)[0]):
            name = self.aliases.get(candidate, candidate)
            if name in self.fields:
                return name
        return None

    def input_of(self, key: str) -> str:
        """The input a problem with schema field ``key`` belongs to (``relief.0`` is ``relief``;
        a problem of no one input belongs to ``whole_form``)."""
        return self._named(key) or self.whole_form

    def names_an_input(self, key: str) -> bool:
        """Whether schema field ``key`` is typed in one of the inputs."""
        return self._named(key) is not None

    def label(self, name: str) -> str:
        """The label of input ``name``."""
        return self.fields[name].label


UNIT_SUFFIXES = frozenset({"0", "10", "mg", "ml", "g", "kg", "kcal", "min", "h", "s", "id"})
"""Unit words at the end of a schema name (``severity_0_10``) that a label leaves out."""


def label_from_name(name: str) -> str:
    """A label for an input no page form describes: ``sleep_disturbance_0_10`` → "Sleep
    disturbance" (so that no page ever shows a schema name)."""
    words = [w for w in re.split(r"[_.\s]+", name) if w and not w.isdigit()]
    while len(words) > 1 and words[-1].lower() in UNIT_SUFFIXES:
        words.pop()
    text = " ".join(words) or "This field"
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _add(problems: dict[str, str], name: str, text: str) -> None:
    problems[name] = f"{problems[name]} {text}" if name in problems else text


def page_problems(form: PageForm, problems: Mapping[str, str]) -> dict[str, str]:
    """Validation problems (by schema field) as ``{input name: "Label: how to fix"}``.

    A problem with one input says how to fill that input in; a problem with the form as a whole
    (e.g. a stop date before the start date) is said on ``form.whole_form``.
    """
    result: dict[str, str] = {}
    for key, problem in problems.items():
        name = form.input_of(key)
        if form.names_an_input(key):
            text = form.fields[name].fix or _sentence(problem)
        else:
            text = form.whole_form_fix or _sentence(problem)
        if name not in result:
            _add(result, name, f"{form.label(name)}: {text}")
        elif text not in result[name]:
            _add(result, name, text)
    return result


def refusal_problems(form: PageForm, exc: NightcrampsError) -> dict[str, str]:
    """A refused write as ``{input name: "Label: the refusal"}`` (the refusal says how to fix)."""
    result: dict[str, str] = {}
    for key in exc.fields or {form.whole_form: exc.message}:
        name = form.input_of(key)
        result.setdefault(name, f"{form.label(name)}: {exc.message}")
    return result


def on_page(form: PageForm | None, problems: Mapping[str, str]) -> dict[str, str]:
    """Any mix of problems as the page says them: ``{input name: "Label: how to fix."}``.

    Validation problems get the page's own fix (``page_problems``); refusals are said after the
    label as they are (a text that already starts with the label is kept). Without a ``form`` the
    label is made from the name, never the name itself.
    """
    result: dict[str, str] = {}
    for key, problem in problems.items():
        if form is not None and isinstance(problem, ValidationProblem):
            said = page_problems(form, {key: problem})
        else:
            name = form.input_of(key) if form is not None else key.split(".", 1)[0]
            label = form.label(name) if form is not None else label_from_name(name)
            text = _sentence(problem)
            said = {name: text if text.startswith(f"{label}:") else f"{label}: {text}"}
        for name, text in said.items():
            if name not in result:
                result[name] = text
            elif text.split(": ", 1)[-1] not in result[name]:
                _add(result, name, text.split(": ", 1)[-1])
    return result
