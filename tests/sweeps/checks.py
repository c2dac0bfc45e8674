"""What a sweep looks for in each answer: another person's markers and food references that the
request itself did not carry, and answers that say a request got through."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from httpx2 import Response

from tests.sweeps.calls import Call
from tests.sweeps.people import Seed

MARKER = re.compile(r"\b[A-Z]+MARK-\d+\b")


def markers_in(text: str) -> set[str]:
    return set(MARKER.findall(text))


def refs_in(text: str, refs: Iterable[str]) -> set[str]:
    """Which of ``refs`` (``custom:5``) the text names (not ``custom:50``)."""
    return {ref for ref in refs if re.search(re.escape(ref) + r"(?!\d)", text)}


def sent_text(call: Call) -> str:
    """Everything the request itself carries, which an answer may repeat without leaking."""
    return f"{call.url} {call.body.data if call.body else ''}"


def answer_text(answer: Response) -> str:
    return f"{answer.headers.get('location', '')} {answer.text}"


def leaked(seed: Seed, call: Call, answer: Response, *, refs: bool = True) -> list[str]:
    """The seed's markers and food references in the answer that the request did not carry.

    ``refs=False`` leaves out the references (``custom:3``): for the routes that show the same
    to everyone, whose examples may name any number.
    """
    text, sent = answer_text(answer), sent_text(call)
    found = sorted((markers_in(text) & seed.markers) - markers_in(sent))
    if refs:
        found += sorted(refs_in(text, seed.food_refs) - refs_in(sent, seed.food_refs))
    return found


def got_through(answer: Response) -> bool:
    """An answer that says the request was served (2xx).

    A page's redirect says nothing either way: a form that worked redirects, and so does a
    Delete or Undo of something not found (back to the page, which says it was already gone).
    What a redirected form did is seen in the rows, which the sweeps compare after each route.
    """
    return 200 <= answer.status_code < 300


@dataclass
class Tally:
    """What a sweep found: problems (each names the request) and the answers' status codes."""

    problems: list[str] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    requests: int = 0

    def count(self, answer: Response) -> None:
        self.requests += 1
        self.statuses[answer.status_code] += 1

    def problem(self, who: str, call: Call, answer: Response | None, what: str) -> None:
        status = f" → {answer.status_code}" if answer is not None else ""
        self.problems.append(f"{who}: {call.describe()}{status}: {what}")

    def report(self, limit: int = 40) -> str:
        shown = "\n".join(self.problems[:limit])
        more = len(self.problems) - limit
        return shown + (f"\n… and {more} more" if more > 0 else "")

    def summary(self) -> str:
        codes = " ".join(f"{code}:{n}" for code, n in sorted(self.statuses.items()))
        return f"{self.requests} requests ({codes})"
