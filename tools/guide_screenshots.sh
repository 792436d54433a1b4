#!/usr/bin/env bash
# Makes the user guide's pictures (docs/screenshots/) with the program
# itself: `jinmap --screenshot` for the window in each state the guide shows,
# and `jinmap export` + pdftoppm for the pages it writes. Look at every
# picture after running it (they are committed with docs/guide.md).
#
# usage: tools/guide_screenshots.sh [BUILD_DIR]   (default build/release)
#
# Still to do: a screenshot with a filter set (the city summary stands in for
# it) and the comparison view (04-compare-taigu.png shows 太谷区's panel) need
# --screenshot options the viewer does not have yet.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-$ROOT/build/release}
JINMAP=$BUILD/bin/jinmap
OUT=$ROOT/docs/screenshots
mkdir -p "$OUT"
export QT_QPA_PLATFORM=xcb LIBGL_ALWAYS_SOFTWARE=1 JINMAP_NO_SETTINGS=1

shot() {
  local name=$1
  shift
  echo "guide: $name"
  "$JINMAP" --screenshot "$OUT/$name" "$@"
}

if [[ ${GUIDE_INNER:-} == 1 ]]; then
  shot 01-towns.png --theme towns --extent province
  shot 02-county.png --theme towns --select-county 祁县
  shot 03-city.png --theme towns --select-city 晋中市
  shot 04-compare-taigu.png --theme towns --select-county 太谷区
  shot 05-english.png --theme towns --lang en --select-county 祁县
  shot 06-export-map.png --theme towns --extent 晋中市 --open export
  shot 07-county-sheet.png --theme towns --select-county 太谷区 --open county-sheet
  shot 08-atlas.png --theme towns --select-county 太谷区 --open atlas
  shot 09-datong.png --theme datong
  exit 0
fi
# One X server for every screenshot: this script again, inside it.
GUIDE_INNER=1 xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$BUILD"

# The pages themselves, as the dialog writes them (its command line).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen
"$JINMAP" export --style "$ROOT/styles/towns.json" --extent 晋中市 --paper A3 \
  --orientation landscape --dpi 150 --title 晋中市专业镇分布示意图 --subtitle 山西省特色专业镇 \
  --quiet -o "$tmp/map.pdf"
pdftoppm -r 45 -png -singlefile "$tmp/map.pdf" "$OUT/06-export-map-page"
"$JINMAP" export --style "$ROOT/styles/towns.json" --county-sheet 太谷区 --dpi 150 \
  --quiet -o "$tmp/sheet.pdf"
pdftoppm -r 60 -png -singlefile "$tmp/sheet.pdf" "$OUT/07-county-sheet-page"
ls -l "$OUT"
