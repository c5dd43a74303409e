#!/usr/bin/env bash
# The catalogue on PostgreSQL, against a real server: a throwaway PostgreSQL 15
# (Debian's postgresql-15) made with initdb in a temporary folder as the
# unprivileged postgres user, listening only on a Unix socket in that folder,
# password logins, stopped and removed at the end. tests/unit/pg_catalogue.c
# then files, lists and searches through the engine (src/archive/catalogue_pg.c).
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${WORK:?}"
fail() { echo "archive_pg: FAIL: $*" >&2; exit 1; }
TEST_BIN=$(dirname "$FOLIO")/tests/pg_catalogue
[ -x "$TEST_BIN" ] || fail "no $TEST_BIN (built with the tests)"

rm -rf "$WORK"
mkdir -p "$WORK"
. "$(dirname "$0")/pg_common.bash"
start_pg "$WORK" || fail "cannot start a PostgreSQL server (above)"
pg_sql postgres "CREATE DATABASE folio" || fail "CREATE DATABASE"

export FOLIO_PG_URL=$(pg_url folio)
export FOLIO_PG_BAD_URL=${FOLIO_PG_URL/$PGSECRET/wrong}
"$TEST_BIN" || fail "the PostgreSQL catalogue (above)"

# ---- the archive commands with --catalogue -----------------------------------------------------
. "$(dirname "$0")/archive_common.bash"
pg_sql postgres "CREATE DATABASE shared" || fail "CREATE DATABASE shared"
URL=$(pg_url shared)
A=$WORK/archive-pg
S=$WORK/archive-sqlite
for n in 1 2 3; do make_edition "$WORK/e$n" "$n" "foliopg$n"; done
# three editions filed at once, each in its own process and transaction
pids=()
for n in 1 2 3; do
  "$FOLIO" archive add "$A" "$WORK/e$n" --catalogue "$URL" > "$WORK/add$n.out" 2>&1 & pids+=($!)
done
for n in 1 2 3; do wait "${pids[$((n - 1))]}" || fail "add $n at once: $(cat "$WORK/add$n.out")"; done
for n in 1 2 3; do "$FOLIO" archive add "$S" "$WORK/e$n" > /dev/null || fail "SQLite add $n"; done
[ "$(FOLIO_CATALOGUE=$URL "$FOLIO" archive list "$A" | wc -l)" = 3 ] || fail "FOLIO_CATALOGUE list: $(FOLIO_CATALOGUE=$URL "$FOLIO" archive list "$A")"
"$FOLIO" archive list "$A" --catalogue "$URL" > "$WORK/list-pg.out"
"$FOLIO" archive list "$S" > "$WORK/list-sqlite.out"
cmp -s "$WORK/list-pg.out" "$WORK/list-sqlite.out" || fail "list differs: $(diff "$WORK/list-pg.out" "$WORK/list-sqlite.out")"
"$FOLIO" archive verify "$A" --catalogue "$URL" | grep -q "3 bags intact" || fail "verify on PostgreSQL"
[ ! -e "$A/catalogue.sqlite" ] || fail "an archive on PostgreSQL made a catalogue.sqlite"
# the same hits as the SQLite catalogue of the same editions
for q in 议事 社区治理 "群众 foliopg2" 居民議事會; do
  "$FOLIO" archive search "$A" $q --catalogue "$URL" --limit 100 2>&1 | sort > "$WORK/s-pg.out"
  "$FOLIO" archive search "$S" $q --limit 100 2>&1 | sort > "$WORK/s-sqlite.out"
  [ -s "$WORK/s-pg.out" ] || fail "no hit for $q"
  cmp -s "$WORK/s-pg.out" "$WORK/s-sqlite.out" || fail "search $q: $(diff "$WORK/s-pg.out" "$WORK/s-sqlite.out" | head -5)"
done

# ---- refused logins and bad URLs: exit 1 or 2, nothing changed -------------------------------------
make_edition "$WORK/e9" 9 foliopg9
set +e
"$FOLIO" archive add "$A" "$WORK/e9" --catalogue "${URL/$PGSECRET/wrong}" > /dev/null 2> "$WORK/bad.err"; rc=$?
set -e
[ $rc = 1 ] || fail "a refused login should exit 1, got $rc"
grep -q "cannot connect: .*password authentication failed" "$WORK/bad.err" || fail "refused login: $(cat "$WORK/bad.err")"
[ "$(ls "$A/bags/"*/ | grep -c 2024)" = 3 ] || fail "a refused add left a bag"
set +e
"$FOLIO" archive list "$A" --catalogue "${URL/port=$PORT/port=1}" > /dev/null 2> "$WORK/bad.err"; rc=$?
"$FOLIO" archive list "$A" --catalogue sqlite:///x.db > /dev/null 2>&1; rc2=$?
set -e
[ $rc = 1 ] && grep -q "cannot connect" "$WORK/bad.err" || fail "an unreachable server: $rc $(cat "$WORK/bad.err")"
[ $rc2 = 2 ] || fail "a URL that is not postgresql:// should exit 2, got $rc2"

# ---- kills during add: the next command sees a whole archive ---------------------------------------
t0=$(date +%s%N)
"$FOLIO" archive add "$A" "$WORK/e9" --catalogue "$URL" > /dev/null || fail "add of e9"
T_ADD=$(( ($(date +%s%N) - t0) / 1000000 ))
INS=0 OUTS=0
for k in $(seq 10 29); do
  make_edition "$WORK/e$k" "$k" "foliopg$k"
  "$FOLIO" archive add "$A" "$WORK/e$k" --catalogue "$URL" > /dev/null 2>&1 & pid=$!
  sleep "$(awk -v t="$T_ADD" -v r="$RANDOM" 'BEGIN { printf "%.3f", t * (0.2 + 1.0 * r / 32767) / 1000 }')"
  kill -KILL $pid 2> /dev/null || true
  wait $pid 2> /dev/null || true
  out=$("$FOLIO" archive verify "$A" --catalogue "$URL" 2>&1) || fail "verify after kill $k: $out"
  listed=$("$FOLIO" archive list "$A" --catalogue "$URL" | wc -l)
  grep -q "^$A: $listed bags intact" <<< "$out" || fail "after kill $k: $listed listed, $out"
  [ ! -e "$A/.journal" ] || fail "the journal is still there after kill $k"
  if "$FOLIO" archive list "$A" --catalogue "$URL" | grep -qP "\t2024年第${k}期\t"; then INS=$((INS + 1)); else OUTS=$((OUTS + 1)); fi
done
[ $INS -ge 1 ] && [ $OUTS -ge 1 ] || fail "the kills did not fall on both sides of the commit ($INS in, $OUTS out)"

# ---- reindex rebuilds the PostgreSQL catalogue from the bags alone ---------------------------------
"$FOLIO" archive add "$A" "$WORK/e1" --replace --catalogue "$URL" > /dev/null || fail "add --replace"
"$FOLIO" archive list "$A" --all --catalogue "$URL" > "$WORK/before.out"
"$FOLIO" archive search "$A" 议事 --limit 100 --catalogue "$URL" | sort > "$WORK/before-s.out"
grep -qP '\tsuperseded$' "$WORK/before.out" || fail "list --all shows the superseded bag"
pg_sql shared "DELETE FROM article_text; DELETE FROM articles; DELETE FROM editions" ||
  fail "emptying the catalogue"
[ -z "$("$FOLIO" archive list "$A" --catalogue "$URL")" ] || fail "the emptied catalogue still lists editions"
"$FOLIO" archive reindex "$A" --catalogue "$URL" | grep -q "from $(wc -l < "$WORK/before.out") bags" || fail "reindex on PostgreSQL"
"$FOLIO" archive list "$A" --all --catalogue "$URL" | cmp -s - "$WORK/before.out" || fail "list differs after reindex"
"$FOLIO" archive search "$A" 议事 --limit 100 --catalogue "$URL" | sort | cmp -s - "$WORK/before-s.out" || fail "search differs after reindex"
"$FOLIO" archive verify "$A" --catalogue "$URL" > /dev/null || fail "verify after reindex"

# ---- the web service on the PostgreSQL catalogue ---------------------------------------------------
"$FOLIO" archive serve "$A" --catalogue "$URL" --listen 127.0.0.1:0 --threads 2 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVE=$!
for _ in $(seq 1 100); do grep -q "http://" "$WORK/serve.out" 2> /dev/null && break; sleep 0.1; done
BASE=$(grep -o "http://127.0.0.1:[0-9]*" "$WORK/serve.out") || fail "serve did not start: $(cat "$WORK/serve.err")"
/usr/bin/python3 - "$BASE" "$(FOLIO_CATALOGUE=$URL "$FOLIO" archive search "$A" 议事 --limit 1000 | wc -l)" <<'PY' || { kill $SERVE; fail "the web service on PostgreSQL (above)"; }
import json, sys, urllib.error, urllib.parse, urllib.request
base, cli_hits = sys.argv[1], int(sys.argv[2])
def get(path):
    try:
        with urllib.request.urlopen(base + path) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
q = urllib.parse.quote
st, body = get("/api/search?q=" + q("議事") + "&limit=5")
res = json.loads(body)
assert st == 200 and res["total"] == cli_hits and len(res["hits"]) == 5, (st, res.get("total"), cli_hits)
hit = res["hits"][0]
st, body = get(hit["api_url"])
art = json.loads(body)
assert st == 200 and art["title"] == hit["title"] and "议事" in art["text"], (st, art.get("title"))
st, page = get(hit["url"])
assert st == 200 and hit["title"] in page.decode(), st
assert get("/")[0] == 200, "the catalogue page"
st, body = get("/api/editions/" + hit["edition"])
assert st == 200 and json.loads(body)["articles"], st
assert get("/api/search?q=" + q("。，"))[0] == 400, "a query of punctuation"
assert get("/api/editions/no-such/edition")[0] == 404, "an unknown edition"
print("serve on PostgreSQL:", res["total"], "hits for 議事, article, edition and pages answered")
PY
kill $SERVE; wait $SERVE 2> /dev/null || true

echo "archive_pg: 20 kills during add on PostgreSQL ($INS filed, $OUTS undone), a whole archive after each"
echo "archive_pg: schema, filings at once, replacement, searches as on SQLite, kills during add, reindex from the bags: on PostgreSQL $("$PGBIN/pg_ctl" --version | awk '{print $3}')"
