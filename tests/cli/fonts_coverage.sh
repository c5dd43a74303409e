#!/usr/bin/env bash
# fonts_coverage.sh — `folio fonts EDITION`: coverage per face, uncovered characters with file:line.
set -euo pipefail
mkdir -p "$WORK"
fail() { echo "fonts_coverage: FAIL: $*" >&2; exit 1; }

ed="$SRC/tests/data/fonts/pua"
"$FOLIO" fonts "$ed" >"$WORK/out.txt" 2>"$WORK/err.txt" || fail "folio fonts EDITION exited $?"
# U+E000 (private use) is on line 9 of the article, inside a paragraph starting on line 8.
grep -qx "articles/pua.md:9: warning: no font has U+E000 '$(printf '\xee\x80\x80')' (role song)" "$WORK/err.txt" \
  || fail "no warning with file:line for U+E000: $(cat "$WORK/err.txt")"
[ "$(wc -l <"$WORK/err.txt")" -eq 1 ] || fail "expected exactly one warning: $(cat "$WORK/err.txt")"
grep -qx 'no font for 1 character: U+E000' "$WORK/out.txt" || fail "summary does not name U+E000"
# 䶶 (U+4DB6) is covered: of the song chain only LXGW WenKai has it, so it covers one more
# character than Noto Serif CJK SC (which has 𠮷, U+20BB7).
no=$(sed -n 's/^  Noto Serif CJK SC *has *\([0-9]*\),.*/\1/p' "$WORK/out.txt")
wk=$(sed -n 's/^  LXGW WenKai *has *\([0-9]*\),.*/\1/p' "$WORK/out.txt")
[ -n "$no" ] && [ -n "$wk" ] || fail "no coverage lines"
[ "$wk" -eq $((no + 1)) ] || fail "LXGW WenKai should cover 䶶 besides Noto's ($no vs $wk)"
grep -q "^coverage of the edition's 49 distinct characters:" "$WORK/out.txt" || fail "distinct count"
# The edition's `fonts: {kai: LXGW WenKai}` puts LXGW WenKai first in kai.
grep -A1 '^kai ' "$WORK/out.txt" | grep -q '1\. LXGW WenKai ' || fail "edition override of kai not applied"

# An edition where every character has a font: no warnings at all.
mkdir -p "$WORK/ok/articles"
printf 'journal: 测试\nissue: 第1期\ndate: 2026-01\ncontents:\n  - section: 一\n    articles:\n      - articles/a.md\n' >"$WORK/ok/edition.yaml"
printf -- '---\ntitle: 标题\n---\n\n正文 ABC 123。\n' >"$WORK/ok/articles/a.md"
"$FOLIO" fonts "$WORK/ok" >"$WORK/ok.out" 2>"$WORK/ok.err" || fail "clean edition exited $?"
[ ! -s "$WORK/ok.err" ] || fail "clean edition warned: $(cat "$WORK/ok.err")"
grep -qx 'every character has a font' "$WORK/ok.out" || fail "clean edition summary"
echo "fonts_coverage: ok"
