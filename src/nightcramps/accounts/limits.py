"""The sign-in backoff and the sign-up limit, kept in the ``login_attempt`` table so that every
app process sharing the database holds people to the same counts.

**Sign-in.** Each attempt is counted under three keys: the email, the client address, and the
pair (email, address). A key's failures are remembered for ``FAILURE_MEMORY``; up to its
allowance they cost nothing. After that, each further attempt under the key waits 1 s after the
last failure, then 2 s, 4 s … up to ``BACKOFF_CAP``; an attempt made sooner is answered "wait"
without the password being checked (a right password answered otherwise would tell a guesser
they had found it), and does not count. A successful sign-in clears the email's and the pair's
failures (not the address's: anyone with an account could clear it) and marks the pair *known*
for ``KNOWN_FOR``: a known pair is held only by its own key, so strangers failing against an
email from elsewhere, or at a shared address, cannot keep its owner out.

**Sign-up.** Attempts that reach the account check (an email already used included, so that
probing which emails have accounts is limited too) are counted per client address over
``SIGN_UP_WINDOW``.

An attempt first writes its rows and commits, and only then counts the others. Of any two
attempts at the same moment, the one that counts last sees the other's rows, so no burst of
parallel attempts, from any number of processes, gets past an allowance (see
``tests/accounts/test_signin_limits.py``).

Keys are ``kind:`` and a SHA-256 of the normalised email or address, a fixed length whatever was
typed, so no email is kept in this table. IPv6 addresses count by their /64 network, which one
household or server is given whole.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nightcramps.accounts.models import LoginAttempt
from nightcramps.errors import TooManyAttempts

FAILURE_MEMORY = timedelta(hours=24)
"""How long a failed sign-in counts. Long enough that, at the capped delay, a guesser's failures
never fall below the allowance again (4 an hour, 96 a day), so the free attempts come once."""
BACKOFF_CAP = timedelta(minutes=15)
"""The longest wait after a failure, reached after 10 failures beyond a key's allowance."""
KNOWN_FOR = timedelta(days=30)
"""How long a successful sign-in from an address keeps that (email, address) pair known."""
SIGN_UP_WINDOW = timedelta(hours=1)
"""The window of ``signups_per_hour``."""
IPV6_PREFIX = 64
"""IPv6 addresses are counted by network: one subscriber is usually given a whole /64."""


@dataclass(frozen=True, slots=True)
class SignInAllowance:
    """Failures allowed per key before the backoff starts (the ``login_attempts_*`` settings)."""

    per_pair: int = 5
    per_email: int = 20
    per_client: int = 20


@dataclass(frozen=True, slots=True)
class Attempt:
    """A sign-in attempt that may go ahead: its keys, and the ids of the rows it wrote (which
    stand as its failure unless :func:`sign_in_succeeded` is called)."""

    email_key: str
    client_key: str
    pair_key: str
    known_key: str
    row_ids: tuple[int, ...]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def client_group(client: str) -> str:
    """The address a client is counted under: an IP address as written canonically (IPv4 inside
    IPv6 as IPv4, IPv6 as its /64), anything else as it is."""
    try:
        address = ipaddress.ip_address(client.strip())
    except ValueError:
        return client.strip().lower()
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False))
    return str(address)


def normal_email(email: str) -> str:
    """An email as accounts store it (trimmed, lower-case)."""
    return email.strip().lower()


def sign_in_keys(email: str, client: str) -> tuple[str, str, str, str]:
    """The keys of an attempt: email, client, pair, and the pair's "known" marker."""
    address, group = normal_email(email), client_group(client)
    pair = _digest(address, group)
    return (
        f"signin.email:{_digest(address)}",
        f"signin.client:{_digest(group)}",
        f"signin.pair:{pair}",
        f"signin.known:{pair}",
    )


def begin_sign_in(
    *, session: Session, email: str, client: str, allowance: SignInAllowance, now: datetime
) -> Attempt:
    """Count a sign-in attempt, or refuse it while one of its keys is backing off.

    Commits ``session`` (the attempt's rows must be visible to other processes before it counts
    theirs). The rows stand as a failure unless :func:`sign_in_succeeded` is called.

    Raises:
        TooManyAttempts: a key is backing off; ``retry_after_s`` says for how long. Nothing is
            counted.
    """
    email_key, client_key, pair_key, known_key = sign_in_keys(email, client)
    _forget_old(session, now)
    known = session.scalar(
        select(func.count()).where(
            LoginAttempt.key == known_key, LoginAttempt.at >= now - KNOWN_FOR
        )
    )
    rows = [LoginAttempt(key=key, at=now) for key in (email_key, client_key, pair_key)]
    session.add_all(rows)
    session.commit()
    mine = tuple(row.id for row in rows)
    held = [(pair_key, allowance.per_pair)]
    if not known:
        held += [(email_key, allowance.per_email), (client_key, allowance.per_client)]
    waits = [_backoff(session, key, allowed, mine, now) for key, allowed in held]
    wait = max(waits)
    if wait > 0:
        session.execute(delete(LoginAttempt).where(LoginAttempt.id.in_(mine)))
        session.commit()
        raise TooManyAttempts(
            f"Too many failed sign-ins. Wait {say_wait(wait)}, then try again "
            "(the password was not checked).",
            retry_after_s=wait,
        )
    return Attempt(email_key, client_key, pair_key, known_key, mine)


def sign_in_succeeded(*, session: Session, attempt: Attempt, now: datetime) -> None:
    """Clear the email's and the pair's failures, take back this attempt's row under the client
    address, and mark the pair known (not committed)."""
    keys = (attempt.email_key, attempt.pair_key, attempt.known_key)
    session.execute(delete(LoginAttempt).where(LoginAttempt.key.in_(keys)))
    session.execute(delete(LoginAttempt).where(LoginAttempt.id.in_(attempt.row_ids)))
    session.add(LoginAttempt(key=attempt.known_key, at=now))
    session.flush()


def mark_known(*, session: Session, email: str, client: str, now: datetime) -> None:
    """Mark (email, client) known, as a new account's sign-up does (not committed)."""
    known_key = sign_in_keys(email, client)[3]
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == known_key))
    session.add(LoginAttempt(key=known_key, at=now))
    session.flush()


def begin_sign_up(*, session: Session, client: str, per_hour: int, now: datetime) -> None:
    """Count a sign-up from ``client``, or refuse it when ``per_hour`` were counted in the last
    hour. Commits ``session``, as :func:`begin_sign_in` does.

    Raises:
        TooManyAttempts: the address has used its sign-ups; ``retry_after_s`` says when the
            oldest of them stops counting. Nothing is counted.
    """
    key = f"signup.client:{_digest(client_group(client))}"
    _forget_old(session, now)
    row = LoginAttempt(key=key, at=now)
    session.add(row)
    session.commit()
    since = now - SIGN_UP_WINDOW
    others = session.scalars(
        select(LoginAttempt.at)
        .where(LoginAttempt.key == key, LoginAttempt.at > since, LoginAttempt.id != row.id)
        .order_by(LoginAttempt.at)
    ).all()
    if len(others) < per_hour:
        return
    session.execute(delete(LoginAttempt).where(LoginAttempt.id == row.id))
    session.commit()
    frees_at = others[len(others) - per_hour] + SIGN_UP_WINDOW
    wait = max(1, math.ceil((frees_at - now).total_seconds()))
    raise TooManyAttempts(
        f"Too many new accounts from your network in the last hour. Wait {say_wait(wait)}, "
        "then try again.",
        retry_after_s=wait,
    )


def backoff_s(failures: int, allowed: int) -> int:
    """Seconds to wait after the last of ``failures`` under a key that allows ``allowed``."""
    if failures < allowed:
        return 0
    return min(1 << min(failures - allowed, 30), int(BACKOFF_CAP.total_seconds()))


def say_wait(seconds: int) -> str:
    """A wait as people say it, rounded up: "1 second", "40 seconds", "3 minutes"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _backoff(session: Session, key: str, allowed: int, mine: tuple[int, ...], now: datetime) -> int:
    """Whole seconds this attempt must still wait under ``key`` (0: it may go ahead)."""
    failures, last = session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.key == key,
            LoginAttempt.at >= now - FAILURE_MEMORY,
            LoginAttempt.id.not_in(mine),
        )
    ).one()
    delay = backoff_s(int(failures or 0), allowed)
    if delay == 0 or last is None:
        return 0
    left: float = (last + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(left))


def _forget_old(session: Session, now: datetime) -> None:
    """Drop failures past their memory, sign-ups past their hour and old "known" marks."""
    session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.at < now - FAILURE_MEMORY, LoginAttempt.key.not_like("signin.known:%")
        )
    )
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - KNOWN_FOR))
