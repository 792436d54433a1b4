#!/usr/bin/env bash
# MapLibre's style validator (gl-style-validate from the npm package
# @maplibre/maplibre-gl-style-spec, pinned below) over the shipped themes, the
# viewer's built-in style and the bench/render style fixtures. Installs the
# validator on first use into .cache/style-validator (git-ignored). Fails on
# any error the validator reports (and when it cannot be installed or run).
# Usage: tools/validate_styles.sh [STYLE.json …]   (default: the files above)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=26.6.0
DIR="$ROOT/.cache/style-validator"
PKG="$DIR/node_modules/@maplibre/maplibre-gl-style-spec/package.json"
BIN="$DIR/node_modules/.bin/gl-style-validate"

mkdir -p "$DIR"
(
  # One installer at a time (ctest may run presets side by side).
  flock 9
  if [[ ! -x "$BIN" ]] || ! grep -q "\"version\": \"$VERSION\"" "$PKG" 2>/dev/null; then
    echo "installing @maplibre/maplibre-gl-style-spec@$VERSION into $DIR"
    npm install --prefix "$DIR" --no-audit --no-fund --no-save --loglevel=error \
      "@maplibre/maplibre-gl-style-spec@$VERSION" >/dev/null
  fi
) 9>"$DIR/.lock"
[[ -x "$BIN" ]] || { echo "gl-style-validate not installed in $DIR" >&2; exit 1; }

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  files=("$ROOT"/styles/*.json "$ROOT/app/viewer/fallback_style.json"
         "$ROOT"/tests/bench/fixtures/*.json "$ROOT"/tests/render/fixtures/*.json)
fi
failed=0
for f in "${files[@]}"; do
  # The validator prints one line per error and exits non-zero; any output
  # at all is treated as a failure.
  if out=$("$BIN" "$f" 2>&1) && [[ -z "$out" ]]; then
    echo "valid: ${f#"$ROOT"/}"
  else
    echo "INVALID: ${f#"$ROOT"/}"
    echo "$out"
    failed=1
  fi
done
exit "$failed"
