#!/bin/sh
# jinmap --screenshot FILE … writes a PNG of the whole window and exits 0;
# a missing database is shown in the window (exit 0, PNG written), not a crash.
set -eu
jinmap=$1 db=$2 out=$3
mkdir -p "$out"
rm -f "$out/cli_towns.png" "$out/cli_nodb.png"
"$jinmap" --db "$db" --screenshot "$out/cli_towns.png" --theme towns --select-county 太谷区
test -s "$out/cli_towns.png"
"$jinmap" --db "$out/does-not-exist.sqlite" --screenshot "$out/cli_nodb.png"
test -s "$out/cli_nodb.png"
if "$jinmap" --screenshot "$out/x.png" --theme nonsense 2>/dev/null; then
  echo "bad --theme accepted"; exit 1
fi
echo ok
