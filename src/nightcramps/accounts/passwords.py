"""Passwords: the argon2id hash, and the rules a new password must meet (NIST SP 800-63B).

A new password is refused when it is shorter than 10 or longer than 256 characters (the schema
says so), only whitespace, one character repeated, the email or its local part, one of the 30,000
most common passwords, or too easy to guess by zxcvbn's estimate (a common password with digits
added, a keyboard pattern, a sequence, words built from the email). Nothing else is asked: no
mix of character classes, no expiry (SP 800-63B §3.1.1.2 advises against both).

Hashing and verifying take about 0.25-0.8 s of CPU and 64 MiB each; callers run them off the
event loop (the routes use a worker thread), and at most ``HASH_CONCURRENCY`` run at once so that
a burst of sign-ins cannot take a gigabyte of memory.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PASSWORD_MIN = 10
"""Fewest characters in a new password (SP 800-63B §3.1.1.2: at least 8; we ask 10)."""
PASSWORD_MAX = 256
"""Most characters in a new password (SP 800-63B: allow at least 64)."""
SIGN_IN_PASSWORD_MAX = 1000
"""Longest password sign-in will hash: the old sign-up maximum, so that no account made before
the 256 limit is shut out; anything longer is refused without hashing (a 1 MB password costs
nothing)."""
EMAIL_MAX = 320
"""Longest email address (RFC 3696 erratum 1690: 64 + 1 + 255); longer ones are refused."""
ESTIMATE_CHARS = 72
"""zxcvbn's own default limit: its estimate takes up to about 80 ms at 72 characters but seconds
at 256, so a longer password is judged by its first 72 characters."""
MIN_SCORE = 2
"""The lowest zxcvbn score accepted: 2 is at least a million guesses by its estimate ("protection
from throttled online attacks" is 1, below a million). Scores 0 and 1 are the common passwords
and their obvious variants."""
HASH_CONCURRENCY = 2
"""Hashes computed at once in one process (each uses 64 MiB and up to 4 cores)."""

HASHER = PasswordHasher()
"""argon2id with argon2-cffi's defaults, RFC 9106's second recommended option: t=3 passes over
m=64 MiB with p=4 lanes, a 16-byte salt and a 32-byte hash."""
_hashing = threading.BoundedSemaphore(HASH_CONCURRENCY)
_estimating = threading.Lock()  # zxcvbn keeps the user inputs of a call in a module global

FIX = (
    "Choose a longer phrase of unrelated words, for example four words you would not put together."
)
"""How to fix any refused password."""


def hash_password(password: str) -> str:
    """The argon2id hash to store for ``password``."""
    with _hashing:
        return HASHER.hash(password)


def spend_hash_time(password: str) -> None:
    """Do the work of :func:`hash_password` and throw it away: a refused sign-up then takes as
    long as an accepted one, so timing does not tell whether an email is registered."""
    hash_password(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (with ``None``, a dummy hash is checked, so that
    an unknown account costs as much time as a known one, and the answer is False)."""
    with _hashing:
        try:
            HASHER.verify(stored or _dummy_hash(HASHER), password)
        except (VerificationError, InvalidHashError):
            return False
    return stored is not None


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash of nothing anyone types, made with ``hasher``'s parameters: verifying against it
    when the email is unknown takes as long as for a real account, so timing does not reveal who
    has one."""
    return hasher.hash("not a real password, only for constant time")


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other parameters than today's (rehash at sign-in)."""
    return HASHER.check_needs_rehash(stored)


def password_problem(password: str, *, email: str) -> str | None:
    """What is wrong with ``password`` as a new password for ``email`` (None: nothing).

    The length limits are the schema's (``SignUp``); these are the rules it cannot state. Each
    answer says why and how to fix it.
    """
    if not password.strip():
        return f"it is only spaces. {FIX}"
    if len(set(password)) == 1:
        return f"it is one character repeated. {FIX}"
    squeezed = "".join(password.lower().split())
    address = email.strip().lower()
    local = address.split("@", 1)[0]
    if squeezed in {address, local, "".join(local.split("."))}:
        return (
            f"it is your email address (or its first part), the first thing anyone would try. {FIX}"
        )
    if squeezed in common_passwords():
        return (
            "it is on the list of the 30,000 most common passwords, which attackers try first. "
            f"{FIX}"
        )
    warning = _weak(password, inputs=[address, local])
    if warning is not None:
        said = f" ({warning[:1].lower()}{warning[1:].rstrip('.')})" if warning else ""
        return f"it is too easy to guess{said}. {FIX}"
    return None


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of the Xato 10-million-password set, as zxcvbn ships them
    (``zxcvbn.frequency_lists``, MIT licence), lower-case."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def _weak(password: str, *, inputs: list[str]) -> str | None:
    """zxcvbn's warning when ``password`` scores below ``MIN_SCORE`` ("" when it has none), or
    None when it is hard enough to guess."""
    from zxcvbn import zxcvbn

    with _estimating:
        result: dict[str, Any] = zxcvbn(password[:ESTIMATE_CHARS], user_inputs=inputs)
    if int(result["score"]) >= MIN_SCORE:
        return None
    return str(result.get("feedback", {}).get("warning") or "")
