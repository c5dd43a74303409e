#!/usr/bin/env bash
# pdf_standards.sh — the PDFs folio claims to be standard are: the default
# sample PDF (tagged PDF/A-2u + PDF/UA-1, magazine and a4 layouts), the print
# shop's (--print: PDF/X-4, also with --bleed --crop-marks and with a
# printer's own profile) and one without claims (--pdf-standard none, still
# tagged), each walked by pdf_standards.py (pikepdf) rule by rule; the
# structure tree read back with `pdfinfo -struct-text` holds the edition's
# text whole and in order with no running head inside (pdf_struct_text.py);
# pdfinfo says Tagged: yes; Ghostscript and poppler render every page
# without a word.
set -euo pipefail
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }
PY=/usr/bin/python3
ED="$SRC/examples/sample"

# build NAME ARGS...: the sample's PDF into $WORK/NAME.pdf, its dump beside it
build() {
  local name=$1; shift
  "$FOLIO" build "$ED" -o "$WORK/$name" --pdf --quiet --dump-layout "$WORK/$name.json" "$@" ||
    fail "build $name ($*)"
  mv "$WORK/$name/sample.pdf" "$WORK/$name.pdf"
}

# renders PDF with poppler and Ghostscript; neither may say anything
renders() {
  pdftoppm -r 20 -gray "$1" "$WORK/r" >"$WORK/pp.out" 2>&1 || fail "pdftoppm $1"
  [ ! -s "$WORK/pp.out" ] || fail "poppler complains about $1: $(head -3 "$WORK/pp.out")"
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$1" >"$WORK/gs.out" 2>&1 || fail "gs $1"
  [ ! -s "$WORK/gs.out" ] || fail "Ghostscript complains about $1: $(head -3 "$WORK/gs.out")"
  rm -f "$WORK"/r-*.pgm
}

tagged() {
  pdfinfo "$1" | grep -q '^Tagged: *yes' || fail "pdfinfo does not say Tagged: yes for $1"
}

build default
build a4 --layout a4
build print --print
build printbleed --print --bleed --crop-marks
build printown --print --print-profile /usr/share/color/icc/ghostscript/ps_cmyk.icc
build none --pdf-standard none

for n in default a4; do
  $PY "$SRC/tests/cli/pdf_standards.py" "$WORK/$n.pdf" || fail "$n: not PDF/A-2u + PDF/UA-1"
  $PY "$SRC/tests/cli/pdf_struct_text.py" "$WORK/$n.pdf" "$ED" "$WORK/$n.json" ||
    fail "$n: the structure tree does not hold the edition's text"
done
for n in print printbleed printown; do
  $PY "$SRC/tests/cli/pdf_standards.py" "$WORK/$n.pdf" --print || fail "$n: not PDF/X-4"
done
$PY "$SRC/tests/cli/pdf_standards.py" "$WORK/none.pdf" --none || fail "--pdf-standard none"
for n in default a4 print printbleed printown none; do
  tagged "$WORK/$n.pdf"
  renders "$WORK/$n.pdf"
done

# the printer's own profile is the output intent
$PY - "$WORK/printown.pdf" /usr/share/color/icc/ghostscript/ps_cmyk.icc <<'PY' ||
import pikepdf, sys
oi = pikepdf.open(sys.argv[1]).Root.OutputIntents
own = open(sys.argv[2], "rb").read()
sys.exit(0 if all(o.DestOutputProfile.read_bytes() == own for o in oi) else 1)
PY
  fail "the printer's profile is not the output intent"
# a file that is no profile is an error naming it; no sRGB profile, an error naming its package
if "$FOLIO" build "$ED" -o "$WORK/bad" --pdf --quiet --print --print-profile "$ED/edition.yaml" \
  2>"$WORK/bad.err"; then fail "a YAML file taken for an ICC profile"; fi
grep -q "edition.yaml: not an ICC profile" "$WORK/bad.err" || fail "message: $(cat "$WORK/bad.err")"
if XDG_DATA_DIRS=/nonexistent "$FOLIO" build "$ED" -o "$WORK/bad" --pdf --quiet 2>"$WORK/bad.err"
then fail "built PDF/A without the sRGB profile"; fi
grep -q "no ICC profile color/icc/sRGB.icc .*icc-profiles-free" "$WORK/bad.err" ||
  fail "message: $(cat "$WORK/bad.err")"
echo "pdf_standards: all checks passed"
