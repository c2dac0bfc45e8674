"""The person's own foods and supplements: one catalogue mechanism behind the service, the API
and the CLI; and the pieces the pages' shells now call (type-ahead, meals to repeat, kinds)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.errors import NotFound
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import catalog, shortcuts, typeahead
from nightcramps.nutrition.kinds import KINDS, Kind
from nightcramps.nutrition.models import CustomFood, Supplement
from nightcramps.owner import Owner
from nightcramps.storage import owned
from tests.nutrition.factories import log, make_custom_food, make_magnesium_tablet

API = "/api/v1"


# ---------------------------------------------------------------------------- the lists


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("custom-foods", {"name": "Oat bar", "nutrients": {"potassium_mg": 150}}),
        ("supplements", {"name": "Magnesium citrate", "nutrients": {"magnesium_mg": 200}}),
    ],
)
def test_catalogue_lists_answer_data_and_count(
    client: TestClient, path: str, body: dict[str, Any]
) -> None:
    """Both lists answer {"data": [...], "count": n} as every other list does, empty or not,
    and each item is what GET of its id answers."""
    assert client.get(f"{API}/{path}").json() == {"data": [], "count": 0}
    made = client.post(f"{API}/{path}", json=body)
    assert made.status_code == 201, made.text
    listed = client.get(f"{API}/{path}").json()
    assert listed["count"] == 1
    assert listed["data"] == [client.get(f"{API}/{path}/{made.json()['id']}").json()]


def test_the_documented_list_schemas_are_data_and_count(client: TestClient) -> None:
    """/openapi.json documents the two lists with the {data, count} envelope."""
    document = client.get("/openapi.json").json()
    for path, item in [("custom-foods", "CustomFoodPublic"), ("supplements", "SupplementPublic")]:
        answer = document["paths"][f"{API}/{path}"]["get"]["responses"]["200"]
        ref = answer["content"]["application/json"]["schema"]["$ref"]
        schema = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert schema["required"] == ["data", "count"]
        assert schema["properties"]["data"]["items"]["$ref"].endswith(f"/{item}")


def test_the_cli_lists_stay_plain_lists_of_the_api_items(
    cli: Callable[..., Any], client: TestClient
) -> None:
    """`supplement list --json` and `custom-food list --json` still print a bare list, whose
    items are the API's items."""
    client.post(f"{API}/supplements", json={"name": "Zinc", "nutrients": {"magnesium_mg": 0}})
    client.post(f"{API}/custom-foods", json={"name": "Oat bar"})
    for group, path in [("supplement", "supplements"), ("custom-food", "custom-foods")]:
        shown = cli(group, "list", "--json")
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.output) == client.get(f"{API}/{path}").json()["data"]


# ---------------------------------------------------------------------------- one path for both


def test_a_supplement_number_does_not_find_a_food(session: Session, owner: Owner) -> None:
    """Each catalogue finds only its own rows: a supplement's number is no food, and the
    other way round, each said in its own words."""
    tablet = make_magnesium_tablet(session, owner)
    with pytest.raises(NotFound) as as_food:
        catalog.get_own(catalog.CUSTOM_FOODS, session=session, owner=owner, row_id=tablet.id)
    assert str(as_food.value) == (
        f"You have no food number {tablet.id}; see your foods with custom-food list."
    )
    assert catalog.get_own(catalog.SUPPLEMENTS, session=session, owner=owner, row_id=tablet.id)
    session.delete(tablet)
    food = make_custom_food(session, owner)
    with pytest.raises(NotFound) as as_supplement:
        catalog.get_own(catalog.SUPPLEMENTS, session=session, owner=owner, row_id=food.id)
    assert str(as_supplement.value) == (
        f"You have no supplement number {food.id}; see yours with supplement list."
    )


def test_an_impossible_number_is_said_without_the_hint(session: Session, owner: Owner) -> None:
    """0 or a number beyond any row is not found, with the short message it always had."""
    for row_id, noun in [(0, "food"), (owned.MAX_ID + 1, "food")]:
        with pytest.raises(NotFound) as missing:
            catalog.get_own(catalog.CUSTOM_FOODS, session=session, owner=owner, row_id=row_id)
        assert str(missing.value) == f"You have no {noun} number {row_id}."
    with pytest.raises(NotFound, match=r"^You have no supplement number -1\.$"):
        catalog.get_supplement(session=session, owner=owner, supplement_id=-1)


def test_removing_one_kind_leaves_the_other(client: TestClient) -> None:
    """DELETE of a supplement's number under /custom-foods is a 404 and removes nothing."""
    pill = client.post(f"{API}/supplements", json={"name": "Magnesium citrate"}).json()
    gone = client.delete(f"{API}/custom-foods/{pill['id']}")
    assert gone.status_code == 404
    assert gone.json()["detail"].startswith(f"You have no food number {pill['id']};")
    assert client.get(f"{API}/supplements").json()["count"] == 1
    assert client.delete(f"{API}/supplements/{pill['id']}").status_code == 204
    assert client.get(f"{API}/supplements/{pill['id']}").status_code == 404


def test_cli_delete_of_the_wrong_kind_fails_and_keeps_it(cli: Callable[..., Any]) -> None:
    """`custom-food delete` with a supplement's number exits 1 with how to see your foods."""
    added = cli("supplement", "add", "Magnesium citrate", "--magnesium-mg", "200", "--json")
    pill_id = str(json.loads(added.output)["id"])
    wrong = cli("custom-food", "delete", pill_id, "--yes")
    assert wrong.exit_code == 1 and "custom-food list" in wrong.output
    right = cli("supplement", "delete", pill_id, "--yes")
    assert right.output.strip() == f"Removed supplement {pill_id}; doses already logged stay."
    assert json.loads(cli("supplement", "list", "--json").output) == []


def test_removed_items_are_kept_not_purged(session: Session, owner: Owner, now: datetime) -> None:
    """A removed food or supplement is hidden but its row stays: the purge of old deletions
    leaves it (entries logged with it name it by number)."""
    food, tablet = make_custom_food(session, owner), make_magnesium_tablet(session, owner)
    catalog.delete_own(catalog.CUSTOM_FOODS, session=session, owner=owner, row_id=food.id, now=now)
    catalog.delete_own(catalog.SUPPLEMENTS, session=session, owner=owner, row_id=tablet.id, now=now)
    assert catalog.list_own(catalog.CUSTOM_FOODS, session=session, owner=owner) == []
    owned.purge_deleted(session, older_than=timedelta(minutes=10), now=now + timedelta(days=1))
    assert session.scalars(select(CustomFood.id)).all() == [food.id]
    assert session.scalars(select(Supplement.id)).all() == [tablet.id]


# ---------------------------------------------------------------------------- what the pages call


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("2 slices whole wheat bread", "whole wheat bread"),
        ("1/2 cup Spinach", "spinach"),
        ("a glass of milk", "milk"),
        ("oat", "oat"),
        ("2 tbsp chia seeds", "chia seeds"),
    ],
)
def test_type_ahead_leaves_out_the_amount(
    session: Session, owner: Owner, phrase: str, text: str
) -> None:
    """The amount typed first is not searched for; the name is, in lower case (the database's
    matches are those of the name alone)."""
    found = typeahead.suggest(session=session, owner=owner, phrase=phrase)
    assert found.foods == foods_service.search(text, limit=8)


def test_type_ahead_offers_own_items_first(session: Session, owner: Owner) -> None:
    """Own supplements then own foods whose names contain the words, then database foods;
    fewer than two letters suggest nothing."""
    make_magnesium_tablet(session, owner, name="Magnesium oat drink")
    food = make_custom_food(session, owner, name="Oat bar")
    found = typeahead.suggest(session=session, owner=owner, phrase="2 oat")
    assert [(m.name, m.id.split(":")[0]) for m in found.own] == [
        ("Magnesium oat drink", "supplement"),
        ("Oat bar", "custom"),
    ]
    assert found.own[1].id == f"custom:{food.id}"
    assert 0 < len(found.foods) <= 8
    assert typeahead.suggest(session=session, owner=owner, phrase="1 o") == typeahead.Suggestions(
        own=[], foods=[]
    )


def test_meals_to_repeat_count_the_day_before(
    session: Session, owner: Owner, now: datetime
) -> None:
    """The day before's meals, in meal order, each with its number of entries."""
    log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 23, 19, 0))
    log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 23, 8, 0))
    log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 23, 8, 30))
    meals = shortcuts.meals_to_repeat(session=session, owner=owner, day=date(2026, 11, 24))
    assert meals == [("breakfast", 2), ("dinner", 1)]
    assert shortcuts.meals_to_repeat(session=session, owner=owner, day=date(2026, 11, 23)) == []


def test_a_missing_favourite_reads_as_not_found(session: Session, owner: Owner) -> None:
    """A favourite number that is not the person's is not found, in the usual words."""
    with pytest.raises(NotFound, match=r"^There is no favourite number 0\.$"):
        shortcuts.log_favourite(session=session, owner=owner, favourite_id=0)
    with pytest.raises(NotFound, match=r"^There is no favourite number 5\.$"):
        shortcuts.remove_favourite(session=session, owner=owner, favourite_id=5)


def test_every_kind_is_declared_once() -> None:
    """The kinds table names exactly the kinds an entry can have, and only supplements count
    toward the supplement limit."""
    assert list(KINDS) == list(get_args(Kind))
    assert all(kind.name == name for name, kind in KINDS.items())
    assert [name for name, kind in KINDS.items() if kind.supplemental] == ["supplement"]
