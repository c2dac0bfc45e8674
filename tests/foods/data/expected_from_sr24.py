"""Fill in the expected nutrients of tests/foods/data/phrases.csv straight from USDA SR24.

Independent of NightCramps' code on purpose: it reads the raw XML in usda_sr24.jar with the
standard library only. The food and the grams of each phrase were chosen by hand
(``phrases_in.csv``: the food a person means and the weight from that food's USDA household
measure, written out in ``grams_basis``); this script only multiplies USDA's per-100 g values:
expected = per_100g × grams / 100, rounded to 0.01. Run it again only when the phrases change:

    python tests/foods/data/expected_from_sr24.py /tmp/cron/usr/share/cronometer/usda_sr24.jar
"""

from __future__ import annotations

import csv
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).parent
COLUMNS = {
    "Energy": "energy_kcal",
    "Water": "water_g",
    "Magnesium": "magnesium_mg",
    "Potassium": "potassium_mg",
    "Calcium": "calcium_mg",
    "Sodium": "sodium_mg",
}


def main(jar_path: str) -> None:
    rows = list(csv.DictReader((HERE / "phrases_in.csv").open(encoding="utf-8")))
    with zipfile.ZipFile(jar_path) as jar:
        for row in rows:
            number = row["food_id"].split(":")[1]
            root = ElementTree.fromstring(jar.read(f"usda_sr24/{number}.xml"))
            per_100g = {n.get("name"): float(n.get("amount", "nan")) for n in root.iter("nutrient")}
            grams = float(row["grams"])
            row["food_name"] = root.get("name", "")
            for source, column in COLUMNS.items():
                value = per_100g.get(source)
                row[column] = "" if value is None else f"{value * grams / 100:.2f}"
    fields = ["phrase", "food_id", "food_name", "grams", "grams_basis", *COLUMNS.values()]
    with (HERE / "phrases.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
