"""Extraction → the JSON shape of shared/eval/FORMAT.md (extra fields are ignored by the scorer)."""
from __future__ import annotations

from typing import Any

from kg.model import Extraction


def to_contract(extraction: Extraction) -> dict[str, Any]:
    return {
        "id": extraction.article.id,
        "persons": [
            {"name": p.name, "positions": [pos.text for pos in p.positions]}
            for p in extraction.persons
        ],
        "organizations": sorted({o.name for o in extraction.organizations}),
        "directives": [
            {"number": d.number, "kind": d.kind, "date": d.date, "issuer": d.issuer, "subject": d.subject}
            for d in extraction.directives
        ],
        "events": [
            {
                "date": e.date,
                "name": e.name,
                "participants": [
                    {"name": p.name, "role": p.role.value, **({"led": p.led} if p.led else {})}
                    for p in e.participants
                ],
            }
            for e in extraction.events
        ],
    }
