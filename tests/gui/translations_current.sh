#!/bin/sh
# Fails when a user-visible string in the viewer's QML or C++ has no
# translation: lupdate is run over the sources into copies of the .ts files,
# and any message it leaves "unfinished" is listed.
set -eu
lupdate=$1
viewer=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$viewer/translations/jinmap_zh_CN.ts" "$viewer/translations/jinmap_en.ts" "$tmp/"
"$viewer/translations/lupdate.sh" "$lupdate" "$tmp/jinmap_zh_CN.ts" "$tmp/jinmap_en.ts"
if grep -q 'type="unfinished"' "$tmp"/*.ts; then
  echo "untranslated strings (run app/viewer/translations/lupdate.sh and translate them):"
  grep -B2 'type="unfinished"' "$tmp"/*.ts | grep '<source>'
  exit 1
fi
echo "translations current: $(grep -c '<message' "$tmp/jinmap_zh_CN.ts") messages"
