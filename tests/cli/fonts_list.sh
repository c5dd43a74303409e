#!/usr/bin/env bash
# fonts_list.sh — `folio fonts`: every configured role with its faces; bad fonts and bad usage.
set -euo pipefail
mkdir -p "$WORK"
fail() { echo "fonts_list: FAIL: $*" >&2; exit 1; }

out="$WORK/list.txt"
"$FOLIO" fonts >"$out" 2>"$WORK/list.err" || fail "folio fonts exited $?"
[ ! -s "$WORK/list.err" ] || fail "unexpected diagnostics: $(cat "$WORK/list.err")"
# Every role of fonts/roles.yaml is listed, each with at least one face.
roles=$(sed -n 's/^  \([a-z][a-z-]*\):.*$/\1/p' "$SRC/fonts/roles.yaml")
[ -n "$roles" ] || fail "no roles read from roles.yaml"
for r in $roles; do
  grep -A1 -x "$r:" "$out" | grep -q '^  1\. ' || fail "role $r not listed with a face"
done
for r in song hei kai latin-serif latin-sans; do grep -qx "$r:" "$out" || fail "role $r missing"; done
# The defaults resolve to the Debian fonts, with file, face index, PostScript name, upem.
grep -A1 -x 'song:' "$out" |
  grep -q '1\. Noto Serif CJK SC  .*/NotoSerifCJK-Regular\.ttc:2  NotoSerifCJKsc-Regular  upem 1000' \
  || fail "song does not start with Noto Serif CJK SC (NotoSerifCJK-Regular.ttc face 2)"
grep -A2 -x 'song:' "$out" | grep -q '2\. AR PL UMing CN  .*/uming\.ttc:0  UMingCN  upem 1024' \
  || fail "song's first fallback is not AR PL UMing CN (uming.ttc face 0)"
grep -A1 -x 'hei:' "$out" | grep -q '1\. WenQuanYi Zen Hei  .*wqy-zenhei\.ttc:0' || fail "hei is not Zen Hei"
grep -A1 -x 'kai:' "$out" | grep -q '1\. AR PL UKai CN  .*ukai\.ttc:0' || fail "kai is not UKai"
grep -A3 -x 'song:' "$out" | grep -q '3\. LXGW WenKai  .*LXGWWenKai-Regular\.ttf:0' || fail "song's second fallback is not LXGW WenKai Regular"
grep -A1 -x 'latin-serif:' "$out" | grep -q '1\. Liberation Serif  .*LiberationSerif-Regular\.ttf' \
  || fail "latin-serif is not Liberation Serif Regular"

# Help and bad command lines.
"$FOLIO" fonts --help | grep -q '^usage: folio fonts' || fail "--help"
set +e
"$FOLIO" fonts --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option must exit 2"
"$FOLIO" fonts a b >/dev/null 2>&1; [ $? -eq 2 ] || fail "two editions must exit 2"
"$FOLIO" fonts "$WORK/no-such-edition" >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing edition must exit 1"
set -e

# A role configuration naming a file that is not a font: a clear error, exit 1, no crash.
data="$WORK/data"
mkdir -p "$data/fonts"
head -c 5000 /dev/zero | tr '\0' 'x' >"$data/fonts/garbage.ttf"
printf 'roles:\n  song:\n    - ./garbage.ttf\n' >"$data/fonts/roles.yaml"
set +e
FOLIO_DATA_DIR="$data" "$FOLIO" fonts >"$WORK/bad.out" 2>"$WORK/bad.err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "a garbage font file must exit 1 (got $rc)"
grep -q 'roles.yaml:3: error: font file .*garbage.ttf (face 0) is not a usable font' "$WORK/bad.err" \
  || fail "no clear error for the garbage font: $(cat "$WORK/bad.err")"
# A real font cut in half: an error or a listing, never a signal.
src_ttf=/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf
head -c $(( $(stat -c %s "$src_ttf") / 2 )) "$src_ttf" >"$data/fonts/half.ttf"
printf 'roles:\n  song:\n    - file: ./half.ttf\n' >"$data/fonts/roles.yaml"
set +e
FOLIO_DATA_DIR="$data" "$FOLIO" fonts >/dev/null 2>&1
rc=$?
set -e
[ $rc -le 1 ] || fail "a truncated font must not crash (exit $rc)"
echo "fonts_list: ok"
