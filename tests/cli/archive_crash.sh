#!/usr/bin/env bash
# archive_crash.sh — `archive add` (new editions and --replace) and `archive reindex`
# killed with SIGKILL at random moments spread over their run, as a power cut or an
# impatient operator would. After each kill the very next command — verify, list or
# search, in turn — and then the two others must see a whole archive: every earlier
# edition listed and found, the killed one wholly there or not at all, verify clean with
# the right number of bags, no journal left. Half the kills fall anywhere in the run,
# half where the run's outcome is still undecided (between the latest kill that left
# nothing and the earliest that found the edition filed), so that the moments between
# the journal and the commit are hit too; the tally is printed and checked.
#   CRASH_EDITIONS="DIR..."  also kill adds of these editions (e.g. real issues)
#   CRASH_SEED=N             repeat a run's moments
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}" "${SOURCE_DATE_EPOCH:?}"
fail() { echo "archive_crash: FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/archive_common.bash"
rm -rf "$WORK"
mkdir -p "$WORK"
A=$WORK/archive
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
LIMIT=$((SECONDS + 540)) # ctest gives 600

now_ms() { date +%s%3N; }

# ---- the archive before the kills: the sample and edition 1 ----------------------------
"$FOLIO" archive add "$A" "$SRC/examples/sample" > /dev/null || fail "add of the sample"
declare -A cur=()   # issue number -> word of its current version
NBAGS=1
make_edition "$WORK/e1" 1 folioa1
"$FOLIO" archive add "$A" "$WORK/e1" > /dev/null || fail "add of edition 1"
cur[1]=folioa1
NBAGS=2
for n in $(seq 2 60); do make_edition "$WORK/e$n" "$n" "folioa$n"; done
for n in $(seq 1 40); do make_edition "$WORK/r$n" 1 "foliob$n"; done
# each generated edition also carries this word: one search finds them all
for f in "$WORK"/[er]*/articles/[ab].md; do printf '共同词 folioqa。\n' >> "$f"; done
# editions given from outside are filed first, then replaced under the kills
EXTRA=0
for e in ${CRASH_EDITIONS:-}; do
  "$FOLIO" archive add "$A" "$e" > /dev/null || fail "add of $e"
  EXTRA=$((EXTRA + 1)) NBAGS=$((NBAGS + 1))
done

# ---- how long each command takes uninterrupted --------------------------------------------
timed() { local t0; t0=$(now_ms); "$@" > /dev/null || fail "$*"; echo $(($(now_ms) - t0)); }
T_ADD=$(timed "$FOLIO" archive add "$A" "$WORK/e60")
cur[60]=folioa60; NBAGS=3
T_REPLACE=$(timed "$FOLIO" archive add "$A" "$WORK/r40" --replace)
cur[1]=foliob40; NBAGS=4
T_REINDEX=$(timed "$FOLIO" archive reindex "$A")
echo "archive_crash: uninterrupted add ${T_ADD} ms, --replace ${T_REPLACE} ms, reindex ${T_REINDEX} ms (seed $SEED)"

# ---- the readers' view after a kill ----------------------------------------------------------
READERS=(verify list search)
nreader=0
# look KIND ISSUE NEWWORD OLDWORD: runs the three readers (the first in turn), works out
# whether the killed command's change is in, and checks that everything agrees with that.
look() {
  local kind=$1 issue=$2 new=$3 old=$4 first=$((nreader++ % 3)) k out rc in=""
  local vout="" lout="" sout=""
  for k in 0 1 2; do
    case ${READERS[$(((first + k) % 3))]} in
      verify) set +e; vout=$("$FOLIO" archive verify "$A" 2>&1); rc=$?; set -e
              [ "$rc" = 0 ] || fail "verify after $WHAT: $vout" ;;
      list)   set +e; lout=$("$FOLIO" archive list "$A" 2>&1); rc=$?; set -e
              [ "$rc" = 0 ] || fail "list after $WHAT: $lout" ;;
      search) set +e; sout=$("$FOLIO" archive search "$A" folioqa --limit 1000 2>&1); rc=$?; set -e
              [ "$rc" = 0 ] || fail "search after $WHAT: $sout" ;;
    esac
  done
  [ ! -e "$A/.journal" ] || fail "the journal is still there after $WHAT"
  # the change is in when list (or, for a replacement, search) says so
  case $kind in
    add) grep -qP "^试验周报\t2024年第${issue}期\t" <<< "$lout" && in=1 ;;
    replace) grep -q "社区议事 $new " <<< "$sout" && in=1 ;;
    real) grep -q "^$A: $((NBAGS + 1)) bags intact" <<< "$vout" && in=1 ;;
  esac
  if [ -n "$in" ]; then [ "$kind" = real ] || cur[$issue]=$new; NBAGS=$((NBAGS + 1)); fi
  # verify: every bag intact, exactly the filed ones
  grep -q "^$A: $NBAGS bags intact" <<< "$vout" || fail "verify after $WHAT: want $NBAGS bags: $vout"
  # list: the sample and every current edition, nothing else
  local nlist=$((1 + EXTRA + ${#cur[@]}))
  [ "$(grep -c . <<< "$lout")" = $nlist ] || fail "list after $WHAT: want $nlist editions: $lout"
  grep -q "^城乡治理与交流	" <<< "$lout" || fail "list after $WHAT lost the sample"
  # search: each current edition's two articles, in its current version
  local want="" got n
  for n in $(printf '%s\n' "${!cur[@]}" | sort -n); do
    grep -qP "^试验周报\t2024年第${n}期\t" <<< "$lout" || fail "list after $WHAT lost issue $n"
    want+="2024年第${n}期 社区议事 ${cur[$n]} 第a篇"$'\n'"2024年第${n}期 社区议事 ${cur[$n]} 第b篇"$'\n'
  done
  got=$(grep -P "^试验周报\t" <<< "$sout" | cut -f2,3 | tr '\t' ' ' | sort)
  [ "$got" = "$(printf '%s' "$want" | sort)" ] || fail "search after $WHAT: $(diff <(echo "$got") <(printf '%s' "$want" | sort) | head -5)"
  [ "$kind" != replace ] || [ -n "$in" ] || ! grep -q "社区议事 $new " <<< "$sout" || fail "half a replacement after $WHAT"
  [ -n "$in" ] && echo in || echo out
}

# ---- the kills ----------------------------------------------------------------------------------
declare -A lo=() hi=() tally=()
pick_ms() { # KIND TOTAL_MS I: a kill moment in ms (fractional); after the journal: 0-8 ms
  local kind=$1 total=$2 i=$3 a b
  case $((i % 3)) in
    0) a=0 b=$((total * 11 / 10)) ;;
    1) a=${lo[$kind]:-0} b=${hi[$kind]:-$((total * 11 / 10))} ;;
    2) a=0 b=8 ;;
  esac
  awk -v a="$a" -v b="$b" -v r="$RANDOM" 'BEGIN { printf "%.1f", a + (b - a) * r / 32767 }'
}
kill_at() { # MS AFTER_JOURNAL COMMAND...: runs the command, kills it MS ms after its start
  local ms=$1 after=$2 pid # (after its journal appeared when AFTER_JOURNAL is 1)
  shift 2
  "$@" > /dev/null 2>&1 &
  pid=$!
  if [ "$after" = 1 ]; then
    while [ ! -e "$A/.journal" ] && kill -0 "$pid" 2> /dev/null; do :; done
  fi
  sleep "$(awk -v m="$ms" 'BEGIN { printf "%.4f", m / 1000 }')"
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}
nobody_list() { # a reader that cannot write: answers from the last commit
  local out rc
  set +e
  if [ "$(id -u)" = 0 ]; then
    out=$(runuser -u nobody -- "$FOLIO" archive list "$A" 2>&1); rc=$?
  else
    chmod -R a-w "$A"; out=$("$FOLIO" archive list "$A" 2>&1); rc=$?; chmod -R u+w "$A"
  fi
  set -e
  grep -q "cannot take the archive's lock" <<< "$out" || fail "the read-only reader should say it left the journal: $out"
  # it answers from the last commit, or (SQLite cannot open a WAL a writer died in
  # without writing) says so; never half an edition, never a wrong reason
  if [ "$rc" = 0 ]; then RO_ANSWERED=$((RO_ANSWERED + 1)); else
    grep -q "this process cannot write the catalogue, and SQLite must write to open it" <<< "$out" ||
      fail "list by a reader that cannot write, after $WHAT: $out"
    RO_REFUSED=$((RO_REFUSED + 1))
  fi
}
crash() { # KIND TOTAL_MS I ISSUE NEW OLD COMMAND...
  local kind=$1 total=$2 i=$3 issue=$4 new=$5 old=$6 ms journal=0 res
  shift 6
  [ $SECONDS -lt $LIMIT ] || fail "out of time after ${#tally[@]} kinds, $KILLS kills"
  ms=$(pick_ms "$kind" "$total" "$i")
  local after=$((i % 3 == 2 ? 1 : 0))
  WHAT="$kind killed at $ms ms"
  [ $after = 0 ] || WHAT="$kind killed $ms ms after its journal appeared"
  kill_at "$ms" "$after" "$@"
  KILLS=$((KILLS + 1))
  if [ -e "$A/.journal" ]; then
    journal=1
    if [ $((JOURNALS++ % 4)) = 0 ]; then nobody_list; fi
  fi
  res=$(look "$kind" "$issue" "$new" "$old") || exit 1
  res=${res##*$'\n'}
  if [ "$res" = in ]; then [ "$kind" = real ] || cur[$issue]=$new; NBAGS=$((NBAGS + 1)); fi
  # narrow the undecided span: nothing yet / already done
  if [ $after = 0 ] && [ $journal = 0 ] && [ "$res" = out ] && awk -v m="$ms" -v l="${lo[$kind]:-0}" 'BEGIN{exit !(m > l)}'; then lo[$kind]=$ms; fi
  if [ $after = 0 ] && [ $journal = 0 ] && [ "$res" = in ] && awk -v m="$ms" -v h="${hi[$kind]:-1e9}" 'BEGIN{exit !(m < h)}'; then hi[$kind]=$ms; fi
  [ -z "${CRASH_TRACE:-}" ] || echo "$WHAT: journal $journal, $res" >&2
  local key="$kind $( [ $journal = 1 ] && echo journal || echo "$res")"
  tally[$key]=$(( ${tally[$key]:-0} + 1 ))
}
KILLS=0 JOURNALS=0 RO_ANSWERED=0 RO_REFUSED=0
for i in $(seq 1 18); do
  n=$((i + 1))
  [ -z "${cur[$n]:-}" ] || continue
  crash add "$T_ADD" "$i" "$n" "folioa$n" "" "$FOLIO" archive add "$A" "$WORK/e$n"
done
for i in $(seq 1 15); do
  crash replace "$T_REPLACE" "$i" 1 "foliob$i" "${cur[1]}" "$FOLIO" archive add "$A" "$WORK/r$i" --replace
done
for i in $(seq 1 12); do
  crash reindex "$T_REINDEX" "$i" 0 "" "" "$FOLIO" archive reindex "$A"
done
for e in ${CRASH_EDITIONS:-}; do
  crash real "$T_ADD" 1 0 "" "" "$FOLIO" archive add "$A" "$e" --replace
done

for k in "${!tally[@]}"; do echo "$k ${tally[$k]}"; done | sort | tr '\n' ';' | sed 's/;$//; s/;/; /g; s/^/archive_crash: kills by outcome: /'
echo
[ $KILLS -ge 40 ] || fail "only $KILLS kills"
[ $JOURNALS -ge 4 ] || fail "only $JOURNALS kills fell between the journal and its removal"
[ "${tally[add in]:-0}" -ge 1 ] && [ "${tally[add out]:-0}" -ge 1 ] || fail "the adds' kills did not fall on both sides of the commit"

# ---- afterwards: a writer cleans up what the kills left in .tmp --------------------------------
"$FOLIO" archive add "$A" "$WORK/e60" > /dev/null 2>&1 || true # refused: already archived
[ -z "$(ls -A "$A/.tmp")" ] || fail "work files left after the kills: $(ls -A "$A/.tmp")"
echo "archive_crash: readers that cannot write, after a kill left the journal: $RO_ANSWERED answered, $RO_REFUSED refused with SQLite's reason"
echo "archive_crash: $KILLS kills ($JOURNALS with the journal present): every time a whole archive"
