"""What a sweep sends to each route: every path id replaced by each of a person's ids of its kind
(live and deleted), query values and bodies that name that person's rows where they can.

The rules are by parameter name, so that they cover every route that uses the name; a route
with a path parameter, a required query parameter or a body that no rule covers makes the sweep
fail with what to add here (``ROW_PARAMS``, ``COLLECTIONS``, ``CONSTANTS``, ``QUERY_RULES``,
``API_BODIES``, ``PAGE_FORMS``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from nightcramps.daylog.service import KINDS
from tests.daylog.samples import SAMPLES as KIND_SAMPLES
from tests.sweeps.people import PASSWORD, Seed
from tests.sweeps.routes import Route


class NoRule(AssertionError):
    """A route takes something no rule here says how to fill: the sweep cannot cover it."""


@dataclass(frozen=True)
class Body:
    """A request body: ``kind`` is json, form (urlencoded), multipart (a file) or csv."""

    kind: str
    data: Any
    names: tuple[str, ...] = ()
    """The rows of the seed it names (``custom:5 (live)``)."""


@dataclass(frozen=True)
class Call:
    """One request to send: a route with its path filled in, a query and a body."""

    route: Route
    path: str
    query: tuple[tuple[str, str], ...] = ()
    body: Body | None = None
    names: tuple[str, ...] = ()
    """The seed's rows the path and query name (``cramp 7 (deleted)``)."""

    @property
    def names_row(self) -> bool:
        """Whether the request names a row of the seed's person (in its path, query or body)."""
        return bool(self.names or (self.body and self.body.names))

    @property
    def url(self) -> str:
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path

    def describe(self) -> str:
        named = [*self.names, *(self.body.names if self.body else ())]
        said = f" [{', '.join(named)}]" if named else ""
        sent = f" {self.body.kind} {str(self.body.data)[:120]}" if self.body else ""
        return f"{self.route.method} {self.url}{said}{sent}"


Value = tuple[str, str | None]
"""A value for a parameter and, when it is one of the seed's rows, how to name it."""

ROW_PARAMS = {
    "cramp_id": "cramp",
    "medicine_id": "medicine",
    "favourite_id": "favourite",
    "custom_id": "custom_food",
    "supplement_id": "supplement",
    "token_id": "token",
    "session_id": "session",
    "import_id": "import",
    "experiment_id": "experiment",
    "link_id": "share_link",
}
"""Path parameters that are a row id of one kind, whatever the route."""
COLLECTIONS = {
    **{kind.path: kind.key for kind in KINDS},
    "intake": "intake",
    "tokens": "token",
    "sessions": "session",
}
"""For a generic ``{entry_id}`` or ``{id}``: the kind of row, by the path segment before it."""
DAY_LOG_KINDS = tuple(kind.key for kind in KINDS)
"""The kinds of ``/entries/{kind}/{entry_id}/...`` (the page routes that delete any entry)."""
CONSTANTS: dict[str, list[str]] = {
    "slug": ["magnesium"],
    "factor_key": ["magnesium_mg"],
    "none/what": ["stretching"],
    "remedy/what": ["heat"],
    "rich-in/nutrient": ["magnesium_mg"],
    # A share link's token is its own credential, which a sweep never holds: one of the right
    # shape that no link has (tests/sharing opens real ones).
    "s/token": ["T0kenOfTheRightShapeThatNoLinkHas_00000000"],
}
"""Path parameters that name no one's data: one valid value each (``segment/param`` when the
same name means different things)."""


def _rows(seed: Seed, kind: str) -> list[Value]:
    ids = seed.ids.get(kind)
    if not ids:
        raise NoRule(f"the seed has no rows of kind {kind!r}: give some in seed_person")
    return [(str(i), seed.label(kind, i)) for i in ids]


def _path_values(route: Route, param: str, bound: dict[str, str], seed: Seed) -> list[Value]:
    before = _segment_before(route.path, param)
    kind = ROW_PARAMS.get(param)
    if param in ("entry_id", "id"):
        kind = COLLECTIONS.get(before) or bound.get("kind")
    if kind:
        return _rows(seed, kind)
    if param == "kind" and route.path.startswith("/entries/"):
        return [(k, None) for k in DAY_LOG_KINDS]
    if param == "food_id":
        return [(ref, f"{ref} ({_state(seed, ref)})") for ref in seed.food_refs]
    if param == "night_of":
        return [(n, None) for n in (seed.nights[0], seed.nights[1], seed.nights[-1])]
    if param == "day":
        return [(d, None) for d in seed.days[:2]]
    if param == "nutrient" and before == "targets":
        return [(n, None) for n in seed.nutrients]
    fixed = CONSTANTS.get(f"{before}/{param}") or CONSTANTS.get(param)
    if fixed:
        return [(v, None) for v in fixed]
    raise NoRule(
        f"{route.name}: no rule for the path parameter {{{param}}}; say in "
        "tests/sweeps/calls.py (ROW_PARAMS, COLLECTIONS or CONSTANTS) what it takes"
    )


def _state(seed: Seed, ref: str) -> str:
    kind, _, number = ref.partition(":")
    label = seed.label("custom_food" if kind == "custom" else kind, int(number))
    return label.rsplit("(", 1)[1].rstrip(")")


def _segment_before(path: str, param: str) -> str:
    parts = path.split("/")
    index = parts.index(f"{{{param}}}")
    return parts[index - 1] if index else ""


def _paths(route: Route, seed: Seed) -> list[tuple[str, tuple[str, ...]]]:
    """The route's path with each combination of values (and the rows they name)."""
    filled: list[tuple[dict[str, str], tuple[str, ...]]] = [({}, ())]
    for param in route.params:
        filled = [
            ({**bound, param: value}, names + ((name,) if name else ()))
            for bound, names in filled
            for value, name in _path_values(route, param, bound, seed)
        ]
    return [(route.path.format(**bound), names) for bound, names in filled]


def _fixed(*values: str) -> list[Value]:
    """Values that name no row."""
    return [(value, None) for value in values]


QUERY_RULES: dict[str, Callable[[Seed], list[Value]]] = {
    "from": lambda s: _fixed("2026-11-01"),
    "to": lambda s: _fixed("2026-11-23"),
    "q": lambda s: _fixed(*s.names["custom_food"], *s.names["supplement"]),
    "phrase": lambda s: _fixed(
        *(f"1 serving {n}" for n in s.names["custom_food"]),
        *(f"1 {n}" for n in s.names["supplement"]),
    ),
    "food_id": lambda s: [(ref, f"{ref} ({_state(s, ref)})") for ref in s.food_refs],
    "name": lambda s: _fixed(*s.names["medicine"]),
    "check": lambda s: _fixed(*s.names["medicine"]),
    "age": lambda s: _fixed("60"),
    "sex": lambda s: _fixed("female"),
    "day": lambda s: _fixed(s.days[0]),
    "night_of": lambda s: _fixed(s.nights[0]),
    "month": lambda s: _fixed("2026-11"),
    "remedy": lambda s: _fixed("stretching"),
}
"""Query parameters sent wherever a route takes them (the others are left out)."""


def _queries(route: Route, seed: Seed) -> list[tuple[tuple[tuple[str, str], ...], tuple[str, ...]]]:
    """The query variants: each known parameter's values in turn (cycled, not multiplied)."""
    missing = [name for name, required in route.query if required and name not in QUERY_RULES]
    if missing:
        raise NoRule(
            f"{route.name}: no rule for the required query parameter(s) {missing}; add them "
            "to QUERY_RULES in tests/sweeps/calls.py"
        )
    values = {n: QUERY_RULES[n](seed) for n, _ in route.query if n in QUERY_RULES}
    if not values:
        return [((), ())]
    count = max(len(v) for v in values.values())
    variants = []
    for i in range(count):
        chosen = {n: v[i % len(v)] for n, v in values.items()}
        query = tuple((n, value) for n, (value, _) in chosen.items())
        variants.append((query, tuple(name for _, name in chosen.values() if name)))
    return variants


def calls(route: Route, seed: Seed) -> list[Call]:
    """Every request a sweep sends to ``route`` about ``seed``'s person."""
    bodies: list[Body | None] = [None]
    if route.unsafe and (route.body or not route.api):
        bodies = list(bodies_for(route, seed))
    return [
        Call(route, path, query, body, names + query_names)
        for (path, names), (query, query_names), body in itertools.product(
            _paths(route, seed), _queries(route, seed), bodies
        )
    ]


def bodies_for(route: Route, seed: Seed) -> list[Body]:
    table = API_BODIES if route.api else PAGE_FORMS
    make = table.get(route.name)
    if make is None:
        where = "API_BODIES" if route.api else "PAGE_FORMS"
        raise NoRule(
            f"{route.name}: no body to send; add one to {where} in tests/sweeps/calls.py (use "
            "the seed's rows where the body can name one)"
        )
    return make(seed)


def json(data: Any, *names: str) -> Body:
    return Body("json", data, names)


def form(data: dict[str, str], *names: str) -> Body:
    return Body("form", data, names)


CSV_FILE = "date,cramps,worst_severity_0_10,fluid_ml\n2026-11-08,1,4,1400\n"
"""A daily CSV of one night (another person's upload names nobody's rows)."""
IMPORT_FILE = (
    "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Potassium (mg),Category\n"
    "2026-11-07,,Breakfast,Oatmeal,1.00 cup,150,60,140,Cereal Grains and Pasta\n"
)
"""A Cronometer servings export of one food (another person's upload names nobody's rows)."""


def _intake_bodies(s: Seed) -> list[Body]:
    """New intake entries that name the seed's foods: by ``food``, the old ``food_id`` and
    ``supplement_id``, and phrases naming them."""
    bodies = []
    for ref in s.food_refs:
        named = f"{ref} ({_state(s, ref)})"
        amount = {"quantity": 1, "unit": "serving"} if ref.startswith("custom") else {"quantity": 1}
        bodies.append(json({"food": {"id": ref}, **amount}, named))
        if ref.startswith("custom"):
            bodies.append(json({"food_id": ref, **amount}, named))
        else:
            bodies.append(json({"supplement_id": int(ref.split(":")[1]), "quantity": 1}, named))
    phrases = [f"1 serving {n}" for n in s.names["custom_food"]]
    phrases += [f"1 {n}" for n in s.names["supplement"]]
    return bodies + [json({"description": p}) for p in phrases]


def _entry_forms(s: Seed) -> list[Body]:
    """The Food page's Add form naming the seed's foods: a picked food, a supplement, a phrase."""
    bodies = []
    for ref in s.food_refs:
        named = f"{ref} ({_state(s, ref)})"
        if ref.startswith("custom"):
            bodies.append(form({"food_id": ref, "quantity": "1", "unit": "serving"}, named))
        else:
            bodies.append(form({"supplement_id": ref.split(":")[1]}, named))
    phrases = [f"1 serving {n}" for n in s.names["custom_food"]]
    return bodies + [form({"phrase": p}) for p in phrases]


def _each(kind: str, make: Callable[[int], Body]) -> Callable[[Seed], list[Body]]:
    return lambda s: [make(i) for i in s.ids[kind]]


DAY = "2026-11-20"
"""The day the sweeping person's own new entries are logged on."""
ONE = Callable[[Seed], list[Body]]


def _one(body: Body) -> ONE:
    return lambda s: [body]


def _day_log_bodies() -> dict[str, ONE]:
    """Each day-log kind's log and change, from its one sample (tests/daylog/samples.py)."""
    bodies: dict[str, ONE] = {}
    for kind in KINDS:
        sample, day = KIND_SAMPLES[kind.key], date.fromisoformat(DAY)
        bodies[f"POST /api/v1/{kind.path}"] = _one(json(sample.body(day, "bravo")))
        bodies[f"PATCH /api/v1/{kind.path}/{{entry_id}}"] = _one(json(dict([sample.edit(day)])))
    return bodies


API_BODIES: dict[str, ONE] = {
    **_day_log_bodies(),
    "PATCH /api/v1/profile": _one(json({"display_name": "bravo"})),
    "POST /api/v1/tokens": _one(json({"name": "bravo token"})),
    "POST /api/v1/nights": lambda s: [json({"night_of": s.nights[0], "status": "no_cramps"})],
    "PATCH /api/v1/nights/{night_of}": _one(json({"notes": "bravo"})),
    "POST /api/v1/cramps": lambda s: [
        json({"night_of": s.nights[0], "muscle": "calf", "side": "left", "severity_0_10": 5})
    ],
    "PATCH /api/v1/cramps/{cramp_id}": _one(json({"severity_0_10": 4, "notes": "bravo"})),
    "POST /api/v1/import/daily-csv": _one(Body("csv", CSV_FILE)),
    "POST /api/v1/import/backup": _one(Body("csv", CSV_FILE)),  # not a zip: refused, 422
    "POST /api/v1/delete-everything": _one(json({"confirm": "delete everything"})),
    "POST /api/v1/imports": _one(Body("multipart", IMPORT_FILE)),
    "PATCH /api/v1/days/{day}/log": _one(json({"steps": 1000})),
    "POST /api/v1/medicines/{entry_id}/stop": _one(json({"stopped_on": DAY})),
    "POST /api/v1/checkup": _one(json({"numbness": True})),
    "POST /api/v1/routine/log": _one(json({"routine": "bedtime", "duration_min": 5})),
    "PUT /api/v1/routine/reminder": _one(json({"remind_at": "22:00"})),
    "POST /api/v1/cramp-now": _one(
        json(
            {
                "started_at": "2026-11-24T03:00:00Z",
                "duration_s": 60,
                "side": "left",
                "severity_0_10": 4,
            }
        )
    ),  # fmt: skip
    "POST /api/v1/intake": _intake_bodies,
    "POST /api/v1/experiments/start": _one(json({"remedy": "fluids"})),
    "POST /api/v1/experiments/{experiment_id}/nights/{night_of}/adherence": _one(
        json({"adhered": True})
    ),
    "POST /api/v1/experiments/{experiment_id}/stop": _one(json({"reason": "bravo"})),
    "POST /api/v1/intake/repeat": lambda s: [
        json({"meal": "breakfast", "from_day": s.days[0], "to_day": DAY})
    ],
    "POST /api/v1/intake/{entry_id}/again": _one(json({})),
    "POST /api/v1/favourites": _each(
        "intake", lambda i: json({"entry_id": i}, f"intake {i} (in the body)")
    ),
    "POST /api/v1/favourites/{favourite_id}/log": _one(json({})),
    "PATCH /api/v1/intake/{entry_id}": _one(json({"meal": "lunch"})),
    "PUT /api/v1/targets/{nutrient}": _one(json({"value": 300, "note": "bravo"})),
    "POST /api/v1/custom-foods": _one(
        json({"name": "bravo bar", "basis": "per_100g", "nutrients": {"magnesium_mg": 20}})
    ),
    "POST /api/v1/supplements": _one(
        json({"name": "bravo pill", "nutrients": {"magnesium_mg": 50}})
    ),
    "POST /api/v1/share-links": _one(json({"scope": "diary", "days": 7, "label": "bravo"})),
}
"""The body of each API operation that takes one (see the module docstring)."""

NOTHING = _one(form({}))
PAGE_FORMS: dict[str, ONE] = {
    "POST /signup": _one(
        form({"email": "newcomer@example.org", "password": PASSWORD, "timezone": "Europe/London"})
    ),
    "POST /signin": lambda s: [form({"email": s.person.email, "password": PASSWORD})],
    "POST /signout": NOTHING,
    "POST /account/security/sessions/{session_id}/end": NOTHING,
    "POST /account/security/sessions/end-others": NOTHING,
    "POST /account/security/password": _one(
        form({"current_password": PASSWORD, "new_password": PASSWORD})
    ),
    "POST /account/security/tokens": _one(
        form({"name": "bravo token", "scope": "write", "expires_in_days": "30"})
    ),
    "POST /account/security/tokens/{token_id}/revoke": NOTHING,
    "POST /profile": _one(form({"display_name": "bravo", "timezone": "Europe/London"})),
    "POST /timezone/confirm": _one(form({"timezone": "Europe/London"})),
    "POST /timezone/browser": _one(json({"timezone": "Europe/London"})),
    "POST /checkin/no-cramps": _one(form({"night_of": DAY})),
    "POST /cramps": lambda s: [
        form(
            {
                "night_of": s.nights[0],
                "time": "03:10",
                "muscle": "calf",
                "side": "left",
                "severity_0_10": "5",
            }
        )
    ],  # fmt: skip
    "POST /cramps/{cramp_id}/edit": _one(
        form(
            {
                "time": "03:20",
                "muscle": "calf",
                "side": "left",
                "severity_0_10": "4",
                "notes": "bravo",
            }
        )
    ),  # fmt: skip
    "POST /cramps/{cramp_id}/delete": NOTHING,
    "POST /cramps/{cramp_id}/restore": NOTHING,
    "POST /diary/{night_of}/no-cramps": NOTHING,
    "POST /diary/{night_of}": _one(form({"sleep_disturbance_0_10": "2", "notes": "bravo"})),
    "POST /diary/{night_of}/delete": NOTHING,
    "POST /diary/{night_of}/restore": NOTHING,
    "POST /data/daily": _one(Body("multipart", CSV_FILE)),
    "POST /data/backup": _one(Body("multipart", CSV_FILE)),  # not a zip: refused, 422
    "POST /data/delete-everything": _one(form({"confirm": "delete everything"})),
    "POST /data/import": _one(Body("multipart", IMPORT_FILE)),
    "POST /data/import/{import_id}/confirm": NOTHING,
    "POST /data/import/{import_id}/discard": NOTHING,
    "POST /data/import/{import_id}/undo": NOTHING,
    "POST /experiments": _one(form({"remedy": "fluids"})),
    "POST /experiments/{experiment_id}/nights/{night_of}/adherence": _one(form({"adhered": "yes"})),
    "POST /experiments/{experiment_id}/stop": _one(form({"reason": "bravo"})),
    "POST /experiments/{experiment_id}/extend": NOTHING,
    "POST /today/{day}/stretched": NOTHING,
    "POST /today/{day}/none/{what}": NOTHING,
    "POST /today/{day}/remedy/{what}": NOTHING,
    "POST /today/{day}/coffee": NOTHING,
    "POST /today/{day}/drink": NOTHING,
    "POST /today/{day}/caffeine": _one(form({"caffeine_mg": "50"})),
    "POST /today/{day}/alcohol": _one(form({"drinks": "1"})),
    "POST /today/{day}/workout": _one(
        form({"activity_type": "walking", "duration_min": "20", "intensity_0_10": "3"})
    ),
    "POST /today/{day}/day": _one(form({"steps": "1000"})),
    "POST /today/{day}/sleep": _one(form({"bed_time": "23:00", "wake_time": "07:00"})),
    "POST /entries/{kind}/{entry_id}/delete": NOTHING,
    "POST /entries/{kind}/{entry_id}/restore": NOTHING,
    "POST /medicines": _one(form({"name": "bravo medicine", "started_on": "2026-11-01"})),
    "POST /medicines/{medicine_id}/stop": _one(form({"stopped_on": DAY})),
    "POST /checkup": _one(form({"numbness": "no"})),
    "POST /routine/done": _one(form({"routine": "bedtime"})),
    "POST /routine/reminder": _one(form({"remind_at": "22:00"})),
    "POST /day/{day}/entries": _entry_forms,
    "POST /intake/{entry_id}/edit": _one(form({"quantity": "2", "meal": "lunch"})),
    "POST /intake/{entry_id}/delete": NOTHING,
    "POST /intake/{entry_id}/restore": NOTHING,
    "POST /intake/{entry_id}/again": _one(form({"day": DAY})),
    "POST /intake/{entry_id}/favourite": NOTHING,
    "POST /favourites/{favourite_id}/log": _one(form({"day": DAY})),
    "POST /favourites/{favourite_id}/delete": _one(form({"day": DAY})),
    "POST /day/{day}/repeat": _one(form({"meal": "breakfast"})),
    "POST /my-foods/supplements": _one(form({"name": "bravo page pill", "magnesium_mg": "50"})),
    "POST /my-foods/custom": _one(form({"name": "bravo page bar", "magnesium_mg": "20"})),
    "POST /my-foods/supplements/{supplement_id}/delete": NOTHING,
    "POST /my-foods/custom/{custom_id}/delete": NOTHING,
    "POST /share": _one(form({"scope": "report", "days": "7", "label": "bravo"})),
    "POST /share/{link_id}/revoke": NOTHING,
    "POST /my-foods/targets": lambda s: [
        form({"nutrient": s.nutrients[0], "value": "300", "note": "bravo"})
    ],
}
"""The form each page write is sent with (``NOTHING``: a button, only the CSRF token)."""
