"""``kg view``: one self-contained HTML file that draws the graph with Cytoscape.js.

Everything is inside the file: the data, our script and style (app.js, app.css) and
Cytoscape.js itself (the pinned npm build, installed by tools/view/build.sh into
kg/view/assets). It opens from disk and asks nothing of the network; its Content Security
Policy says so too (``default-src 'none'``, scripts allowed only by their SHA-256).

Text from articles never becomes markup: the data sits in a ``<script type="application/json">``
with every ``<``, ``>`` and ``&`` written as a JSON escape, and the page builds its DOM with
``textContent``.

Cytoscape.js rather than a Python package that bundles a viewer (pyvis, ipycytoscape): it is
the library Cytoscape desktop's team keeps for the web, takes the same JSON as
``kg export --format cytoscape``, draws thousands of nodes on a canvas, and is one MIT file.
"""
from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.export.filters import Filter, apply
from kg.export.projection import PropertyGraph, project
from kg.store.base import View
from kg.view.data import payload

__all__ = ["render", "write"]
ASSET = "cytoscape.min.js"


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def cytoscape_js() -> str:
    """The inlined Cytoscape.js build; KgError when tools/view/build.sh has not run."""
    path = resources.files(__package__).joinpath("assets", ASSET)
    if not path.is_file():
        raise KgError(f"Cytoscape.js is not installed (kg/view/assets/{ASSET}): run `make setup` "
                      "or tools/view/build.sh")
    return path.read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script(code: str) -> str:
    if "</script" in code.lower():
        raise KgError("an inlined script contains '</script': it would end its element")
    return code


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render(graph: PropertyGraph, title: str = "kg") -> str:
    """The page for ``graph`` (a property graph, filtered or not)."""
    library, app = _script(cytoscape_js()), _script(_read("app.js"))
    css = _read("app.css")
    policy = (f"default-src 'none'; script-src {_sha256(library)} {_sha256(app)}; "
              f"style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'")
    page = _read("page.html")
    for marker, value in (("{{title}}", _escape_html(title)), ("{{policy}}", policy), ("{{css}}", css),
                          ("{{data}}", json_for_script(payload(graph, title))),
                          ("{{library}}", library), ("{{app}}", app)):
        before, sep, after = page.partition(marker)
        if not sep:
            raise KgError(f"page.html has no {marker}")
        page = before + value + after      # one replacement each, so no value is scanned again
    return page


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write(view: View, out: Path, f: Filter | None = None, title: str = "kg") -> dict[str, int]:
    """Write the page for ``view`` (or the part ``f`` keeps) to ``out``; return what it draws."""
    graph = apply(project(view), f or Filter())
    html = render(graph, title)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    from kg.view.data import compact

    return compact(graph).counts()
