#!/bin/sh
# Core's layering and handle rules (ctest core_rules, label unit):
# - a module of app/core includes only its own and lower modules' headers,
#   in the order base < data < present < style < render < export < publish (base/geos.cpp once
#   included data/geojson.h);
# - PROJ, GDAL and OGR handles are released only by the deleters of
#   base/handles.h: no other file calls proj_destroy, GDALClose & co.
set -eu
cd "$(dirname "$0")/.."
status=0
order="base data present style render export publish"
allowed=""
for module in $order; do
  allowed="$allowed $module"
  for f in app/core/$module/*.h app/core/$module/*.cpp; do
    [ -f "$f" ] || continue
    for inc in $(sed -n 's|^#include "\([a-z_]*\)/.*|\1|p' "$f" | sort -u); do
      case " $allowed " in
        *" $inc "*) ;;
        *) echo "$f: includes $inc/ (a $module file may include:$allowed)"; status=1 ;;
      esac
    done
  done
done
pattern='proj_destroy|proj_context_destroy|OSRDestroySpatialReference|OSRRelease|GDALClose|GDALReleaseDataset|OGR_F_Destroy|OGR_Fld_Destroy|OGR_G_DestroyGeometry|OGR_DS_Destroy|OCTDestroyCoordinateTransformation'
hits=$(grep -rnE "\b($pattern)\(" app tools --include='*.cpp' --include='*.h' | grep -v '^app/core/base/handles\.cpp:' || true)
if [ -n "$hits" ]; then
  echo "$hits" | sed 's/$/  (own it with a base\/handles.h pointer instead)/'
  status=1
fi
[ $status -eq 0 ] && echo "core rules: layering and handle ownership clean"
exit $status
