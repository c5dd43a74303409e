#!/usr/bin/env bash
# The catalogue on PostgreSQL, against a real server: a throwaway PostgreSQL 15
# (Debian's postgresql-15) made with initdb in a temporary folder as the
# unprivileged postgres user, listening only on a Unix socket in that folder,
# password logins, stopped and removed at the end. tests/unit/pg_catalogue.c
# then files, lists and searches through the engine (src/archive/catalogue_pg.c).
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${WORK:?}"
fail() { echo "archive_pg: FAIL: $*" >&2; exit 1; }
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || fail "PostgreSQL 15 is missing (.ci/install-deps test installs postgresql-15)"
TEST_BIN=$(dirname "$FOLIO")/tests/pg_catalogue
[ -x "$TEST_BIN" ] || fail "no $TEST_BIN (built with the tests)"

rm -rf "$WORK"
mkdir -p "$WORK"
PGDIR=$(mktemp -d /tmp/folio-pgdata-XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
stop() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop EXIT
printf 'folio-secret\n' > "$PGDIR/pw"
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR/pw"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$PGDIR/pw" --auth=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 > "$WORK/initdb.log" 2>&1 || fail "initdb: $(tail -3 "$WORK/initdb.log")"
PORT=$((20000 + RANDOM % 20000))
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/server.log" \
  -o "-k $PGDIR -p $PORT -c listen_addresses=''" start > /dev/null || fail "the server did not start: $(tail -5 "$PGDIR/server.log")"
export PGPASSWORD=folio-secret
"$PGBIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE folio" 2> "$WORK/psql.err" ||
  fail "CREATE DATABASE: $(cat "$WORK/psql.err")"
unset PGPASSWORD

export FOLIO_PG_URL="postgresql://postgres:folio-secret@/folio?host=$PGDIR&port=$PORT"
export FOLIO_PG_BAD_URL="postgresql://postgres:wrong@/folio?host=$PGDIR&port=$PORT"
"$TEST_BIN" || fail "the PostgreSQL catalogue (above)"
echo "archive_pg: schema, three filings at once, replacement and four searches as on SQLite, on PostgreSQL $("$PGBIN/pg_ctl" --version | awk '{print $3}')"
