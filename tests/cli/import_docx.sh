# import_docx.sh — Word manuscripts brought in (issue 20): one made by python-docx
# with Chinese style names, a bold run, a picture, a footnote, a list, a quotation,
# a table, tracked changes, a comment and a link; one with the style ids a Chinese
# Word writes (1, 2, a, a3) and a heading by outline level only; three converted by
# LibreOffice (headless) from a flat ODT, from HTML and from plain text. Each imported article is compared
# with its manuscript's text; then all three are filed into an edition, whose
# edition.yaml keeps its comments and order, and which passes `folio check` and
# builds.
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}" "${SRC:?}"
PY=/usr/bin/python3
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }

$PY "$SRC/tests/cli/docx_make.py" word src
$PY "$SRC/tests/cli/docx_make.py" wordcn src
$PY "$SRC/tests/cli/docx_make.py" lo src
# LibreOffice's own profile in the scratch folder: no clash with another run
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" \
  --convert-to 'docx:MS Word 2007 XML' --outdir src src/lo.fodt src/lo2.html src/plain.txt >lo.log 2>&1 ||
  fail "LibreOffice could not convert: $(cat lo.log)"
[ -s src/lo.docx ] && [ -s src/lo2.docx ] && [ -s src/plain.docx ] || fail "LibreOffice wrote no .docx: $(cat lo.log)"

# --- one article each, compared with the manuscript ---
for m in word wordcn lo lo2 plain; do
  "$FOLIO" import "src/$m.docx" -o "art/$m.md" 2>"$m.err" || fail "import $m: $(cat $m.err)"
  $PY "$SRC/tests/cli/docx_compare.py" "src/$m.json" "art/$m.md" || fail "$m.md differs from $m.docx"
done
[ -f art/images/word-1.png ] && [ -f art/images/lo-1.png ] && [ -f art/images/lo2-1.png ] ||
  fail "pictures not in art/images: $(ls art/images)"
# what cannot be carried is named, with the paragraph's number and first words
grep -q 'word.docx: warning: paragraph [0-9]* ("开放日"): a table (2 rows, 2 columns) cannot be carried' word.err ||
  fail "no warning for the table: $(cat word.err)"
grep -q 'tracked changes accepted as shown (1 insertion kept, 1 deletion dropped)' word.err ||
  fail "no note of the tracked changes: $(cat word.err)"
grep -q '1 comment left out' word.err || fail "no note of the comment: $(cat word.err)"
for m in wordcn lo2 plain; do
  [ ! -s $m.err ] || fail "warnings for a manuscript with nothing lost: $(cat $m.err)"
done
# text verbatim: full-width punctuation and curly quotes untouched
grep -q '管理员唐阿姨回忆说:“门口排起了队,我们只好临时多摆了两张桌子。”' art/word.md ||
  fail "punctuation changed: $(grep 唐阿姨 art/word.md)"
# front matter as manuscripts set it: bylines, kickers, subtitles, sources
$PY "$SRC/tests/cli/docx_make.py" front front
n=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' front/front.json)
for i in $(seq 0 $((n - 1))); do
  "$FOLIO" import "front/front-$i.docx" -o "front/f$i.md" 2>/dev/null || fail "import front-$i"
done
$PY - front <<'P' || fail "front matter"
import json, re, sys, yaml
d = sys.argv[1]
for i, want in enumerate(json.load(open(d + '/front.json', encoding='utf-8'))):
    src = open('%s/f%d.md' % (d, i), encoding='utf-8').read()
    got = yaml.safe_load(re.match(r'---\n(.*?)\n---\n', src, re.S).group(1))
    assert got == want, 'front-%d: got %s, want %s' % (i, got, want)
print('front matter: %d manuscripts, every title, subtitle, author, byline and source as set' % (i + 1))
P
# a tracked deletion of a paragraph mark joins the paragraphs, as Word shows them
$PY "$SRC/tests/cli/docx_make.py" joins joins
"$FOLIO" import joins/joins.docx -o joins/joins.md 2>joins.err || fail "import joins: $(cat joins.err)"
want='---
title: 秋天的集市
---

第一段的前半,接着写完。

甲,乙,丙。

独立的一段。

表格前的一段。

格子

表格后的一段。'
[ "$(cat joins/joins.md)" = "$want" ] || fail "deleted paragraph marks: $(cat joins/joins.md)"
grep -q '(0 insertions kept, 6 deletions dropped)' joins.err || fail "joins: $(cat joins.err)"
# importing again over the article replaces it and its pictures
"$FOLIO" import src/word.docx -o art/word.md 2>/dev/null || fail "second import over the first failed"

# --- filed into an edition ---
mkdir -p ed/articles
cat > ed/edition.yaml <<'Y'
# 社区生活 第3期 — the editor's own notes, kept as written
journal: 社区生活
issue: 2024年第3期
date: 2024-03

contents:
  # 调查 first, as agreed
  - section: 调查
    articles:
      - articles/first.md   # final
  - section: 随笔
    articles:
      - articles/second.md
# end
Y
printf -- '---\ntitle: 第一篇\n---\n\n第一篇的正文。\n' >ed/articles/first.md
printf -- '---\ntitle: 第二篇\n---\n\n第二篇的正文。\n' >ed/articles/second.md
cp ed/edition.yaml before.yaml
"$FOLIO" import src/word.docx --edition ed --section 社区 2>/dev/null || fail "filing word.docx"
"$FOLIO" import src/lo.docx --edition ed --section 调查 2>/dev/null || fail "filing lo.docx"
"$FOLIO" import src/lo2.docx --edition ed --section 调查 2>/dev/null || fail "filing lo2.docx"
$PY - before.yaml ed/edition.yaml <<'P' || fail "edition.yaml not edited as expected: $(cat ed/edition.yaml)"
import sys, yaml
old = open(sys.argv[1], encoding='utf-8').read().splitlines()
new = open(sys.argv[2], encoding='utf-8').read().splitlines()
# every line of the editor's file is still there, in order
it = iter(new)
assert all(any(l == m for m in it) for l in old), 'a line was lost or moved'
e = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))
got = [(s['section'], s['articles']) for s in e['contents']]
assert got == [('调查', ['articles/first.md', 'articles/lo.md', 'articles/lo2.md']),
               ('随笔', ['articles/second.md']),
               ('社区', ['articles/word.md'])], got
P
for f in articles/word.md articles/lo.md articles/lo2.md images/word-1.png images/lo-1.png images/lo2-1.png; do
  [ -f "ed/$f" ] || fail "ed/$f missing"
done
grep -q '](<../images/word-1.png>)' ed/articles/word.md || fail "picture not referenced from articles/"
"$FOLIO" check ed 2>check.err || fail "folio check failed: $(cat check.err)"
[ ! -s check.err ] || fail "folio check warned: $(cat check.err)"
"$FOLIO" build ed -o out 2>build.err || fail "build failed: $(cat build.err)"
pdftotext out/ed.pdf out.txt
for t in 社区图书馆的夜晚 一条河的十年 秋收时节的合作社 '图1 夜晚的阅览区'; do
  grep -q "$t" out.txt || fail "'$t' not in the built PDF"
done
# filing the same manuscript again is refused and changes nothing
cp ed/edition.yaml filed.yaml
if "$FOLIO" import src/lo.docx --edition ed --section 调查 2>again.err; then fail "filed twice"; fi
grep -q 'articles/lo.md exists already' again.err || fail "no reason given: $(cat again.err)"
cmp -s filed.yaml ed/edition.yaml || fail "a refused import changed edition.yaml"
echo "import_docx: 5 manuscripts imported and compared, 3 filed into an edition that checks and builds"
