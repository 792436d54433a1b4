#!/bin/sh
# jinmap --screenshot FILE … writes a PNG of the whole window and exits 0;
# a missing database is shown in the window (exit 0, PNG written), not a crash;
# --lang, --select-town and --size are honoured, bad values are usage errors (2).
set -eu
jinmap=$1 db=$2 out=$3
mkdir -p "$out"
rm -f "$out/cli_towns.png" "$out/cli_nodb.png" "$out/cli_town_en.png"
"$jinmap" --db "$db" --screenshot "$out/cli_towns.png" --theme towns --select-county 太谷区
test -s "$out/cli_towns.png"
"$jinmap" --db "$db" --screenshot "$out/cli_town_en.png" --lang en --select-town 祁縣玻璃器皿專業鎮 \
  --size 1100x700
test -s "$out/cli_town_en.png"
python3 - "$out/cli_town_en.png" <<'PY'
import struct, sys
with open(sys.argv[1], 'rb') as f:
    head = f.read(24)
w, h = struct.unpack('>II', head[16:24])
assert (w, h) == (1100, 700), (w, h)
PY
"$jinmap" --db "$out/does-not-exist.sqlite" --screenshot "$out/cli_nodb.png"
test -s "$out/cli_nodb.png"
for bad in "--theme nonsense" "--lang fr" "--size 10x10" "--no-such-option"; do
  status=0
  # shellcheck disable=SC2086
  "$jinmap" --screenshot "$out/x.png" $bad 2>/dev/null || status=$?
  if [ "$status" -ne 2 ]; then echo "bad option '$bad' gave status $status, not 2"; exit 1; fi
done
echo ok
