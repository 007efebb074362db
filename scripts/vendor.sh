#!/usr/bin/env bash
# Copy the pinned front-end libraries from npm into static/vendor/ (committed; no CDN at run time).
#
# Every file a copied asset refers to comes along: a `sourceMappingURL` comment points at a map
# that is copied beside it when the package ships one, and is stripped otherwise. collectstatic's
# manifest storage (DEBUG=0) fails on a reference to a missing file, and
# tests/test_static_references.py fails on one before that.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --loglevel=error

# vendor SOURCE DEST_DIR: copy SOURCE, and the source map it names if there is one.
vendor() {
  local source="$1" dest="$2" map
  mkdir -p "$dest"
  cp "$source" "$dest/"
  map="$(grep -oE 'sourceMappingURL=[^ *]+' "$source" | tail -n1 | cut -d= -f2- || true)"
  [ -n "$map" ] || return 0
  case "$map" in data:*) return 0 ;; esac
  if [ -f "$(dirname "$source")/$map" ]; then
    cp "$(dirname "$source")/$map" "$dest/"
  else
    echo "no $map beside $source: stripping its sourceMappingURL" >&2
    sed -i -E '/[#@] sourceMappingURL=/d' "$dest/$(basename "$source")"
  fi
}

rm -rf static/vendor
vendor node_modules/bootstrap/dist/css/bootstrap.min.css static/vendor/bootstrap
vendor node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap
cp node_modules/bootstrap/LICENSE static/vendor/bootstrap/LICENSE
vendor node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx
cp node_modules/htmx.org/LICENSE static/vendor/htmx/LICENSE
vendor node_modules/cytoscape/dist/cytoscape.min.js static/vendor/cytoscape
cp node_modules/cytoscape/LICENSE static/vendor/cytoscape/LICENSE
vendor node_modules/chart.js/dist/chart.umd.min.js static/vendor/chartjs
cp node_modules/chart.js/LICENSE.md static/vendor/chartjs/LICENSE.md
# axe-core: the accessibility checks the browser journeys inject (tests/e2e/axe.py).
vendor node_modules/axe-core/axe.min.js static/vendor/axe-core
cp node_modules/axe-core/LICENSE static/vendor/axe-core/LICENSE
for pkg in bootstrap htmx.org cytoscape chart.js axe-core; do
  node -e "const p=require('./node_modules/$pkg/package.json');console.log(p.name+' '+p.version)"
done > static/vendor/VERSIONS.txt
cat static/vendor/VERSIONS.txt
