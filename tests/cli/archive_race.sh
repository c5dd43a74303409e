#!/usr/bin/env bash
# archive_race.sh — two `archive add`s (one of them a --replace in alternate rounds) racing
# an `archive reindex`, while readers list, search and verify the archive the whole time:
# every writer succeeds and lands, and no reader ever sees less than the editions filed
# before the round or half an edition.
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}" "${SOURCE_DATE_EPOCH:?}"
fail() { echo "archive_race: FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/archive_common.bash"
rm -rf "$WORK"
mkdir -p "$WORK"
A=$WORK/archive

for n in $(seq 1 9); do make_edition "$WORK/e$n" "$n" "foliorace$n"; done
for n in 1 2; do make_edition "$WORK/r$n" 1 "foliofix$n"; done
"$FOLIO" archive add "$A" "$WORK/e1" > /dev/null || fail "add of edition 1"

# readers: until the stop file appears, each answer must hold at least the editions
# filed before the round (FLOOR), every listed edition must be found with both its
# articles, and verify must pass. Failures are written to $WORK/reader.err.
reader() {
  local floor=$1 i=0 out n issues found
  while [ ! -e "$WORK/stop" ]; do
    case $((i++ % 3)) in
      0) out=$("$FOLIO" archive list "$A" 2>&1) || { echo "list: $out"; return; }
         n=$(grep -c . <<< "$out")
         [ "$n" -ge "$floor" ] || { echo "list shows $n editions, fewer than $floor: $out"; return; } ;;
      1) out=$("$FOLIO" archive search "$A" 社区议事 --limit 1000 2>&1) || { echo "search: $out"; return; }
         # two articles of each edition found, never one
         if cut -f2 <<< "$out" | sort | uniq -c | awk '$1 != 2 { exit 1 }'; then :; else
           echo "search found half an edition: $out"; return; fi
         n=$(cut -f2 <<< "$out" | sort -u | grep -c .)
         [ "$n" -ge "$floor" ] || { echo "search finds $n editions, fewer than $floor"; return; } ;;
      2) out=$("$FOLIO" archive verify "$A" 2>&1) || { echo "verify: $out"; return; } ;;
    esac
  done
}

declare -A cur=([1]=foliorace1) # issue -> the word of its current version
nbags=1
for round in 1 2 3 4; do
  rm -f "$WORK/stop"
  reader "${#cur[@]}" > "$WORK/reader$round.err" &
  rpid=$!
  a=$((2 * round)) b=$((2 * round + 1))
  second=("$WORK/e$b")
  if [ $((round % 2)) = 0 ]; then second=("$WORK/r$((round / 2))" --replace); fi
  "$FOLIO" archive add "$A" "$WORK/e$a" > "$WORK/add-a.out" 2>&1 &
  pa=$!
  "$FOLIO" archive add "$A" "${second[@]}" > "$WORK/add-b.out" 2>&1 &
  pb=$!
  "$FOLIO" archive reindex "$A" > "$WORK/reindex.out" 2>&1 &
  pr=$!
  wait $pa || fail "round $round: add of e$a: $(cat "$WORK/add-a.out")"
  wait $pb || fail "round $round: add of ${second[*]}: $(cat "$WORK/add-b.out")"
  wait $pr || fail "round $round: reindex: $(cat "$WORK/reindex.out")"
  touch "$WORK/stop"
  wait $rpid
  [ ! -s "$WORK/reader$round.err" ] || fail "round $round: a reader saw: $(cat "$WORK/reader$round.err")"
  cur[$a]=foliorace$a
  if [ $((round % 2)) = 0 ]; then cur[1]=foliofix$((round / 2)); else cur[$b]=foliorace$b; fi
  nbags=$((nbags + 2))
  out=$("$FOLIO" archive verify "$A") || fail "verify after round $round: $out"
  grep -q "^$A: $nbags bags intact" <<< "$out" || fail "round $round: want $nbags bags: $out"
  [ "$("$FOLIO" archive list "$A" | grep -c .)" = "${#cur[@]}" ] || fail "round $round: want ${#cur[@]} editions listed"
  for n in "${!cur[@]}"; do
    [ "$("$FOLIO" archive search "$A" "${cur[$n]}" | grep -c "社区议事 ${cur[$n]} ")" = 2 ] ||
      fail "round $round: issue $n (${cur[$n]}) is not found whole"
  done
done
[ "$("$FOLIO" archive search "$A" foliorace1 | grep -c .)" = 0 ] || fail "the replaced issue 1 is still found as current"
echo "archive_race: 4 rounds of two adds racing a reindex under readers: all landed, no reader saw a partial archive"
