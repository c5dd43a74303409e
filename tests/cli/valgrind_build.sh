# valgrind_build.sh — Valgrind memcheck on one full build of the sample (PDF+EPUB): no
# memory error and no definite leak (issue 8, item 6).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$WORK"

command -v valgrind >/dev/null || fail "valgrind is missing (.ci/install-deps test installs it)"

# Valgrind cannot run a binary built with AddressSanitizer: in the sanitizer
# build, the plain build's binary (make test builds both) is the one checked.
BIN="$FOLIO"
if [[ "$(ldd "$FOLIO")" == *libasan* ]]; then
  BIN="$SRC/build/folio"
  [ -x "$BIN" ] || fail "$FOLIO is built with ASan, which valgrind cannot run, and there is no plain $BIN to check instead (run make build)"
  echo "valgrind_build: $FOLIO uses ASan; checking the plain build $BIN"
fi

OUT="$WORK/out"
rm -rf "$OUT"
status=0
valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --log-file="$WORK/valgrind.log" \
  "$BIN" build "$SRC/examples/sample" -o "$OUT" --quiet || status=$?
if [ "$status" -ne 0 ]; then
  cat "$WORK/valgrind.log" >&2
  [ "$status" -eq 99 ] && fail "valgrind found memory errors or definite leaks (log above)"
  fail "folio build failed under valgrind with status $status"
fi
[ -s "$OUT/sample.pdf" ] || fail "no PDF was written under valgrind"
[ -s "$OUT/sample.epub" ] || fail "no EPUB was written under valgrind"
grep -q "ERROR SUMMARY: 0 errors" "$WORK/valgrind.log" || fail "valgrind's summary is not clean: $(grep 'ERROR SUMMARY' "$WORK/valgrind.log")"
grep -q "definitely lost: 0 bytes" "$WORK/valgrind.log" || grep -q "All heap blocks were freed" "$WORK/valgrind.log" ||
  fail "valgrind reports a definite leak: $(grep 'definitely lost' "$WORK/valgrind.log")"
echo "valgrind_build: clean ($(grep -o 'total heap usage.*' "$WORK/valgrind.log"))"
