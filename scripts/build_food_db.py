"""Build NightCramps' compact food database from USDA SR24 as Debian's `cronometer` ships it.

    cd /tmp && apt-get download cronometer && dpkg -x cronometer_*.deb cron
    .venv/bin/python scripts/build_food_db.py /tmp/cron/usr/share/cronometer/usda_sr24.jar

Writes src/nightcramps/foods/data/foods.sqlite3 (committed; users never need the Debian package).
Only the nutrients the app uses are kept, per 100 g, NULL when USDA gives no value, plus every
household measure with its grams and a ``meta`` table with the provenance. The output is
deterministic: the same jar gives the same bytes. See docs/data-sources.md.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path

from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources import usda

DEFAULT_JAR = Path("/usr/share/cronometer/usda_sr24.jar")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/nightcramps/foods/data/foods.sqlite3"
SCHEMA_VERSION = "1"

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE foods (
    id TEXT PRIMARY KEY,          -- 'usda:09040'
    name TEXT NOT NULL,
    deprecated INTEGER NOT NULL,  -- 1: listed only in Cronometer's deprecated.index
    {", ".join(f"{name} REAL" for name in NUTRIENTS)}
) WITHOUT ROWID;
CREATE TABLE measures (
    food_id TEXT NOT NULL REFERENCES foods(id),
    seq INTEGER NOT NULL,         -- the source's order (USDA lists the usual measure first)
    amount REAL NOT NULL,         -- 'amount' of 'name' weighs 'grams': 0.5 cup = 90 g
    name TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (food_id, seq)
) WITHOUT ROWID;
"""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(jar: Path, out: Path) -> usda.ReadReport:
    """Read ``jar`` and write the database to ``out`` (replaced atomically)."""
    report = usda.ReadReport()
    records = sorted(usda.read_jar(jar, report), key=lambda r: r.source_id)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.executescript(SCHEMA)
        placeholders = ", ".join("?" for _ in range(3 + len(NUTRIENTS)))
        con.executemany(
            f"INSERT INTO foods VALUES ({placeholders})",
            [
                (r.id, r.name, int(r.deprecated), *(r.nutrients[n] for n in NUTRIENTS))
                for r in records
            ],
        )
        con.executemany(
            "INSERT INTO measures VALUES (?, ?, ?, ?, ?)",
            [
                (r.id, seq, m.amount, m.name, m.grams)
                for r in records
                for seq, m in enumerate(r.measures)
            ],
        )
        measures = sum(len(r.measures) for r in records)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "source_name": usda.SOURCE_NAME,
            "source_url": usda.SOURCE_URL,
            "licence": usda.LICENCE,
            "source_file": "usda_sr24.jar from Debian package cronometer 0.9.9+dfsg1-1",
            "source_sha256": sha256(jar),
            "foods": str(len(records)),
            "measures": str(measures),
            "skipped": str(len(report.skipped)),
            "measures_corrected": str(len(report.corrected)),
            "nutrients": ",".join(NUTRIENTS),
            "units": "nutrients per 100 g edible portion; NULL = not analysed (unknown)",
            "built_by": "scripts/build_food_db.py",
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    tmp.replace(out)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("jar", nargs="?", type=Path, default=DEFAULT_JAR, help="usda_sr24.jar")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the SQLite file to write")
    args = parser.parse_args(argv)
    if not args.jar.exists():
        print(
            f"{args.jar} does not exist. Get it with: cd /tmp && apt-get download cronometer && "
            "dpkg -x cronometer_*.deb cron, then pass "
            "/tmp/cron/usr/share/cronometer/usda_sr24.jar",
            file=sys.stderr,
        )
        return 2
    report = build(args.jar, args.out)
    print(f"read {report.read} foods, kept {report.kept}, skipped {len(report.skipped)}")
    for member, why in sorted(report.skipped.items()):
        print(f"  skipped {member}: {why}")
    print(f"corrected {len(report.corrected)} measures whose stated size was the row's:")
    for line in report.corrected:
        print(f"  {line}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
