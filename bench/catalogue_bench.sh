#!/usr/bin/env bash
# make bench, the catalogue engines (issue 19): 2,000 editions (16,000 articles of the
# sample's paragraphs) filed into an archive on each engine — the archive's own SQLite
# file, and a throwaway PostgreSQL 15 on a Unix socket — then 200 searches; prints adds
# per second and the search latency percentiles of each (bench/catalogue_bench.c).
# FOLIO_CATALOGUE_BENCH_EDITIONS sets another count.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${FOLIO_BIN:-$ROOT/build/folio}
BENCH=$(dirname "$BIN")/tests/catalogue_bench
N=${FOLIO_CATALOGUE_BENCH_EDITIONS:-2000}
[ -x "$BENCH" ] || { echo "bench: no $BENCH (make build)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/folio-catbench-XXXXXX)
. "$ROOT/tests/cli/pg_common.bash"
start_pg "$WORK"
trap 'stop_pg; rm -rf "$WORK"' EXIT
pg_sql postgres "CREATE DATABASE bench"
echo "catalogue engines: $N editions each, then 200 searches (10 queries, one in Traditional characters)"
SRC=$ROOT "$BENCH" "$WORK/sqlite/archive" "$N"
SRC=$ROOT "$BENCH" "$WORK/pg/archive" "$N" "$(pg_url bench)"
