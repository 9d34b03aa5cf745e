"""Layering (STYLE.md): nothing in kg below the CLI imports ingest; the CLI imports fast."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_kg_library_never_imports_ingest() -> None:
    offenders = [str(p.relative_to(KG.parent)) for p in KG.rglob("*.py")
                 if "cli" not in p.relative_to(KG).parts
                 and any(n == "ingest" or n.startswith("ingest.") for n in _imports(p))]
    assert offenders == []


def test_cli_import_does_no_heavy_work() -> None:
    code = "import sys, kg.cli; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyshacl', 'ingest') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
