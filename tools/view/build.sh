#!/bin/sh
# Install the pinned JavaScript of `kg view` from the npm registry (package.json + its lock,
# checked against the lock's integrity hashes by `npm ci`) into build/view, and put the one
# file kg view inlines, Cytoscape.js's minified build, into kg/view/assets (not committed).
# playwright-core comes along for the browser test (tests/view); it downloads no browser:
# the test drives Debian's chromium.
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$root/build/view"
mkdir -p "$build" "$root/kg/view/assets"
cp "$root/tools/view/package.json" "$root/tools/view/package-lock.json" "$build/"
npm ci --prefix "$build" --ignore-scripts --no-audit --no-fund --loglevel=error
cp "$build/node_modules/cytoscape/dist/cytoscape.min.js" "$root/kg/view/assets/cytoscape.min.js"
cp "$build/node_modules/cytoscape/LICENSE" "$root/kg/view/assets/cytoscape.LICENSE"
echo "kg view assets: $(wc -c < "$root/kg/view/assets/cytoscape.min.js") bytes of Cytoscape.js $(node -p "require('$build/node_modules/cytoscape/package.json').version")"
