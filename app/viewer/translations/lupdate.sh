#!/bin/sh
# Updates the viewer's translation sources (.ts) from the viewer's QML and C++
# and from the core messages a planner reads (JINMAP_MESSAGE in app/core, read
# as QT_TRANSLATE_NOOP; context "core"). The one lupdate command for these
# files: tests/gui/translations_current.sh runs it too.
# Usage: app/viewer/translations/lupdate.sh [LUPDATE] [TS…]
#   default: lupdate from PATH, the two .ts files here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
lupdate=${1:-lupdate}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$here/jinmap_zh_CN.ts" "$here/jinmap_en.ts"
cd "$here/.."
core=$(grep -rl --include='*.cpp' 'JINMAP_MESSAGE(' ../core | sort)
err=$(mktemp)
trap 'rm -f "$err"' EXIT
status=0
# shellcheck disable=SC2086  # the core file list is word-split on purpose
"$lupdate" -silent -no-obsolete -tr-function-alias QT_TRANSLATE_NOOP+=JINMAP_MESSAGE \
  qml/*.qml ./*.cpp ./*.h $core -ts "$@" 2>"$err" || status=$?
# lupdate's C++ parser does not know core's classes (it reads no headers);
# its notes about them say nothing about the messages.
grep -v 'Ignoring definition of undeclared qualified class' "$err" >&2 || true
exit "$status"
