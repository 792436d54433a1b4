#!/bin/sh
# clang-tidy (.clang-tidy's checks) over app/ and tools/ with a configured
# build's compile_commands.json; fails on any warning and lists them.
# usage: tools/check_tidy.sh [BUILD_DIR]   (default build/release)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/release}
runner=$(command -v run-clang-tidy || command -v run-clang-tidy-14)
out=$("$runner" -p "$build" -j "$(nproc)" -quiet "$(pwd)/(app|tools)/.*\.cpp$" 2>&1 || true)
warnings=$(printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' | grep -E '(warning|error):' | sort -u || true)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings"
  echo "clang-tidy: $(printf '%s\n' "$warnings" | wc -l) finding(s)"
  exit 1
fi
echo "clang-tidy: clean"
