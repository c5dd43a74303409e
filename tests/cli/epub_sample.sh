#!/usr/bin/env bash
# epub_sample.sh — `folio build --epub` on examples/sample: epubcheck finds no
# errors and no warnings (with and without --embed-fonts), the page list holds
# every numbered print page, rebuilds are byte-identical (in any time zone),
# and a failed build leaves the earlier EPUB as it was.
set -euo pipefail
fail() { echo "epub_sample: FAIL: $*" >&2; exit 1; }
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
mkdir -p "$WORK"
rm -rf "${WORK:?}"/*
S="$SRC/examples/sample"
[ -f "$S/edition.yaml" ] || fail "examples/sample/edition.yaml is missing"
CHECK="$SRC/tests/cli/epub_check.py"

epubcheck() {
    local out
    out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/bin/epubcheck "$1" 2>&1) || true
    grep -q "No errors or warnings detected" <<<"$out" || { echo "$out" >&2; fail "epubcheck: $1"; }
    echo "epubcheck $(basename "$1"): No errors or warnings detected"
}

"$FOLIO" build "$S" --epub -q -o "$WORK/a" --dump-layout "$WORK/layout.json" || fail "build failed"
E="$WORK/a/sample.epub"
[ -f "$E" ] || fail "no $E"
[ "$(ls -A "$WORK/a" | tr '\n' ' ')" = "sample.build.yaml sample.epub " ] ||
  fail "the output folder holds more than the EPUB and its build manifest: $(ls -A "$WORK/a")"
grep -q '^epub: {file: "sample.epub", sha256: [0-9a-f]\{64\}}$' "$WORK/a/sample.build.yaml" &&
  ! grep -q '^pdf:' "$WORK/a/sample.build.yaml" || fail "the manifest lists what was built: $(cat "$WORK/a/sample.build.yaml")"

# mimetype first and stored, as unzip and zipinfo see it.
[ "$(unzip -Z1 "$E" | head -1)" = "mimetype" ] || fail "mimetype is not the first entry"
zipinfo "$E" mimetype | grep -q ' stor ' || fail "mimetype is not stored: $(zipinfo "$E" mimetype)"

# Every print page with a number (printed or not) is in the page list.
pages=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(1 for p in d["pages"] if p["folio"] > 0 or p["label_number"] > 0 or p["label"]))
' "$WORK/layout.json")
[ "$pages" -gt 0 ] || fail "the layout has no numbered pages"
python3 "$CHECK" "$E" --no-fonts --pages "$pages" || fail "structure"
epubcheck "$E"

# Byte-identical rebuilds, whatever the local time zone.
TZ=America/New_York "$FOLIO" build "$S" --epub -q -o "$WORK/b" || fail "second build failed"
cmp "$E" "$WORK/b/sample.epub" || fail "two builds differ"

# Embedded fonts: subsets with cmap, still clean.
"$FOLIO" build "$S" --epub --embed-fonts -q -o "$WORK/f" || fail "build --embed-fonts failed"
F="$WORK/f/sample.epub"
python3 "$CHECK" "$F" --fonts --pages "$pages" || fail "structure with fonts"
epubcheck "$F"
"$FOLIO" build "$S" --epub --embed-fonts -q -o "$WORK/g" || fail "second build --embed-fonts failed"
cmp "$F" "$WORK/g/sample.epub" || fail "two builds with fonts differ"
echo "sizes: $(stat -c %s "$E") bytes without fonts, $(stat -c %s "$F") with"

# A failed build keeps the earlier EPUB and leaves no temporary file.
mkdir -p "$WORK/broken"
cp -r "$S" "$WORK/broken/sample" # same folder name: the build would write sample.epub
before=$(sha256sum "$E" | cut -d' ' -f1)
printf 'not a picture' >"$WORK/broken/sample/images/chart.png"
if "$FOLIO" build "$WORK/broken/sample" --epub -q -o "$WORK/a" 2>"$WORK/err.txt"; then
    fail "a build with a broken image succeeded"
fi
[ -s "$WORK/err.txt" ] || fail "the failed build said nothing"
[ "$(sha256sum "$E" | cut -d' ' -f1)" = "$before" ] || fail "the earlier EPUB changed"
[ -z "$(ls -A "$WORK/a" | grep -vE '^sample\.(epub|build\.yaml)$' || true)" ] || fail "leftovers: $(ls -A "$WORK/a")"
echo "epub_sample: ok ($pages pages in the page list)"
