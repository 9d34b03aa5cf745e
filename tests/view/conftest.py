"""The seed and dev stores of tests/export, and what the browser test needs: Debian's
chromium and playwright-core (tools/view/build.sh). Without them the test skips, except in
CI, where it fails."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.export.conftest import built, built_stores, view  # noqa: F401  (the same fixtures)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(os.environ.get("KG_VIEW_NODE_MODULES", ROOT / "build" / "view" / "node_modules"))


@pytest.fixture(scope="session")
def browser() -> dict[str, str]:
    """What the driver needs, or a skip (a failure in CI) naming what is missing."""
    chromium = os.environ.get("KG_CHROMIUM") or next(
        (p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)
    missing = [what for what, ok in (("Debian's chromium (make setup-browser)", chromium),
                                     ("node", shutil.which("node")),
                                     ("playwright-core (tools/view/build.sh)", (NODE_MODULES / "playwright-core").is_dir()),
                                     ("Cytoscape.js (tools/view/build.sh)",
                                      (ROOT / "kg" / "view" / "assets" / "cytoscape.min.js").is_file()))
               if not ok]
    if missing:
        message = "the browser test needs " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {"KG_CHROMIUM": chromium or "", "KG_VIEW_NODE_MODULES": str(NODE_MODULES)}
