"""Food lookup accuracy on everyday phrases (tests/foods/data/everyday.csv), as Markdown.

Prints, for docs/foods.md, the share of phrases whose grams and each nutrient are within ±25% of
the values computed by hand from USDA FNDDS 2021-2023 / SR28, then the misses grouped by cause.
Run from the repository root: ``python -m benchmarks.food_accuracy``; ``--csv FILE`` scores
another set of the same columns (``tests/foods/data/heldout.csv``, written blind).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.foods import test_accuracy_everyday as accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--csv", type=Path, default=accuracy.PHRASES, help="the set to score")
    result = accuracy.report(parser.parse_args().csv)
    print(f"{result.rows} phrases; a value is right within ±25% of USDA's.\n")
    print("| value | within ±25% |")
    print("|---|---|")
    for key, share in result.shares.items():
        goal = " (goal 90%)" if key in accuracy.GOAL_NUTRIENTS else ""
        print(f"| {key} | {share:.1%}{goal} |")
    counts = {cause: sum(m.cause == cause for m in result.misses) for cause in accuracy.CAUSES}
    goal_counts = {
        cause: sum(m.cause == cause for m in result.goal_misses()) for cause in accuracy.CAUSES
    }
    print("\n| cause | misses | of which Mg, K or Ca wrong |")
    print("|---|---|---|")
    for cause in accuracy.CAUSES:
        print(f"| {cause} | {counts[cause]} | {goal_counts[cause]} |")
    for cause in accuracy.CAUSES:
        group = [m for m in result.misses if m.cause == cause]
        if group:
            print(f"\n### {cause} ({len(group)})\n")
            print("| phrase | expected | got | wrong | detail |")
            print("|---|---|---|---|---|")
            for m in group:
                cells = (m.phrase, m.expected_food, m.got_food or "–", ", ".join(m.wrong), m.detail)
                print("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")


if __name__ == "__main__":
    main()
