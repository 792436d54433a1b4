#!/usr/bin/env bash
# Shanxi's first frame from PostGIS against the SpatiaLite reference (issue
# 15: "first frame from PostGIS ≤ 2× the first frame from SpatiaLite"), in
# the same run on a real PostgreSQL 15 + PostGIS on loopback.
#
# usage: tools/pg_first_frame_bench.sh [BUILD_DIR] [--runs N] [--style FILE]
#
# Needs the targets jinmap and pg_backend_run (initdb + pg_ctl in a temporary
# directory, stopped after). The reference is pushed to the server, then
# whole `jinmap render` processes (1920x1080, what a planner starts) are timed
# one after the other, N of each, median:
#   spatialite   --db the reference file
#   no replica   --db postgresql://… with an empty cache: connect, full pull
#                into a new local replica, render from it
#   replica      --db postgresql://… with the replica current: connect, one
#                state query, render
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
BUILD=build/release
RUNS=7
STYLE=$HERE/styles/towns.json
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --style) STYLE=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) BUILD=$1; shift ;;
  esac
done
BUILD=$(cd "$BUILD" && pwd)
. "$HERE/tools/bench_lib.sh"
on_test_pg_server "$BUILD" "$0" "$BUILD" --runs "$RUNS" --style "$STYLE"
JINMAP=$BUILD/bin/jinmap
REFERENCE=$BUILD/geodata/jinmap.sqlite
URL=$JINMAP_TEST_PG_SERVER
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_CACHE_HOME=$WORK/cache QT_QPA_PLATFORM=offscreen

render() { "$JINMAP" --db "$1" render --style "$STYLE" --size 1920x1080 -o "$WORK/out.png" > /dev/null; }

"$JINMAP" workspace push --to "$URL" --db "$REFERENCE" > /dev/null
render "$REFERENCE"  # the page cache warm for every case alike
file_ms=() cold_ms=() current_ms=()
for _ in $(seq "$RUNS"); do
  t0=$(ms_now); render "$REFERENCE"; file_ms+=($(($(ms_now) - t0)))
  rm -rf "$XDG_CACHE_HOME"
  t0=$(ms_now); render "$URL"; cold_ms+=($(($(ms_now) - t0)))
  t0=$(ms_now); render "$URL"; current_ms+=($(($(ms_now) - t0)))
done
file=$(median "${file_ms[@]}") cold=$(median "${cold_ms[@]}") current=$(median "${current_ms[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "jinmap render process, $(basename "$STYLE"), median of $RUNS (ms):"
echo "  SpatiaLite reference  $file"
echo "  PostGIS, no replica   $cold  ($(ratio "$cold" "$file"))"
echo "  PostGIS, replica      $current  ($(ratio "$current" "$file"))"
echo "  runs: file ${file_ms[*]}; no replica ${cold_ms[*]}; replica ${current_ms[*]}"
