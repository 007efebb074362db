#!/usr/bin/env bash
# Copy the pinned front-end libraries from npm into static/vendor/ (committed; no CDN at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --loglevel=error
rm -rf static/vendor
mkdir -p static/vendor/bootstrap static/vendor/htmx static/vendor/cytoscape static/vendor/chartjs static/vendor/axe-core
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map static/vendor/bootstrap/
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map static/vendor/bootstrap/
cp node_modules/bootstrap/LICENSE static/vendor/bootstrap/LICENSE
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
cp node_modules/htmx.org/LICENSE static/vendor/htmx/LICENSE
cp node_modules/cytoscape/dist/cytoscape.min.js static/vendor/cytoscape/
cp node_modules/cytoscape/LICENSE static/vendor/cytoscape/LICENSE
cp node_modules/chart.js/dist/chart.umd.min.js static/vendor/chartjs/
cp node_modules/chart.js/LICENSE.md static/vendor/chartjs/LICENSE.md
# axe-core: the accessibility checks the browser journeys inject (tests/e2e/axe.py).
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE static/vendor/axe-core/
for pkg in bootstrap htmx.org cytoscape chart.js axe-core; do
  node -e "const p=require('./node_modules/$pkg/package.json');console.log(p.name+' '+p.version)"
done > static/vendor/VERSIONS.txt
cat static/vendor/VERSIONS.txt
