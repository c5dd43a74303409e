# pg_common.bash — a throwaway PostgreSQL 15 for the catalogue's test and bench (sourced;
# not a test itself). start_pg makes one with Debian's initdb in a temporary folder as the
# unprivileged postgres user (as root) or as the caller, password logins only, listening
# on a Unix socket in that folder alone; it is stopped and removed when the shell exits.
# After it: PGBIN, PGDIR, PORT, PGSECRET, and pg_url DB (a postgresql:// URL) and pg_sql DB SQL.
PGBIN=/usr/lib/postgresql/15/bin
PGSECRET=folio-secret
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_url() { echo "postgresql://postgres:$PGSECRET@/$1?host=$PGDIR&port=$PORT"; }
pg_sql() { PGPASSWORD=$PGSECRET "$PGBIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -d "$1" -qc "$2"; }
stop_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
start_pg() { # LOG_DIR
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 is missing (.ci/install-deps test installs postgresql-15)" >&2; return 1; }
  PGDIR=$(mktemp -d /tmp/folio-pgdata-XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
  trap stop_pg EXIT
  printf '%s\n' "$PGSECRET" > "$PGDIR/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR/pw"
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$PGDIR/pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 > "$1/initdb.log" 2>&1 || { tail -3 "$1/initdb.log" >&2; return 1; }
  PORT=$((20000 + RANDOM % 20000))
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/server.log" \
    -o "-k $PGDIR -p $PORT -c listen_addresses=''" start > /dev/null || { tail -5 "$PGDIR/server.log" >&2; return 1; }
}
