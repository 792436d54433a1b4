#!/usr/bin/env bash
# ctest web_site (label web): publishes the three shipped themes with the
# built jinmap (once as GeoJSON, once with the counties as vector tiles), then
# checks the sites in Debian's headless Chromium (tests/web/site_test.mjs)
# from a local web server and from file://.
# Screenshots, desktop renders, diffs, side-by-side pictures and the first
# render times (first_render.json) go to OUT for people to look at.
# usage: run_site_test.sh JINMAP DB STYLES_DIR OUT
set -euo pipefail
if [[ $# -ne 4 ]]; then echo "usage: $0 JINMAP DB STYLES_DIR OUT" >&2; exit 2; fi
JINMAP=$1 DB=$2 STYLES=$3 OUT=$4
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in node "${JINMAP_CHROMIUM:-chromium}"; do
  command -v "$tool" >/dev/null || { echo "web test: $tool is not installed (tools/dev setup installs it)" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -rf "$OUT/site" "$OUT/site-tiles" "$OUT/shots"
themes=(--style "$STYLES/towns.json" --style "$STYLES/datong-layout.json" --style "$STYLES/admin.json")
QT_QPA_PLATFORM=offscreen "$JINMAP" --db "$DB" publish "${themes[@]}" -o "$OUT/site"
QT_QPA_PLATFORM=offscreen "$JINMAP" --db "$DB" publish "${themes[@]}" --tiles counties -o "$OUT/site-tiles" >/dev/null
exec node "$HERE/site_test.mjs" --jinmap "$JINMAP" --db "$DB" --site "$OUT/site" --styles "$STYLES" \
  --tiled-site "$OUT/site-tiles" --out "$OUT/shots"
