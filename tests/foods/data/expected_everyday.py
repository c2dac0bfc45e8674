"""Fill in the expected nutrients of tests/foods/data/everyday.csv from the raw USDA files.

Independent of NightCramps' code on purpose: it reads the gzipped CSVs in
``../shared/data/usda-fdc/`` (FNDDS 2021-2023 and SR28; see that folder's README.md) with the
standard library only. The phrase, the food, the grams and their basis were written by hand
(README.md next to this file says how); this script only multiplies USDA's values per 100 g:
expected = per_100g × grams / 100, rounded to 0.01. A food id is ``fndds:<8-digit food code>``
or ``usda:<5-digit SR28 NDB number>``. A nutrient the source has no value for is left empty
(unknown, never 0). The food name is rewritten from the source, so a typo in the hand-written
name cannot survive. Run it again whenever the hand-written columns change:

    python tests/foods/data/expected_everyday.py [--csv path/to/set.csv] [path/to/usda-fdc]

It rewrites the CSV in place (same rows, same order, same hand-written columns); the output
depends only on the CSV and the USDA files. ``--csv`` fills another set made the same way
(phrases.csv); only the columns of FIELDS that the CSV's header has are written.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_FILE = HERE / "everyday.csv"
USDA_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "usda-fdc"
"""/work/main/tests/foods/data/ → /work/shared/data/usda-fdc (the repository is /work/main)."""

FIELDS = (
    "phrase",
    "food_id",
    "food_name",
    "grams",
    "grams_basis",
    "energy_kcal",
    "water_g",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "alcohol_g",
    "caffeine_mg",
    "note",
)

# column of this CSV → (FNDDS nutrient-values column, SR28 Nutr_No); the pairing is the table in
# ../shared/data/usda-fdc/README.md ("Column layouts").
NUTRIENTS = {
    "energy_kcal": ("Energy (kcal)", "208"),
    "water_g": ("Water (g)", "255"),
    "magnesium_mg": ("Magnesium (mg)", "304"),
    "potassium_mg": ("Potassium (mg)", "306"),
    "calcium_mg": ("Calcium (mg)", "301"),
    "sodium_mg": ("Sodium (mg)", "307"),
    "alcohol_g": ("Alcohol (g)", "221"),
    "caffeine_mg": ("Caffeine (mg)", "262"),
}

PerHundred = dict[str, float | None]


def read_gz(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def fndds_values(usda: Path, codes: set[str]) -> dict[str, tuple[str, PerHundred]]:
    """Food code → (main description, values per 100 g) for the FNDDS foods asked for."""
    found: dict[str, tuple[str, PerHundred]] = {}
    for row in read_gz(usda / "fndds-2021-2023" / "fndds_nutrient_values.csv.gz"):
        code = row["Food code"]
        if code in codes:
            values: PerHundred = {}
            for column, (source, _) in NUTRIENTS.items():
                cell = row[source].strip()
                values[column] = float(cell) if cell else None
            found[code] = (row["Main food description"], values)
    return found


def sr28_values(usda: Path, numbers: set[str]) -> dict[str, tuple[str, PerHundred]]:
    """NDB number → (long description, values per 100 g) for the SR28 foods asked for."""
    wanted = {number: column for column, (_, number) in NUTRIENTS.items()}
    values: dict[str, PerHundred] = {n: dict.fromkeys(NUTRIENTS) for n in numbers}
    for row in read_gz(usda / "sr28-2016" / "NUT_DATA.csv.gz"):
        if row["NDB_No"] in numbers and row["Nutr_No"] in wanted:
            values[row["NDB_No"]][wanted[row["Nutr_No"]]] = float(row["Nutr_Val"])
    names = {
        row["NDB_No"]: row["Long_Desc"]
        for row in read_gz(usda / "sr28-2016" / "FOOD_DES.csv.gz")
        if row["NDB_No"] in numbers
    }
    return {n: (names[n], values[n]) for n in numbers}


def amount(per_100g: float | None, grams: float) -> str:
    if per_100g is None:
        return ""
    return f"{per_100g * grams / 100:.2f}"


def fill(rows: list[dict[str, str]], usda: Path) -> list[dict[str, str]]:
    """The rows with food_name and the nutrient columns recomputed from the USDA files."""
    ids = [row["food_id"].split(":", 1) for row in rows]
    fndds = fndds_values(usda, {key for source, key in ids if source == "fndds"})
    sr28 = sr28_values(usda, {key for source, key in ids if source == "usda"})
    filled = []
    for row, (source, key) in zip(rows, ids, strict=True):
        table = {"fndds": fndds, "usda": sr28}.get(source)
        if table is None or key not in table:
            raise SystemExit(f"{row['phrase']!r}: no food {row['food_id']!r} in the USDA files")
        name, per_100g = table[key]
        grams = float(row["grams"])
        out = {field: row.get(field, "") for field in FIELDS}
        out["food_name"] = name
        for column in NUTRIENTS:
            out[column] = amount(per_100g[column], grams)
        filled.append(out)
    return filled


def main(argv: list[str]) -> None:
    args = argv[1:]
    csv_file = CSV_FILE
    if args[:1] == ["--csv"]:
        csv_file, args = Path(args[1]), args[2:]
    usda = Path(args[0]) if args else USDA_DIR
    with csv_file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = [field for field in FIELDS if field in (reader.fieldnames or ())]
    filled = fill(rows, usda)
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(filled)
    print(f"{csv_file.name}: {len(filled)} rows filled from {usda}")  # noqa: T201


if __name__ == "__main__":
    main(sys.argv)
