"""The built-in supplements: the common generic electrolyte supplements, loggable by name
without adding them first ("2 tablets magnesium citrate", "magnesium oxide 1 tablet").

They are data, in ``builtin_supplements.toml`` beside this module: one tablet or capsule of a
typical product strength, its elemental amounts (what a Supplement Facts label declares) and
the elemental fraction of the salt, each with its sources. The file is read once, at import, so
a wrong entry stops the app and fails the tests at start-up.

A built-in is logged exactly as a person's own supplement is (``kind`` "supplement", so its
magnesium counts toward the supplemental upper level and the kidney-disease caution), under a
stable id ``supplement:builtin-<slug>``. A person's own supplement of the same name wins: the
built-ins are looked at only when none of the person's own items matched.

Pure once loaded: no session, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nightcramps.content import error_at, load_toml
from nightcramps.errors import NotFound
from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.nutrition.portions import OwnFood
from nightcramps.nutrition.schemas import (
    BUILTIN_PREFIX,
    BuiltinSupplementPublic,
    BuiltinSupplementsPublic,
)

BUILTIN_FILE = Path(__file__).with_name("builtin_supplements.toml")

REF_PREFIX = BUILTIN_PREFIX
"""How an entry's ``food_ref`` names a built-in: "supplement:builtin-magnesium-citrate". It fits
the food id pattern of the API (``source:key``) and a key that is not a number is never one of
the person's own supplements."""

MAX_REF_LENGTH = 40
"""``IntakeEntry.food_ref`` holds at most 40 characters."""

FRACTION_TOLERANCE = 0.02
"""How far an elemental amount may be from salt weight x elemental fraction (rounding)."""

Element = Literal["magnesium", "potassium", "calcium"]
Slug = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=MAX_REF_LENGTH - len(REF_PREFIX))
]
Amount = Annotated[float, Field(ge=0, le=5_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRecord(_Strict):
    """``[source.<key>]``: one publication or label, with the table or section it is read from."""

    citation: str = Field(min_length=20)


class SupplementRecord(_Strict):
    """``[[supplement]]``: one tablet or capsule (see the head of the TOML file)."""

    slug: Slug
    name: str = Field(min_length=3, max_length=200)
    aliases: list[str] = []
    unit: Literal["tablet", "capsule"]
    salt: str = Field(min_length=2)
    element: Element | None = None
    elemental_fraction: float | None = Field(default=None, gt=0, le=1)
    fraction_sources: list[str] = []
    salt_mg_per_unit: float | None = Field(default=None, gt=0, le=5_000)
    magnesium_mg: Amount = 0
    potassium_mg: Amount = 0
    calcium_mg: Amount = 0
    sodium_mg: Amount = 0
    volume_ml_per_unit: float | None = Field(default=None, gt=0, le=2_000)
    strength_sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _fraction_agrees(self) -> SupplementRecord:
        """A single-salt product's element = salt weight x fraction; a mix names no element."""
        if self.element is None:
            if self.elemental_fraction is not None or self.salt_mg_per_unit is not None:
                raise ValueError("give element with elemental_fraction and salt_mg_per_unit")
            return self
        if self.elemental_fraction is None or self.salt_mg_per_unit is None:
            raise ValueError(f"{self.element}: give elemental_fraction and salt_mg_per_unit")
        if not self.fraction_sources:
            raise ValueError("give fraction_sources for the elemental fraction")
        stated = getattr(self, f"{self.element}_mg")
        computed = self.salt_mg_per_unit * self.elemental_fraction
        if abs(stated - computed) > FRACTION_TOLERANCE * computed:
            raise ValueError(
                f"{self.element}_mg = {stated:g} but salt_mg_per_unit x elemental_fraction = "
                f"{computed:.1f}: correct one of them"
            )
        return self


class BuiltinFile(_Strict):
    """The whole file."""

    source: dict[str, SourceRecord]
    supplement: list[SupplementRecord] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class BuiltinSupplement:
    """One built-in supplement: one unit of it, with the sources of its figures."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    salt: str
    element: str | None
    elemental_fraction: float | None
    salt_mg_per_unit: float | None
    amounts: NutrientAmounts
    """Elemental amounts of one unit; a mineral the product lacks is 0, the rest unknown."""
    volume_ml_per_unit: float | None
    fraction_sources: tuple[str, ...]
    """Full citations of the elemental fraction."""
    strength_sources: tuple[str, ...]
    """Full citations of the strength per unit."""

    @property
    def ref(self) -> str:
        """The id an entry and the API name it by: "supplement:builtin-magnesium-citrate"."""
        return REF_PREFIX + self.slug

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it can be typed as, lower case: its name, then its aliases."""
        return tuple(_normal(n) for n in (self.name, *self.aliases))


def _normal(name: str) -> str:
    return " ".join(name.lower().split())


def _check_file(path: Path, file: BuiltinFile) -> None:
    """What the model cannot check alone: sources that exist, slugs and names used once."""
    seen_slugs: set[str] = set()
    seen_names: set[str] = set()
    for index, record in enumerate(file.supplement):
        for key in (*record.fraction_sources, *record.strength_sources):
            if key not in file.source:
                raise error_at(
                    path,
                    ("supplement", index, "strength_sources"),
                    f"{record.slug!r} cites {key!r}, which has no [source.{key}] table: "
                    "correct the key or add the source",
                )
        if record.slug in seen_slugs:
            raise error_at(path, ("supplement", index, "slug"), f"{record.slug!r} is used twice")
        seen_slugs.add(record.slug)
        for name in (record.name, *record.aliases):
            if _normal(name) in seen_names:
                raise error_at(
                    path, ("supplement", index, "name"), f"the name {name!r} is used twice"
                )
            seen_names.add(_normal(name))


def load(path: Path = BUILTIN_FILE) -> tuple[BuiltinSupplement, ...]:
    """The built-in supplements of the file at ``path``, checked.

    Raises:
        ContentError: the file is not valid TOML, or an entry is wrong (at its line).
    """
    file = load_toml(path, BuiltinFile)
    _check_file(path, file)
    cite = {key: source.citation for key, source in file.source.items()}
    return tuple(
        BuiltinSupplement(
            slug=r.slug,
            name=r.name,
            aliases=tuple(r.aliases),
            unit=r.unit,
            salt=r.salt,
            element=r.element,
            elemental_fraction=r.elemental_fraction,
            salt_mg_per_unit=r.salt_mg_per_unit,
            amounts=NutrientAmounts.of(
                magnesium_mg=r.magnesium_mg,
                potassium_mg=r.potassium_mg,
                calcium_mg=r.calcium_mg,
                sodium_mg=r.sodium_mg,
                caffeine_mg=0,
            ),
            volume_ml_per_unit=r.volume_ml_per_unit,
            fraction_sources=tuple(cite[k] for k in r.fraction_sources),
            strength_sources=tuple(cite[k] for k in r.strength_sources),
        )
        for r in file.supplement
    )


BUILTINS: tuple[BuiltinSupplement, ...] = load()
"""Every built-in supplement, in the order of the file."""

_BY_REF = {b.ref: b for b in BUILTINS}
_BY_NAME = {name: b for b in BUILTINS for name in b.names}


def list_names() -> str:
    """The built-ins' names, for messages: "Magnesium oxide, Magnesium citrate, …"."""
    return ", ".join(b.name for b in BUILTINS)


def is_builtin_ref(food_id: str | None) -> bool:
    """Whether ``food_id`` names a built-in supplement (known or not)."""
    return food_id is not None and food_id.startswith(REF_PREFIX)


def get_builtin(ref: str) -> BuiltinSupplement:
    """The built-in named by its id ("supplement:builtin-magnesium-citrate").

    Raises:
        NotFound: no built-in has this id (the message lists them).
    """
    found = _BY_REF.get(ref)
    if found is None:
        raise NotFound(
            f"There is no built-in supplement {ref!r}. The built-in ones are {list_names()}; "
            "their ids are listed by GET /api/v1/supplements/builtin and `nightcramps supplement "
            "list --builtin`. For another product, add it with its label amounts "
            "(nightcramps supplement add).",
            fields={"food_id": "unknown built-in supplement"},
        )
    return found


def find_builtin(name: str) -> BuiltinSupplement | None:
    """The built-in typed as ``name`` (its name or an alias, any case), or None."""
    return _BY_NAME.get(_normal(name))


def to_public(builtin: BuiltinSupplement) -> BuiltinSupplementPublic:
    """A built-in as the API and ``--json`` show it."""
    return BuiltinSupplementPublic(
        id=builtin.ref,
        name=builtin.name,
        aliases=list(builtin.aliases),
        unit_name=builtin.unit,
        salt=builtin.salt,
        element=builtin.element,
        elemental_fraction=builtin.elemental_fraction,
        salt_mg_per_unit=builtin.salt_mg_per_unit,
        volume_ml_per_unit=builtin.volume_ml_per_unit,
        nutrients=builtin.amounts.as_dict(),
        fraction_sources=list(builtin.fraction_sources),
        strength_sources=list(builtin.strength_sources),
    )


def list_public() -> BuiltinSupplementsPublic:
    """Every built-in, as GET /api/v1/supplements/builtin answers."""
    data = [to_public(b) for b in BUILTINS]
    return BuiltinSupplementsPublic(data=data, count=len(data))


def own_food(builtin: BuiltinSupplement) -> OwnFood:
    """A built-in as the portion arithmetic reads a person's supplement (``portions.OwnFood``)."""
    return OwnFood(
        ref=builtin.ref,
        name=builtin.name,
        kind="supplement",
        basis="per_unit",
        serving_name=builtin.unit,
        serving_g=None,
        serving_ml=builtin.volume_ml_per_unit,
        nutrients=builtin.amounts,
    )


def own_foods() -> list[OwnFood]:
    """Every built-in under each of its names (an alias is matched as a name is), as
    ``portions.match_own`` reads them; the entry is named by the built-in's own name."""
    found = []
    for builtin in BUILTINS:
        item = own_food(builtin)
        found += [item] + [_aliased(item, alias) for alias in builtin.aliases]
    return found


def _aliased(item: OwnFood, alias: str) -> OwnFood:
    """``item`` under ``alias``, for ``match_own`` to match (it reads ``name``); the entry is
    then named by the built-in's own name (:func:`canonical`)."""
    return OwnFood(
        ref=item.ref,
        name=alias,
        kind=item.kind,
        basis=item.basis,
        serving_name=item.serving_name,
        serving_g=item.serving_g,
        serving_ml=item.serving_ml,
        nutrients=item.nutrients,
    )


def canonical(item: OwnFood) -> OwnFood:
    """The built-in ``item`` under its own name (an alias matched gives the built-in)."""
    return own_food(_BY_REF[item.ref]) if item.ref in _BY_REF else item
