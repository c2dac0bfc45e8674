"""Build NightCramps' food database from USDA FNDDS 2021-2023 and SR28 (2016).

    .venv/bin/python scripts/build_food_db.py               # reads ../shared/data/usda-fdc
    .venv/bin/python scripts/build_food_db.py /path/to/usda-fdc --out /tmp/foods.sqlite3

Writes src/nightcramps/foods/data/foods.sqlite3 (committed; users never need the sources). It
reads only the seven tables named in SHA256 below, refuses any whose SHA-256 differs from the one
the folder's README lists, and keeps per food: its table (``source``), its category there (WWEIA
category or SR food group), FNDDS's synonyms and SR's common name, the app's nutrients per 100 g
(NULL when the source gives no value) and every usable household measure, plus a ``meta`` table
with the provenance. The output is deterministic: the same files give the same bytes. See
docs/data-sources.md and docs/foods.md.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from array import array
from collections.abc import Mapping
from pathlib import Path

from nightcramps.foods import search
from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources import fndds, sr28
from nightcramps.foods.sources.records import FoodRecord, ReadReport

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = Path(__file__).resolve().parents[2] / "shared/data/usda-fdc"
DEFAULT_OUT = ROOT / "src/nightcramps/foods/data/foods.sqlite3"
SCHEMA_VERSION = "3"

SHA256: Mapping[str, str] = {
    "fndds-2021-2023/foods_and_beverages.csv.gz": (
        "44a431ad47f8b96da277c1d944691dd3d1b4fb26b196c31455da89769d45f0a4"
    ),
    "fndds-2021-2023/fndds_nutrient_values.csv.gz": (
        "7f77db5e031312fa982b6ca359e97165e04d0d24df304c234a5b4ba1383469a2"
    ),
    "fndds-2021-2023/portions_and_weights.csv.gz": (
        "b5f74213106c741437e6fb34bb9032e658f28e88e2ae4873247e4e1f3b8402e6"
    ),
    "sr28-2016/FD_GROUP.csv.gz": "c0ed7915d4447a2508f283333113c25b0339b1603fc85f21da4164c67f01a831",
    "sr28-2016/FOOD_DES.csv.gz": "15b3304d04fbb806d93aa722d8dec9baf94c5da0b7c554863bc8a06fec8ceb54",
    "sr28-2016/NUT_DATA.csv.gz": "d284d8c263ab2adaf78001394621144cab733bec75ec88174d8ae27a16931b97",
    "sr28-2016/WEIGHT.csv.gz": "f90c80d7bbd329595be47478c368eb64be38d8debe8178dcda87ffc55d2a7e16",
}
"""The files read, with the SHA-256 the folder's README.md ("Files" table) gives for each."""

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE foods (
    id TEXT PRIMARY KEY,          -- 'usda:09040' (SR28 NDB number), 'fndds:63107010' (food code)
    name TEXT NOT NULL,
    source TEXT NOT NULL,         -- the table: 'fndds-2021-2023' or 'sr28'
    category_code TEXT NOT NULL,  -- WWEIA category number '6002', or SR food group '0900'
    category TEXT NOT NULL,       -- its description: 'Bananas', 'Fruits and Fruit Juices'
    synonyms TEXT NOT NULL,       -- FNDDS "Additional food description", '; '-separated, or ''
    common_name TEXT NOT NULL,    -- SR28 FOOD_DES.ComName ('' for none and for FNDDS)
    {", ".join(f"{name} REAL" for name in NUTRIENTS)}
) WITHOUT ROWID;
CREATE TABLE measures (
    food_id TEXT NOT NULL REFERENCES foods(id),
    seq INTEGER NOT NULL,         -- the source's order (usual measure first in SR)
    amount REAL NOT NULL,         -- 'amount' of 'name' weighs 'grams': 0.5 cup = 90 g
    name TEXT NOT NULL,
    grams REAL NOT NULL,
    is_default INTEGER NOT NULL,  -- 1: FNDDS "Quantity not specified", the food's default
    PRIMARY KEY (food_id, seq)
) WITHOUT ROWID;
CREATE TABLE search_words (
    word TEXT PRIMARY KEY,        -- a word as search stems it ('banana', 'lowfat')
    foods BLOB NOT NULL           -- the foods it is found in: positions in id order, uint16 LE
) WITHOUT ROWID;
"""


class ChecksumMismatch(RuntimeError):
    """A source file that is not the one the README lists (changed, truncated or missing)."""


class BuildReport:
    """What the build read: one :class:`ReadReport` per table, and the checked checksums.

    (A plain class: the tests load this script by path, where dataclasses cannot resolve it.)
    """

    def __init__(self, sha256: dict[str, str]) -> None:
        self.sha256 = sha256
        self.reports: dict[str, ReadReport] = {}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, checksums: Mapping[str, str] = SHA256) -> dict[str, str]:
    """Check each file of ``checksums`` in ``folder``; their checksums when all match.

    Raises:
        ChecksumMismatch: a file is missing or differs, naming it and both checksums.
    """
    found: dict[str, str] = {}
    for name, expected in checksums.items():
        path = folder / name
        if not path.is_file():
            raise ChecksumMismatch(f"{path} is missing")
        actual = sha256(path)
        if actual != expected:
            raise ChecksumMismatch(f"{path} has SHA-256 {actual}, the README lists {expected}")
        found[name] = actual
    return found


def _food_row(r: FoodRecord) -> tuple[object, ...]:
    return (
        r.id,
        r.name,
        r.table,
        r.category_code,
        r.category,
        "; ".join(r.synonyms),
        r.common_name,
        *(r.nutrients[n] for n in NUTRIENTS),
    )


def _search_words(records: list[FoodRecord]) -> list[tuple[str, bytes]]:
    """Each word search finds foods by (search.index_words: their names and other names), with
    the foods' positions in id order: the index a lookup reads instead of building it."""
    found: dict[str, array[int]] = {}
    for position, r in enumerate(records):
        for word in sorted(search.index_words(r.name, (*r.synonyms, r.common_name))):
            found.setdefault(word, array("H")).append(position)
    return [(word, positions.tobytes()) for word, positions in sorted(found.items())]


def _meta(records: list[FoodRecord], report: BuildReport) -> dict[str, str]:
    fn, sr = report.reports[fndds.TABLE], report.reports[sr28.TABLE]
    meta = {
        "schema_version": SCHEMA_VERSION,
        "sources": f"{fndds.TABLE},{sr28.TABLE}",
        "licence": "public domain (works of the U.S. federal government, 17 U.S.C. § 105)",
        "foods": str(len(records)),
        "measures": str(sum(len(r.measures) for r in records)),
        "skipped": str(len(fn.skipped) + len(sr.skipped)),
        "measures_corrected": str(len(sr.corrected)),
        "nutrients": ",".join(NUTRIENTS),
        "units": "nutrients per 100 g edible portion; NULL = not given by the source (unknown)",
        "built_by": "scripts/build_food_db.py",
    }
    for module, read in ((fndds, fn), (sr28, sr)):
        table = module.TABLE
        kept = [r for r in records if r.table == table]
        meta[f"{table}.name"] = module.SOURCE_NAME
        meta[f"{table}.url"] = module.SOURCE_URL
        meta[f"{table}.citation"] = module.CITATION
        meta[f"{table}.licence"] = module.LICENCE
        meta[f"{table}.foods"] = str(len(kept))
        meta[f"{table}.measures"] = str(sum(len(r.measures) for r in kept))
        meta[f"{table}.skipped"] = "; ".join(f"{k}: {v}" for k, v in sorted(read.skipped.items()))
        meta[f"{table}.measures_left_out"] = "; ".join(
            f"{why}: {n}" for why, n in sorted(read.dropped_measures.items())
        )
    for name, digest in report.sha256.items():
        meta[f"sha256:{name}"] = digest
    return meta


def build(folder: Path, out: Path, *, checksums: Mapping[str, str] = SHA256) -> BuildReport:
    """Read the USDA tables in ``folder`` and write the database to ``out`` (replaced
    atomically). ``checksums`` are the files' expected SHA-256 (the tests' small samples have
    their own).

    Raises:
        ChecksumMismatch: a source file is not the one the README lists.
    """
    report = BuildReport(sha256=verify(folder, checksums))
    records: list[FoodRecord] = []
    for module in (fndds, sr28):
        read = report.reports[module.TABLE] = ReadReport()
        records += module.read(folder / module.FOLDER, read)
    records.sort(key=lambda r: r.id)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.executescript(SCHEMA)
        placeholders = ", ".join("?" for _ in range(7 + len(NUTRIENTS)))
        con.executemany(
            f"INSERT INTO foods VALUES ({placeholders})", [_food_row(r) for r in records]
        )
        con.executemany(
            "INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?)",
            [
                (r.id, seq, m.amount, m.name, m.grams, int(m.default))
                for r in records
                for seq, m in enumerate(r.measures)
            ],
        )
        con.executemany("INSERT INTO search_words VALUES (?, ?)", _search_words(records))
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(_meta(records, report).items()))
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    tmp.replace(out)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCES,
        help="the usda-fdc folder (fndds-2021-2023/, sr28-2016/)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the SQLite file to write")
    args = parser.parse_args(argv)
    try:
        report = build(args.folder, args.out)
    except ChecksumMismatch as exc:
        print(f"{exc}. Use the files the README of {args.folder} lists.", file=sys.stderr)
        return 2
    for table, read in report.reports.items():
        print(f"{table}: read {read.read} foods, kept {read.kept}, skipped {len(read.skipped)}")
        for food_id, why in sorted(read.skipped.items()):
            print(f"  skipped {food_id}: {why}")
        for why, count in sorted(read.dropped_measures.items()):
            print(f"  left out {count} portions: {why}")
        if read.corrected:
            print(f"  corrected {len(read.corrected)} measures whose stated size was the row's:")
            for line in read.corrected:
                print(f"    {line}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
