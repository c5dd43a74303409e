#!/usr/bin/env bash
# archive_full.sh — `archive add` on a full disk: the archive on a small tmpfs, filled so
# that 0, 8, 16 … KB are left free, one add at each level, until adds succeed. Each add
# either succeeds or fails with exit 1 and the system's (or SQLite's) own reason; once the
# disk has room again, verify, list and search find exactly the editions whose add
# succeeded, and the next writer leaves nothing in .tmp. Without the right to mount, a
# file size limit (ulimit -f) makes the writes fail the same way.
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}" "${SOURCE_DATE_EPOCH:?}"
fail() { echo "archive_full: FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/archive_common.bash"
if mountpoint -q "$WORK/disk" 2> /dev/null; then umount "$WORK/disk"; fi
rm -rf "$WORK"
mkdir -p "$WORK/disk"

# one build serves every edition: they lay out alike, and the record comes from each
make_edition "$WORK/e0" 1 foliofull0
"$FOLIO" build "$WORK/e0" -o "$WORK/out" > /dev/null || fail "build"
for k in $(seq 1 80); do
  make_edition "$WORK/e$k" "$k" "foliofull$k"
done
add() { "$FOLIO" archive add "$A" "$WORK/out" --edition "$WORK/e$1"; }

MOUNTED=
if mount -t tmpfs -o size=6m tmpfs "$WORK/disk" 2> /dev/null; then
  MOUNTED=1
  trap 'umount "$WORK/disk" 2> /dev/null || true' EXIT
fi
A=$WORK/disk/archive
add 1 > /dev/null || fail "the first add"
declare -A cur=([1]=foliofull1)
nbags=1 ok=0 refused=0 later=0 free=0 k=1 streak=0
avail_kb() { df -k --output=avail "$WORK/disk" | tail -1 | tr -d ' '; }
while [ $streak -lt 3 ] && [ $k -lt 80 ]; do
  k=$((k + 1))
  set +e
  if [ -n "$MOUNTED" ]; then
    fill=$(($(avail_kb) - free))
    [ $fill -le 0 ] || fallocate -l "${fill}K" "$WORK/disk/filler" || head -c "${fill}K" /dev/zero > "$WORK/disk/filler"
    add $k > "$WORK/add.out" 2> "$WORK/add.err"
    st=$?
    rm -f "$WORK/disk/filler"
  else
    (trap '' XFSZ; ulimit -f $((free + 8)); add $k > "$WORK/add.out" 2> "$WORK/add.err")
    st=$?
  fi
  set -e
  WHAT="an add with ${free} KB free"
  if [ $st = 0 ]; then
    cur[$k]=foliofull$k nbags=$((nbags + 1)) ok=$((ok + 1)) streak=$((streak + 1))
    ! grep -q "done by the next command" "$WORK/add.err" || later=$((later + 1))
  else
    [ $st = 1 ] || fail "$WHAT exited $st: $(cat "$WORK/add.err")"
    grep -qE "No space left on device|database or disk is full|File too large" "$WORK/add.err" ||
      fail "$WHAT failed without saying the disk is full: $(cat "$WORK/add.err")"
    refused=$((refused + 1)) streak=0
  fi
  out=$("$FOLIO" archive verify "$A" 2>&1) || fail "verify after $WHAT: $out"
  grep -q "^$A: $nbags bags\? intact" <<< "$out" || fail "verify after $WHAT: want $nbags bags: $out"
  [ "$("$FOLIO" archive list "$A" | grep -c .)" = "${#cur[@]}" ] || fail "list after $WHAT: want ${#cur[@]}"
  [ "$("$FOLIO" archive search "$A" "foliofull$k" | grep -c .)" = $((st == 0 ? 2 : 0)) ] ||
    fail "search after $WHAT: the edition is $([ $st = 0 ] || echo not) filed"
  free=$((free + 8))
done
[ $refused -ge 5 ] || fail "only $refused adds ran out of space"
[ $ok -ge 3 ] || fail "the adds never succeeded again"
for n in "${!cur[@]}"; do
  [ "$("$FOLIO" archive search "$A" "${cur[$n]}" | grep -c .)" = 2 ] || fail "edition $n is lost"
done
add 1 > /dev/null 2>&1 || true # refused (already there); cleans the work area
[ -z "$(ls -A "$A/.tmp")" ] || fail "work files left: $(ls -A "$A/.tmp")"
echo "archive_full: $refused adds refused for want of space (up to $((free - 8)) KB free), $ok filed ($later with index.html left to the next command); the archive whole after each"
