# pdf_checks.sh — the sample edition's print PDF as a print shop and a reader
# would check it: qpdf clean, fonts embedded subsets with ToUnicode, text that
# extracts exactly (𠮷 included) without warnings, plain pdftotext reading
# the columns in order in all three layouts, Chinese title, bookmarks,
# labels, links, contents numbers, byte-identical rebuilds, TrimBox/BleedBox
# with --bleed, crop marks, and a build that fails midway leaving the earlier
# file untouched.
set -euo pipefail
fail() {
    echo "pdf_checks: FAIL: $*" >&2
    exit 1
}
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
for t in qpdf pdffonts pdftotext pdfinfo python3 cmp; do
    command -v "$t" >/dev/null || fail "$t is not installed"
done
rm -rf "$WORK"
mkdir -p "$WORK"
ED="$WORK/sample"
cp -r "$SRC/examples/sample" "$ED"
OUT="$WORK/out"

"$FOLIO" build "$ED" -o "$OUT" --pdf -q --dump-layout "$WORK/layout.json" 2>"$WORK/build.err" ||
    { cat "$WORK/build.err" >&2; fail "folio build failed"; }
PDF="$OUT/sample.pdf"
[ -s "$PDF" ] || fail "no PDF at $PDF"
echo "size: $(stat -c %s "$PDF") bytes, $(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}') pages"

# qpdf: no syntax or stream errors, no warnings
qpdf --check "$PDF" >"$WORK/qpdf.txt" 2>&1 || { cat "$WORK/qpdf.txt" >&2; fail "qpdf --check failed"; }
grep -q "No syntax or stream encoding errors" "$WORK/qpdf.txt" || fail "qpdf: $(cat "$WORK/qpdf.txt")"
! grep -qi "warning" "$WORK/qpdf.txt" || fail "qpdf warns: $(cat "$WORK/qpdf.txt")"
echo "qpdf: clean"

# pdffonts: every font embedded, subset, with a ToUnicode map
pdffonts "$PDF" >"$WORK/fonts.txt" 2>"$WORK/fonts.err"
[ ! -s "$WORK/fonts.err" ] || fail "pdffonts: $(cat "$WORK/fonts.err")"
awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") { bad++; print } }
     END { if (n == 0 || bad > 0) exit 1 }' "$WORK/fonts.txt" >&2 ||
    fail "a font is not embedded, subset and mapped: $(cat "$WORK/fonts.txt")"
grep -q '^[A-Z]\{6\}+' "$WORK/fonts.txt" || fail "no subset tags in $(cat "$WORK/fonts.txt")"
echo "pdffonts: $(($(wc -l <"$WORK/fonts.txt") - 2)) fonts, all emb/sub/uni"

# pdftotext: no warnings at all
pdftotext "$PDF" "$WORK/all.txt" 2>"$WORK/pdftotext.err"
[ ! -s "$WORK/pdftotext.err" ] || fail "pdftotext warns: $(head -5 "$WORK/pdftotext.err")"
grep -q "𠮷" "$WORK/all.txt" || fail "U+20BB7 does not come back out of pdftotext"

# text, source, title, outline, labels, links, contents numbers
# (two columns: at least 98% in order; what is left is paragraphs that run into
# the next column past a figure's caption)
python3 "$SRC/tests/data/pdf/pdf_check.py" "$PDF" "$WORK/layout.json" "$ED" 0.98 ||
    fail "pdf_check.py found problems (above)"

# the one-column layouts: plain pdftotext reads them in order, lines and
# paragraphs (running heads and folios aside)
for L in a4 a5; do
    "$FOLIO" build "$ED" -o "$WORK/$L" --pdf -q --layout "$L" --dump-layout "$WORK/$L.json" ||
        fail "--layout $L build failed"
    python3 "$SRC/tests/data/pdf/pdf_check.py" "$WORK/$L/sample.pdf" "$WORK/$L.json" "$ED" 0.99 ||
        fail "reading order with --layout $L (above)"
done

# the same input gives the same bytes
"$FOLIO" build "$ED" -o "$WORK/again" --pdf -q || fail "second build failed"
cmp "$PDF" "$WORK/again/sample.pdf" || fail "two builds differ"
echo "reproducible: identical"

# --bleed: TrimBox and BleedBox on every page, 3 mm apart, backgrounds in
# the bleed
"$FOLIO" build "$ED" -o "$WORK/bleed" --pdf -q --bleed || fail "--bleed build failed"
BP="$WORK/bleed/sample.pdf"
qpdf --check "$BP" >/dev/null 2>&1 || fail "qpdf --check fails on the --bleed PDF"
NP=$(pdfinfo "$BP" | awk '/^Pages:/ {print $2}')
pdfinfo -box -f 1 -l "$NP" "$BP" >"$WORK/boxes.txt"
[ "$(grep -c '^Page .* TrimBox:' "$WORK/boxes.txt")" = "$NP" ] || fail "TrimBox missing on some of $NP pages"
[ "$(grep -c '^Page .* BleedBox:' "$WORK/boxes.txt")" = "$NP" ] || fail "BleedBox missing on some pages"
python3 - "$WORK/boxes.txt" <<'EOF' || fail "bleed geometry wrong: $(grep '^Page *1 ' "$WORK/boxes.txt")"
import re, sys
t = open(sys.argv[1]).read()
def box(name):
    return [float(v) for v in re.search(rf"^Page\s+1 {name}:\s+(.*)$", t, re.M).group(1).split()]
m, tr, bl = box("MediaBox"), box("TrimBox"), box("BleedBox")
b = 3 * 72 / 25.4
ok = abs(tr[0] - b) < 0.01 and abs(bl[0]) < 0.01 and abs(m[2] - (tr[2] + b)) < 0.01 and abs(bl[2] - m[2]) < 0.01
print(f"bleed: MediaBox {m} TrimBox {tr} BleedBox {bl}")
sys.exit(0 if ok else 1)
EOF

# --crop-marks: marks in registration colour outside the bleed
"$FOLIO" build "$ED" -o "$WORK/crop" --pdf -q --bleed --crop-marks || fail "--crop-marks build failed"
qpdf --check "$WORK/crop/sample.pdf" >/dev/null 2>&1 || fail "qpdf --check fails with crop marks"
pdfinfo -box "$WORK/crop/sample.pdf" | awk '/^MediaBox:/ {w=$4} /^BleedBox:/ {b=$4} END {exit !(w > b + 20)}' ||
    fail "no room for crop marks outside the bleed"
qpdf --qdf --object-streams=disable "$WORK/crop/sample.pdf" "$WORK/crop.qdf.pdf"
grep -a -A1 "/Separation" "$WORK/crop.qdf.pdf" | grep -aq "/All" || fail "crop marks are not in the registration colour"
grep -aq "/Reg CS 1 SCN" "$WORK/crop.qdf.pdf" || fail "crop marks are not drawn"
echo "crop marks: ok"

# A build that fails midway (an image that the edition reader accepted but
# that cannot be decoded when the PDF is written: libharu's own PNG reader
# would abort the process here) reports the image and leaves the earlier PDF
# as it was, with no temporary file behind.
PNG=$(grep -rhoE 'images/[^)" ]+\.png' "$ED/articles" | head -1)
[ -n "$PNG" ] || fail "the sample has no PNG image to break"
cp "$PDF" "$WORK/before.pdf"
head -c 120 "$ED/$PNG" >"$WORK/broken.png"
cp "$WORK/broken.png" "$ED/$PNG"
if "$FOLIO" build "$ED" -o "$OUT" --pdf -q 2>"$WORK/fail.err"; then
    fail "a build with a truncated $PNG succeeded"
fi
grep -q "error: PDF: cannot read image $PNG" "$WORK/fail.err" || fail "the broken image is not reported: $(cat "$WORK/fail.err")"
cmp "$PDF" "$WORK/before.pdf" || fail "the failed build changed the earlier PDF"
[ -z "$(find "$OUT" -name '.*' -type f)" ] || fail "temporary files left: $(find "$OUT" -name '.*')"
echo "failed build: $(head -1 "$WORK/fail.err"); earlier PDF untouched"
echo "pdf_checks: all passed"
