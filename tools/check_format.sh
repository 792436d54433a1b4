#!/bin/sh
# Fails when a C++ file differs from .clang-format's layout (and lists them).
# usage: tools/check_format.sh [clang-format binary]
set -eu
cd "$(dirname "$0")/.."
fmt=${1:-clang-format}
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
  files=$(git ls-files '*.cpp' '*.h')
else
  files=$(find app tests tools -name '*.cpp' -o -name '*.h')
fi
# One clang-format process for all files; its warnings name the files.
# shellcheck disable=SC2086
if ! out=$("$fmt" --dry-run --Werror $files 2>&1); then
  echo "not clang-formatted (run: clang-format -i <file>):"
  echo "$out" | grep -o '^[^:]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u | sed 's/^/  /'
  exit 1
fi
echo "clang-format: $(echo "$files" | wc -w) files clean"
