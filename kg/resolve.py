"""Identity resolution after ingest: link a scope-less person to the single scoped person of
the same name.

A person's IRI is minted from name key + scope (kg/ids.py), the scope being a province code
when an article ties the person to exactly one province. An article that names a person
without any province gives a scope-less node. When exactly one scoped person has the same
name key, the scope-less node is linked to it (kg:sameAs, in the resolution graph); when two
or more provinces have a person of that name, nothing is linked: we never merge across
provinces on a name alone. The links are recomputed from scratch after every ingest, so they
depend only on the store's content.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any


def links(candidates: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """``(scope-less person, scoped person)`` pairs from rows of the resolution_candidates
    query (person, key, scope), sorted."""
    scoped: dict[str, set[str]] = defaultdict(set)
    unscoped: dict[str, set[str]] = defaultdict(set)
    for row in candidates:
        (scoped if row["scope"] else unscoped)[row["key"]].add(row["person"])
    out = []
    for name_key, persons in unscoped.items():
        targets = scoped.get(name_key, set())
        if len(targets) == 1:
            target = next(iter(targets))
            out.extend((p, target) for p in persons)
    return sorted(out)
