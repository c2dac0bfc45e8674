"""The built-in supplements: their figures and sources, and logging them by name without setting
them up, through the service, the CLI, the API and the day page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.content import ContentError
from nightcramps.errors import Invalid
from nightcramps.nutrition import builtin_supplements
from nightcramps.nutrition import service as nutrition_service
from nightcramps.owner import Owner
from tests.nutrition.factories import log, make_magnesium_tablet, set_profile

Cli = Callable[..., Any]
DAY = date(2026, 11, 23)
AT = datetime(2026, 11, 23, 8, 0)

ATOMIC_WEIGHT = {"Mg": 24.305, "K": 39.098, "Ca": 40.078, "O": 15.999, "C": 12.011, "H": 1.008}
ATOMIC_WEIGHT |= {"N": 14.007, "Cl": 35.45}
"""IUPAC 2021 abridged standard atomic weights, to check the file's fractions independently."""

CITRATE = {"C": 6, "H": 5, "O": 7}
WATER = {"H": 2, "O": 1}
FORMULAS: dict[str, tuple[str, int, list[tuple[dict[str, int], int]]]] = {
    "magnesium-oxide": ("Mg", 1, [({"O": 1}, 1)]),
    "magnesium-citrate": ("Mg", 3, [(CITRATE, 2)]),
    "magnesium-glycinate": ("Mg", 1, [({"C": 2, "H": 4, "N": 1, "O": 2}, 2)]),
    "magnesium-chloride": ("Mg", 1, [({"Cl": 1}, 2), (WATER, 6)]),
    "potassium-chloride": ("K", 1, [({"Cl": 1}, 1)]),
    "potassium-citrate": ("K", 3, [(CITRATE, 1), (WATER, 1)]),
    "calcium-carbonate": ("Ca", 1, [({"C": 1, "O": 3}, 1)]),
    "calcium-citrate": ("Ca", 3, [(CITRATE, 2), (WATER, 4)]),
}
"""Each salt as (element, atoms of it, [(group, count)]), as the file's ``salt`` writes it."""


def _fraction(slug: str) -> float:
    element, atoms, groups = FORMULAS[slug]
    metal = ATOMIC_WEIGHT[element] * atoms
    rest = sum(count * sum(ATOMIC_WEIGHT[a] * n for a, n in g.items()) for g, count in groups)
    return metal / (metal + rest)


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def _csrf(client: TestClient, url: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert match
    return match.group(1)


# ---------------------------------------------------------------------------- the file


def test_the_catalogue_has_the_common_electrolyte_supplements() -> None:
    """Magnesium oxide, citrate, glycinate, chloride; potassium chloride and citrate; calcium
    carbonate and citrate; an electrolyte drink tablet, each with a stable id that fits."""
    slugs = [b.slug for b in builtin_supplements.BUILTINS]
    assert slugs == [*FORMULAS, "electrolyte-tablet"]
    for builtin in builtin_supplements.BUILTINS:
        assert builtin.ref == f"supplement:builtin-{builtin.slug}"
        assert len(builtin.ref) <= 40  # IntakeEntry.food_ref


@pytest.mark.parametrize("slug", list(FORMULAS))
def test_elemental_fractions_match_the_atomic_weights(slug: str) -> None:
    """Each salt's elemental fraction is its formula's (within 0.5%), and the amount per unit
    is salt weight times fraction (within 2%), cited to IUPAC and a label or ODS."""
    builtin = next(b for b in builtin_supplements.BUILTINS if b.slug == slug)
    assert builtin.elemental_fraction is not None and builtin.salt_mg_per_unit is not None
    assert builtin.elemental_fraction == pytest.approx(_fraction(slug), rel=0.005)
    amount = builtin.amounts.get(f"{builtin.element}_mg")
    assert amount == pytest.approx(builtin.salt_mg_per_unit * builtin.elemental_fraction, rel=0.02)
    assert any("IUPAC" in s and "2022" in s for s in builtin.fraction_sources)
    assert builtin.strength_sources and all(
        re.search(r"20\d\d", s) for s in builtin.strength_sources
    )


def test_the_published_percentages_agree() -> None:
    """The figures the sources state: MgO ~60%, Mg citrate ~16%, Mg chloride ~12%, calcium
    carbonate 40% and citrate 21% (ODS), and potassium-only products at most 99 mg (ODS)."""
    by_slug = {b.slug: b for b in builtin_supplements.BUILTINS}
    assert round(100 * (by_slug["magnesium-oxide"].elemental_fraction or 0)) == 60
    assert round(100 * (by_slug["magnesium-citrate"].elemental_fraction or 0)) == 16
    assert round(100 * (by_slug["magnesium-chloride"].elemental_fraction or 0)) == 12
    assert round(100 * (by_slug["calcium-carbonate"].elemental_fraction or 0)) == 40
    assert round(100 * (by_slug["calcium-citrate"].elemental_fraction or 0)) == 21
    assert by_slug["potassium-chloride"].amounts.potassium_mg == 99
    assert by_slug["potassium-citrate"].amounts.potassium_mg == 99


def _write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "builtin.toml"
    path.write_text(
        '[source.a]\ncitation = "A publication, Table 1, 2024 (long enough)"\n\n' + extra,
        encoding="utf-8",
    )
    return path


def test_a_figure_that_disagrees_with_its_salt_stops_the_load_at_its_line(tmp_path: Path) -> None:
    """An amount that is not salt x fraction is refused with the file, the line and the fix."""
    path = _write(
        tmp_path,
        '[[supplement]]\nslug = "magnesium-oxide"\nname = "Magnesium oxide"\nunit = "tablet"\n'
        'salt = "MgO"\nelement = "magnesium"\nelemental_fraction = 0.603\n'
        'fraction_sources = ["a"]\nsalt_mg_per_unit = 400\nmagnesium_mg = 400\n'
        'strength_sources = ["a"]\n',
    )
    with pytest.raises(ContentError) as raised:
        builtin_supplements.load(path)
    assert f"{path}:" in str(raised.value)
    assert "magnesium_mg = 400 but salt_mg_per_unit x elemental_fraction = 241.2" in str(
        raised.value
    )


def test_an_unknown_source_key_stops_the_load(tmp_path: Path) -> None:
    """A supplement citing a source the file does not have names the key and how to fix it."""
    path = _write(
        tmp_path,
        '[[supplement]]\nslug = "electrolyte-tablet"\nname = "Electrolyte tablet"\n'
        'unit = "tablet"\nsalt = "mixed salts"\nsodium_mg = 300\nstrength_sources = ["b"]\n',
    )
    with pytest.raises(ContentError, match=r"cites 'b', which has no \[source.b\] table"):
        builtin_supplements.load(path)


# ---------------------------------------------------------------------------- the service


@pytest.mark.parametrize(
    "phrase",
    ["2 tablets magnesium citrate", "magnesium citrate 2 tablets", "2 Magnesium Citrate"],
)
def test_a_builtin_is_logged_by_name_without_setting_it_up(
    session: Session, owner: Owner, now: datetime, phrase: str
) -> None:
    """With no supplement of their own, a person logs magnesium citrate by name: a supplement
    dose of 2 x 100 mg, under the built-in's stable id, amount before or after the name."""
    entry = log(session, owner, phrase, now, at=AT)
    assert (entry.kind, entry.food_ref, entry.food_name) == (
        "supplement",
        "supplement:builtin-magnesium-citrate",
        "Magnesium citrate",
    )
    assert (float(entry.quantity or 0), entry.unit, entry.description) == (
        2,
        "tablet",
        "2 tablets Magnesium citrate",
    )
    assert entry.nutrients["magnesium_mg"] == 200 and entry.nutrients["calcium_mg"] == 0


def test_an_alias_logs_the_builtin_under_its_own_name(
    session: Session, owner: Owner, now: datetime
) -> None:
    """ "1 tablet magnesium bisglycinate" is the built-in magnesium glycinate."""
    entry = log(session, owner, "1 tablet magnesium bisglycinate", now, at=AT)
    assert (entry.food_ref, entry.food_name) == (
        "supplement:builtin-magnesium-glycinate",
        "Magnesium glycinate",
    )


def test_the_persons_own_supplement_of_the_same_name_wins(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Their own "Magnesium citrate" label (200 mg) is used, not the built-in 100 mg."""
    own = make_magnesium_tablet(session, owner)
    entry = log(session, owner, "1 tablet magnesium citrate", now, at=AT)
    assert entry.food_ref == f"supplement:{own.id}"
    assert entry.nutrients["magnesium_mg"] == 200


def test_a_builtin_in_the_wrong_unit_says_how_to_give_the_dose(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Magnesium oxide is counted in tablets: "2 scoops" is refused with the way to write it."""
    with pytest.raises(Invalid, match=r"counted in tablets.*'2 tablets Magnesium oxide'"):
        log(session, owner, "2 scoops magnesium oxide", now, at=AT)


def test_builtin_magnesium_counts_toward_the_supplemental_limit(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Two tablets of magnesium oxide (482 mg) are above the 350 mg supplemental upper level:
    the day warns, and the warning says to talk to a doctor."""
    set_profile(session, owner, birth_year=1960, sex="female")
    log(session, owner, "2 tablets magnesium oxide", now, at=AT)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.supplemental_magnesium_mg == 482
    [warning] = day.warnings
    assert warning.code == "supplemental_magnesium_above_limit"
    assert "350 mg" in warning.message and "doctor" in warning.message


def test_builtin_magnesium_with_kidney_disease_keeps_the_caution(
    session: Session, owner: Owner, now: datetime
) -> None:
    """With kidney disease in the profile, one built-in 100 mg tablet already warns: ask the
    kidney doctor."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    accounts_service.update_profile(
        session=session,
        person=person,
        profile_in=ProfileUpdate(birth_year=1956, sex="female", kidney_disease="stage_3"),
        now=now,
    )
    log(session, owner, "1 tablet magnesium citrate", now, at=AT)
    warnings = nutrition_service.day_warnings(session=session, owner=owner, day=DAY, now=now)
    assert [w.code for w in warnings] == ["supplemental_magnesium_kidney_disease"]
    assert "kidney doctor" in warnings[0].message


def test_an_electrolyte_tablet_counts_its_water_and_minerals(
    session: Session, owner: Owner, now: datetime
) -> None:
    """One electrolyte drink tablet is 473 ml of fluid, 300 mg sodium, and 25 mg of magnesium
    from a supplement."""
    log(session, owner, "1 electrolyte drink tablet", now, at=AT)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.water.fluids_ml == 473
    assert {n.nutrient: n.amount for n in day.nutrients}["sodium_mg"] == 300
    assert day.supplemental_magnesium_mg == 25


# ---------------------------------------------------------------------------- the CLI


def test_cli_logs_a_builtin_by_name_and_lists_them(cli: Cli) -> None:
    """`supplement log "magnesium citrate" --dose 2` logs the built-in with no setup; `supplement
    list --builtin --json` lists the nine with their ids and sources."""
    logged = json.loads(
        _ok(cli("supplement", "log", "magnesium citrate", "--dose", "2", "--json")).stdout
    )
    assert logged["kind"] == "supplement"
    assert logged["food"] == {
        "id": "supplement:builtin-magnesium-citrate",
        "name": "Magnesium citrate",
    }
    assert logged["nutrients"]["magnesium_mg"] == 200
    listed = json.loads(_ok(cli("supplement", "list", "--builtin", "--json")).stdout)
    assert len(listed) == 9
    assert listed[0]["id"] == "supplement:builtin-magnesium-oxide"
    assert listed[0]["elemental_fraction"] == 0.603 and listed[0]["strength_sources"]
    table = _ok(cli("supplement", "list", "--builtin")).stdout
    assert "supplement:builtin-potassium-chloride" in table and "99" in table


def test_cli_eat_with_a_builtin_name_logs_a_supplement_dose(cli: Cli) -> None:
    """`eat "2 tablets magnesium glycinate"` is a supplement dose, not a food."""
    logged = json.loads(_ok(cli("eat", "2 tablets magnesium glycinate", "--json")).stdout)
    assert logged["kind"] == "supplement" and logged["nutrients"]["magnesium_mg"] == 200


def test_cli_unknown_supplement_name_says_how_to_fix_it(cli: Cli) -> None:
    """A name that is neither the person's nor built in fails, listing the built-ins and how to
    add a product from its label."""
    result = cli("supplement", "log", "magnesium citrat")
    assert result.exit_code != 0
    text = " ".join(result.output.split())
    assert "You have no supplement called 'magnesium citrat' (yours: none yet)" in text
    assert "Magnesium citrate" in text and "nightcramps supplement add" in text


def test_cli_own_supplement_wins_over_the_builtin(cli: Cli) -> None:
    """After `supplement add "Magnesium citrate" --magnesium-mg 150`, logging it by name uses
    the person's label."""
    _ok(cli("supplement", "add", "Magnesium citrate", "--magnesium-mg", "150"))
    logged = json.loads(_ok(cli("supplement", "log", "Magnesium Citrate", "--json")).stdout)
    assert logged["food"]["id"].startswith("supplement:")  # the person's own, not "builtin:"
    assert logged["food"]["name"] == "Magnesium citrate"
    assert logged["nutrients"]["magnesium_mg"] == 150


# ---------------------------------------------------------------------------- the API and pages


def test_api_lists_builtins_and_logs_one_by_id(client: TestClient) -> None:
    """GET /supplements/builtin lists them; POST /intake with the id and a quantity logs a dose
    (potassium chloride: 2 x 99 mg), and its GET body is accepted back."""
    listed = client.get("/api/v1/supplements/builtin")
    assert listed.status_code == 200
    assert listed.json()["count"] == 9
    body = {"food": {"id": "supplement:builtin-potassium-chloride"}, "quantity": 2, "at": str(AT)}
    answer = client.post("/api/v1/intake", json=body)
    assert answer.status_code == 201, answer.text
    logged = answer.json()
    assert logged["kind"] == "supplement" and logged["nutrients"]["potassium_mg"] == 198
    again = client.post("/api/v1/intake", json={k: logged[k] for k in ("food", "quantity", "unit")})
    assert again.status_code == 201, again.text


def test_api_logs_a_builtin_from_a_description(client: TestClient) -> None:
    """{"description": "magnesium oxide 1 tablet"} is the built-in, counted as supplemental."""
    answer = client.post(
        "/api/v1/intake", json={"description": "magnesium oxide 1 tablet", "at": str(AT)}
    )
    assert answer.status_code == 201, answer.text
    day = client.get(f"/api/v1/days/{DAY}").json()
    assert day["supplemental_magnesium_mg"] == 241


def test_api_unknown_builtin_id_says_how_to_fix_it(client: TestClient) -> None:
    """An id that is no built-in is a 404 naming the built-ins and where to list them."""
    answer = client.post(
        "/api/v1/intake", json={"food": {"id": "supplement:builtin-magnesium-nitrate"}}
    )
    assert answer.status_code == 404
    detail = answer.json()["detail"]
    assert "no built-in supplement 'supplement:builtin-magnesium-nitrate'" in detail
    assert "GET /api/v1/supplements/builtin" in detail and "supplement add" in detail


def test_api_builtin_as_a_drink_is_refused(client: TestClient) -> None:
    """A built-in is a supplement: sent as kind "drink" it is a 422 saying so."""
    answer = client.post(
        "/api/v1/intake",
        json={"food": {"id": "supplement:builtin-magnesium-oxide"}, "kind": "drink"},
    )
    assert answer.status_code == 422
    assert "logged as kind 'supplement'" in answer.text


def test_page_suggests_builtins_and_logs_one_from_its_picker(client: TestClient) -> None:
    """Typing "magnesium" suggests the built-ins, marked built in; the picker says it is a
    typical strength and to talk to a doctor; its form logs the dose."""
    fragment = client.get("/intake/suggest", params={"phrase": "magnesium", "day": str(DAY)})
    assert "Magnesium citrate" in fragment.text and "built in</span>" in fragment.text
    assert "food_id=supplement%3Abuiltin-magnesium-citrate" in fragment.text
    picker = client.get(
        "/intake/pick", params={"food_id": "supplement:builtin-magnesium-citrate", "day": str(DAY)}
    )
    assert "magnesium 100 mg per tablet" in picker.text
    assert "only after talking to a doctor" in picker.text
    token = _csrf(client, f"/day/{DAY}")
    posted = client.post(
        f"/day/{DAY}/entries",
        data={
            "csrf_token": token,
            "food_id": "supplement:builtin-magnesium-citrate",
            "quantity": "3",
            "time": "08:00",
        },
    )
    assert posted.status_code == 200 and "Logged 3 tablets Magnesium citrate" in posted.text
    day = client.get(f"/api/v1/days/{DAY}").json()
    assert day["supplemental_magnesium_mg"] == 300


def test_page_hint_example_works_on_a_new_install(client: TestClient) -> None:
    """The form's own example, "2 tablets magnesium citrate", logs on an empty database."""
    token = _csrf(client, f"/day/{DAY}")
    page = client.get(f"/day/{DAY}").text
    assert '"2 tablets magnesium citrate"' in page
    posted = client.post(
        f"/day/{DAY}/entries",
        data={"csrf_token": token, "phrase": "2 tablets magnesium citrate", "time": "08:00"},
        follow_redirects=True,
    )
    assert posted.status_code == 200
    assert "Logged 2 tablets Magnesium citrate" in posted.text
    my_foods = client.get("/my-foods").text
    assert "Take supplements only after talking to a doctor" in my_foods
    assert "Magnesium oxide: magnesium 241 mg" in my_foods
