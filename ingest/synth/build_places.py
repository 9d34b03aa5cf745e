"""Rebuild ``tables/places.tsv`` from the ``vietnamadminunits`` package's pre-2025 snapshot.

    python -m ingest.synth.build_places

The table is checked in so that the generator's output depends only on this repository, not on
the installed package's version. It is the 63 provinces of 2015–2024 with their districts, less
the numbered urban districts ("Quận 1"), which read awkwardly after "Quận ủy". The snapshot is
early 2025: Huế had just become a centrally-run city, so province 46 is written as the province
Thừa Thiên Huế it was through the articles' years, without the two urban districts created then.
"""
from __future__ import annotations

import sqlite3
import sys
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).with_name("tables") / "places.tsv"
HEADER = "code\tprovince_code\tprovince\tprovince_kind\tdistrict\tdistrict_kind\tgloss"


def _dataset() -> Path:
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("needs the vietnamadminunits package (pip install vietnamadminunits)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"


def build() -> list[str]:
    query = ("SELECT DISTINCT districtCode, provinceCode, province, provinceShort, districtShort, districtType "
             "FROM admin_units_legacy ORDER BY provinceCode, districtCode")
    lines = [HEADER]
    with sqlite3.connect(_dataset().as_uri() + "?mode=ro&immutable=1", uri=True) as db:
        for dcode, pcode, province, short, district, dkind in db.execute(query):
            pkind = "thành phố" if province.startswith("Thành phố") else "tỉnh"
            if pcode == "46":
                if dkind == "Quận":
                    continue
                short, pkind = "Thừa Thiên Huế", "tỉnh"
            if district[:1].isdigit():
                continue
            district = district.split(" (")[0]     # "Hồng Ngự (Huyện)": the package's disambiguation
            lines.append("\t".join((dcode, pcode, short, pkind, district, dkind.lower(), "")))
    return lines


def main() -> int:
    OUT.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
