#!/usr/bin/env bash
# cli_options.sh — the command line of every command: help on stdout (exit 0), usage errors
# on stderr (exit 2) with the command's name, and getopt_long's forms (--opt=value,
# abbreviations, options after the operands, `--`, clustered short options).
set -euo pipefail
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
fail() { echo "cli_options: FAIL: $*" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK"

# expect RC 'STDERR REGEX' ARGS...: the exit status and a line of stderr.
expect() {
  local want=$1 re=$2
  shift 2
  set +e; "$FOLIO" "$@" > "$WORK/out" 2> "$WORK/err"; local rc=$?; set -e
  [ "$rc" = "$want" ] || fail "folio $*: exit $rc, wanted $want: $(head -3 "$WORK/err")"
  [ -z "$re" ] || grep -qE -- "$re" "$WORK/err" || fail "folio $*: stderr lacks /$re/: $(head -3 "$WORK/err")"
}

# ---- help, version, unknown commands ----------------------------------------------
"$FOLIO" --help | grep -q '^usage: folio COMMAND' || fail "folio --help"
"$FOLIO" help | grep -q '^usage: folio COMMAND' || fail "folio help"
"$FOLIO" --version | grep -qE '^folio [0-9]+\.[0-9]+' || fail "folio --version"
expect 2 '^usage: folio COMMAND'
expect 2 "^folio: error: unknown command 'frob'" frob
expect 2 "^folio archive: error: unknown command 'frob'" archive frob
for c in build check fonts import "archive add" "archive list" "archive search" "archive verify" \
         "archive reindex"; do
  # shellcheck disable=SC2086
  "$FOLIO" $c --help > "$WORK/help" 2> "$WORK/help.err" || fail "folio $c --help exits $?"
  grep -q "^usage: folio $c" "$WORK/help" || fail "folio $c --help: no usage on stdout"
  [ ! -s "$WORK/help.err" ] || fail "folio $c --help writes to stderr"
  # shellcheck disable=SC2086
  "$FOLIO" $c -h | grep -q "^usage: folio $c" || fail "folio $c -h"
  # shellcheck disable=SC2086
  expect 2 "^folio $c: error: unknown option '--frob'" $c --frob
  grep -q "^usage: folio $c" "$WORK/err" || fail "folio $c --frob: no usage on stderr"
done

# ---- bad command lines ----------------------------------------------------------------
expect 2 "^folio build: error: no EDITION folder given" build
expect 2 "^folio build: error: more than one EDITION given \('b'\)" build a b
expect 2 "^folio build: error: -o needs a value" build x -o
expect 2 "^folio build: error: --layout needs a value" build x --layout
expect 2 "^folio build: error: --pdf takes no value" build x --pdf=yes
expect 2 "^folio build: error: unknown option '-x'" build -x
expect 2 "^folio check: error: no EDITION folder given" check
expect 2 "^folio fonts: error: more than one EDITION given" fonts a b
expect 2 "^folio archive add: error: ARCHIVE and EDITION\|OUTDIR\|FILE.pdf are needed" archive add A
expect 2 "^folio archive add: error: unexpected argument 'C'" archive add A B C
expect 2 "^folio archive add: error: --edition needs a value" archive add A B --edition
expect 2 "^folio archive list: error: no ARCHIVE folder given" archive list
expect 2 "^folio archive list: error: unexpected argument 'B'" archive list A B
expect 2 "^folio archive search: error: ARCHIVE and QUERY are needed" archive search A
expect 2 "^folio archive search: error: --limit needs a positive number" archive search A q --limit 0
expect 2 "^folio archive search: error: --limit needs a positive number" archive search A q --limit=x
expect 2 "^folio archive verify: error: no ARCHIVE folder given" archive verify
expect 2 "^folio archive reindex: error: unexpected argument 'B'" archive reindex A B

# ---- getopt_long's forms ------------------------------------------------------------------
# options after the operand, --opt=value, an abbreviation, clustered short options
E=$SRC/examples/sample
"$FOLIO" build "$E" --output="$WORK/o1" --pdf -q || fail "--output=DIR"
[ -f "$WORK/o1/sample.pdf" ] && [ ! -e "$WORK/o1/sample.epub" ] || fail "--pdf wrote: $(ls "$WORK/o1")"
"$FOLIO" build --epu -qo "$WORK/o2" "$E" || fail "--epu (abbreviation) and -qo DIR"
[ -f "$WORK/o2/sample.epub" ] && [ ! -e "$WORK/o2/sample.pdf" ] || fail "--epu -qo wrote: $(ls "$WORK/o2")"
# `--` ends the options: a folder named like an option
mkdir -p "$WORK/-e"
cp -r "$E/." "$WORK/-e/"
"$FOLIO" check -- "$WORK/-e" || fail "check -- DIR"
(cd "$WORK" && "$FOLIO" check -- -e) || fail "check -- -e"
expect 1 "no such archive folder" archive search "$WORK/none" --limit=3 -- -x

# ---- SOURCE_DATE_EPOCH: plain seconds or nothing ------------------------------------------
for v in 12x -1 " 5" 1.5 253402300800; do
  SOURCE_DATE_EPOCH=$v expect 1 "^folio: error: SOURCE_DATE_EPOCH must be a whole number of seconds" \
    build "$E" -o "$WORK/sde"
  SOURCE_DATE_EPOCH=$v expect 1 "^folio: error: SOURCE_DATE_EPOCH must be" archive add "$WORK/sde-a" "$E"
done
[ ! -e "$WORK/sde" ] && [ ! -e "$WORK/sde-a" ] || fail "a refused SOURCE_DATE_EPOCH left files behind"
# unset: the dates come from the edition (2026-03-25)
env -u SOURCE_DATE_EPOCH "$FOLIO" build "$E" -o "$WORK/o3" --pdf -q || fail "build without SOURCE_DATE_EPOCH"
grep -aq "CreationDate (D:20260325000000Z)" "$WORK/o3/sample.pdf" || fail "without SOURCE_DATE_EPOCH the PDF date is the edition's"
SOURCE_DATE_EPOCH=1700000000 "$FOLIO" build "$E" -o "$WORK/o4" --pdf -q || fail "build with SOURCE_DATE_EPOCH"
grep -aq "CreationDate (D:20231114221320Z)" "$WORK/o4/sample.pdf" || fail "SOURCE_DATE_EPOCH=1700000000 is the PDF date"
echo "cli_options: ok"
