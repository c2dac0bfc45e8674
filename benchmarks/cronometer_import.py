"""Ten years of Cronometer servings: NightCramps' import against a bare ``csv`` loop.

Cronometer has no import tool people use elsewhere, so the comparison is the floor any reader
pays: Python's ``csv.reader`` over the file, counting rows and nothing else. The file is a
synthetic ``servings.csv`` laid out as real ones (``formats.md`` §2): ``Day,Time,Group,Food
Name,Amount,...`` with 57 nutrient columns matched by name, quoted amounts with doubled quotes,
a blank cell where a food does not know a nutrient, and about 30 entries a day for ten years
(days counted back from 2026-11-30, never the clock). The parse alone, the CLI's start-up and
the whole CLI import each run under ``/usr/bin/time -v`` in their own process, beside the bare
loop (``benchmarks._import_parts``); the goals are Apple Health's: within 1.5x of the bare loop,
peak RSS under 150 MB. ``python -m benchmarks.cronometer_import 30`` measures 30 years.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from benchmarks._import_parts import measure_parts, print_parts
from benchmarks.apple_import import TIME

DAYS = 3650
ENTRIES_PER_DAY = 30
LAST_DAY = date(2026, 11, 30)
NUTRIENTS = [
    "Energy (kcal)", "Alcohol (g)", "Caffeine (mg)", "Water (g)", "B1 (Thiamine) (mg)",
    "B2 (Riboflavin) (mg)", "B3 (Niacin) (mg)", "B5 (Pantothenic Acid) (mg)",
    "B6 (Pyridoxine) (mg)", "B12 (Cobalamin) (µg)", "Folate (µg)", "Vitamin A (µg)",
    "Vitamin C (mg)", "Vitamin D (IU)", "Vitamin E (mg)", "Vitamin K (µg)", "Calcium (mg)",
    "Copper (mg)", "Iron (mg)", "Magnesium (mg)", "Manganese (mg)", "Phosphorus (mg)",
    "Potassium (mg)", "Selenium (µg)", "Sodium (mg)", "Zinc (mg)", "Carbs (g)", "Fiber (g)",
    "Starch (g)", "Sugars (g)", "Net Carbs (g)", "Fat (g)", "Cholesterol (mg)",
    "Monounsaturated (g)", "Polyunsaturated (g)", "Saturated (g)", "Trans-Fats (g)",
    "Omega-3 (g)", "Omega-6 (g)", "Cystine (g)", "Histidine (g)", "Isoleucine (g)",
    "Leucine (g)", "Lysine (g)", "Methionine (g)", "Phenylalanine (g)", "Protein (g)",
    "Threonine (g)", "Tryptophan (g)", "Tyrosine (g)", "Valine (g)", "Choline (mg)",
    "Added Sugars (g)", "Oxalate (mg)", "Beta-carotene (µg)", "Lutein+Zeaxanthin (µg)",
    "Lycopene (µg)",
]  # fmt: skip
FOODS = [
    ("Oatmeal, cooked", "1.00 cup", "Breakfast Cereals"),
    ("Banana, raw", '1.00 medium - 7"" to 7-7/8"" long', "Fruits and Fruit Juices"),
    ("Spinach, boiled", "0.50 cup", "Vegetables and Vegetable Products"),
    ("Coffee, brewed", "1.00 cup", "Beverages"),
    ("Water, tap", "500.00 ml", "Beverages"),
    ("Almonds", "1.00 oz", "Nut and Seed Products"),
    ("Yogurt, Greek, plain", "170.00 g", "Dairy and Egg Products"),
]
LOOP = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as rows:
    print(sum(1 for _ in csv.reader(rows)))
"""
"""The floor: every row split into cells by the csv module, nothing else done."""


def write_servings(path: Path, days: int = DAYS) -> int:
    """Write the file, a day at a time (constant memory); the number of entries."""
    chance = random.Random(2026)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(["Day", "Time", "Group", "Food Name", "Amount", *NUTRIENTS, "Category"]))
        out.write("\r\n")
        for offset in range(days - 1, -1, -1):
            day = LAST_DAY - timedelta(days=offset)
            for entry in range(ENTRIES_PER_DAY):
                name, amount, category = FOODS[chance.randrange(len(FOODS))]
                values = [
                    "" if chance.random() < 0.15 else f"{chance.uniform(0, 120):.2f}"
                    for _ in NUTRIENTS
                ]
                hour, minute = 7 + entry // 2, (entry * 7) % 60
                clock = f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"
                meal = ("Breakfast", "Lunch", "Dinner", "Snacks")[entry * 4 // ENTRIES_PER_DAY]
                out.write(
                    f'{day},{clock},{meal},"{name}","{amount}",{",".join(values)},"{category}"\r\n'
                )
                rows += 1
    return rows


def main(years: int = DAYS // 365) -> None:
    """Generate ``years`` of servings and measure the import's parts against the bare loop."""
    if not TIME.exists():
        sys.stdout.write("cronometer_import: needs GNU time (Debian package `time`)\n")
        return
    with tempfile.TemporaryDirectory(prefix="nc-bench-cronometer-") as name:
        folder = Path(name)
        servings = folder / "servings.csv"
        rows = write_servings(servings, days=years * 365)
        size = servings.stat().st_size
        os.sync()  # the file written back now, not while the programs are timed
        print(f"Cronometer servings, {years} years, {rows:,} entries, {size / 1e6:.0f} MB:\n")
        print_parts(measure_parts("cronometer", servings, LOOP, folder), size)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DAYS // 365)
