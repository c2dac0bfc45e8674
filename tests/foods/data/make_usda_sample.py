"""Write tests/foods/data/usda-fdc-sample/: a few real foods cut from the USDA tables.

    .venv/bin/python tests/foods/data/make_usda_sample.py [../shared/data/usda-fdc]

Every row is copied unchanged (same columns, same text) from the FNDDS 2021-2023 and SR28 CSV
files the food database is built from, for the foods below only; the gzip files are written
without a timestamp, so the sample is the same bytes each time.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "usda-fdc-sample"
DEFAULT_SOURCES = Path(__file__).resolve().parents[4] / "shared/data/usda-fdc"

FNDDS_CODES = {
    "11000000",  # Milk, human: no nutrient values, a 0 g portion
    "11100000",  # Milk, NFS: "Guideline amount" portions
    "11113000",  # Milk, fat free (skim)
    "11432000",  # Yogurt, low fat milk, fruit: "1 6 oz container", synonyms
    "14108020",  # Cheese, Parmesan, hard: "5 oz package"
    "58106516",  # Pizza with pepperoni, thick crust: "1/2 bagel", "1 surface inch"
    "63107010",  # Banana, raw
    "92101900",  # Coffee, Latte
    "93401010",  # Wine, red
}
SR28_NUMBERS = {
    "01033",  # Cheese, parmesan, hard: "5 package (5 oz)", settled per one
    "01117",  # Yogurt, plain, low fat: "0.5 container (4 oz)"
    "09040",  # Bananas, raw
    "14158",  # Wine, table, red, Gamay: no magnesium row
    "14209",  # Coffee, brewed
    "15037",  # Halibut: "3 oz"
}
TABLES = {
    "fndds-2021-2023/foods_and_beverages.csv.gz": ("Food code", FNDDS_CODES),
    "fndds-2021-2023/fndds_nutrient_values.csv.gz": ("Food code", FNDDS_CODES),
    "fndds-2021-2023/portions_and_weights.csv.gz": ("Food code", FNDDS_CODES),
    "sr28-2016/FOOD_DES.csv.gz": ("NDB_No", SR28_NUMBERS),
    "sr28-2016/NUT_DATA.csv.gz": ("NDB_No", SR28_NUMBERS),
    "sr28-2016/WEIGHT.csv.gz": ("NDB_No", SR28_NUMBERS),
    "sr28-2016/FD_GROUP.csv.gz": ("FdGrp_Cd", None),
}


def cut(source: Path, key: str, keep: set[str] | None) -> bytes:
    """The header and the rows of ``source`` whose ``key`` is in ``keep`` (all when None)."""
    out = io.StringIO()
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        column = header.index(key)
        writer.writerows(row for row in reader if keep is None or row[column] in keep)
    return out.getvalue().encode("utf-8")


def main(argv: list[str]) -> int:
    sources = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCES
    for name, (key, keep) in TABLES.items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gzip.compress(cut(sources / name, key, keep), mtime=0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
