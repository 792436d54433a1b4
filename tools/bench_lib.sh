# Shell helpers shared by the benchmark scripts (sourced, not run).

# Milliseconds since the epoch.
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }

# The median of the arguments (numbers).
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs the calling script again under BUILD/bin/pg_backend_run (a PostgreSQL
# + PostGIS of its own on loopback, JINMAP_TEST_PG_SERVER set, stopped after)
# unless it already runs there. usage: on_test_pg_server BUILD SCRIPT ARGS...
on_test_pg_server() {
  [ -n "${JINMAP_TEST_PG_SERVER:-}" ] && return 0
  local runner=$1/bin/pg_backend_run script=$2
  shift 2
  [ -x "$runner" ] || { echo "no $runner: build the pg_backend_run target" >&2; exit 1; }
  exec "$runner" /bin/bash "$script" "$@"
}
