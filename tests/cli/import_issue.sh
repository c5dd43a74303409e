# import_issue.sh — `folio import` of past issues (issue 17): a text in the
# form print extraction leaves (contents with pages, letter-spaced masthead,
# running heads, folios, a jump line), the same text in GB18030, folio's own
# PDF of the sample compared with the sample edition, and bad sources (binary,
# empty, a scanned PDF, a text past the size limit), each a clear error, exit
# 1, nothing written. Imported editions must check and build.
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}" "${SRC:?}"
PY=/usr/bin/python3
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }
art() { grep -l "^title: $1\$" "$2"/articles/*.md | head -1; }

# ---- a text issue -----------------------------------------------------------
"$FOLIO" import "$SRC/tests/data/import/issue1.txt" -o t1 2>t1.err || fail "text import: $(cat t1.err)"
grep -q 'imported 5 articles in 4 sections' t1.err || fail "summary: $(cat t1.err)"
grep -q '^journal: 青川通讯$' t1/edition.yaml || fail "journal"
grep -q '^issue: 2031年第4期$' t1/edition.yaml || fail "issue"
grep -q '^date: "2031-04"$' t1/edition.yaml || fail "date from the masthead"
grep -q '^  - 主编: 林望舒$' t1/edition.yaml || fail "letter-spaced masthead label"
grep -q '^  - section: 经验交流$' t1/edition.yaml || fail "sections"
for t in 湖畔的灯 小巷里的议事会 把服务送到田间地头 一张清单管到底 老街换新颜的三点体会; do
  [ -n "$(art "$t" t1)" ] || fail "title $t"
done
a=$(art 小巷里的议事会 t1)
grep -q '^byline: 本刊记者 苏明远$' "$a" || fail "byline"
grep -q '^## 一、议事会是怎么议事的$' "$a" || fail "heading"
grep -q '贴在巷口的公告栏里，让每一户都能看到要议什么。' "$a" || fail "paragraph across a page break"
grep -q '长椅。居民们说，议事会' "$a" || fail "continuation (上接第5页) moved back to its article"
! grep -q '上接\|下转' t1/articles/*.md || fail "jump marks left in the text"
! grep -qx '[0-9]\+' t1/articles/*.md || fail "folio left"
! grep -qx '基层观察' t1/articles/*.md || fail "running head left"
grep -q '^subtitle: ——青川县推行流动服务站的做法$' "$(art 把服务送到田间地头 t1)" || fail "subtitle"
grep -q '^### (一)先听居民怎么说$' "$(art 老街换新颜的三点体会 t1)" || fail "level-3 heading"
grep -q '# removed as furniture: 4 page numbers' t1/import-report.txt || fail "report counts"
"$FOLIO" check t1 >/dev/null || fail "imported edition does not check"
"$FOLIO" build t1 -o t1-out >/dev/null 2>&1 || fail "imported edition does not build"

# GB18030: converted, said, same edition
iconv -f UTF-8 -t GB18030 "$SRC/tests/data/import/issue1.txt" >gb.txt
"$FOLIO" import gb.txt -o gb 2>gb.err || fail "GB18030 import: $(cat gb.err)"
grep -q 'GB18030, not UTF-8: converted' gb.err || fail "GB18030 not reported"
diff -r t1/articles gb/articles >/dev/null || fail "GB18030 import differs"

# ---- folio's own PDF of the sample ------------------------------------------
"$FOLIO" build "$SRC/examples/sample" -o pdf >/dev/null 2>&1
"$FOLIO" import pdf/sample.pdf -o p1 2>p1.err || fail "PDF import: $(cat p1.err)"
$PY "$SRC/tests/cli/import_issue.py" "$SRC/examples/sample" p1 titles=0.95 coverage=0.99 \
  precision=0.995 paragraphs=0.95 attribution=0.95 sections=0.95 journal=1 issue=1 || fail "PDF import figures"
grep -q 'figure caption left out with its picture: "图1 ' p1/import-report.txt || fail "caption not reported"
! grep -q '图1 \?2023年' p1/articles/*.md || fail "a caption left in an article's text"
"$FOLIO" check p1 >/dev/null || fail "imported PDF edition does not check"
# one column on A4, where a long title's contents entry puts its authors and page on a second line
"$FOLIO" build "$SRC/examples/sample" --layout a4 --pdf -o pa4 >/dev/null 2>&1
"$FOLIO" import pa4/sample.pdf -o a4 2>a4.err || fail "A4 PDF import: $(cat a4.err)"
$PY "$SRC/tests/cli/import_issue.py" "$SRC/examples/sample" a4 titles=1 coverage=0.995 \
  precision=0.995 paragraphs=0.95 attribution=0.95 sections=0.95 journal=1 issue=1 ||
  fail "A4 PDF import figures"

# ---- PDFs other typesetters made of the sample -----------------------------
$PY "$SRC/tests/cli/import_typeset.py" "$SRC/examples/sample" md >xe.md
pandoc xe.md -o xe.pdf --pdf-engine=xelatex --toc -V CJKmainfont="Noto Serif CJK SC" 2>xe.log ||
  fail "pandoc/XeLaTeX: $(tail -5 xe.log)"
$PY "$SRC/tests/cli/import_typeset.py" "$SRC/examples/sample" html >wp.html
weasyprint wp.html wp.pdf 2>wp.log || fail "WeasyPrint: $(tail -5 wp.log)"
for t in xe wp; do
  "$FOLIO" import $t.pdf -o i$t 2>i$t.err || fail "$t import: $(cat i$t.err)"
  # XeLaTeX's text layer has U+FFFD for the ■ its font lacks: a few paragraph starts lost;
  # WeasyPrint heads its pages with the section's name (its contents list names none)
  secs=""
  [ $t = wp ] && secs=sections=0.9
  $PY "$SRC/tests/cli/import_issue.py" "$SRC/examples/sample" i$t titles=0.95 coverage=0.995 \
    precision=0.995 paragraphs=0.92 attribution=0.95 journal=1 issue=1 $secs || fail "$t PDF import figures"
  "$FOLIO" check i$t >/dev/null || fail "$t: imported edition does not check"
done

# ---- past issues as they survive, when the seeds are beside the project -----
for s in "$SRC"/../shared/seeds/00[012]_*.txt; do
  [ -f "$s" ] || continue
  n=$(basename "$s" .txt)
  "$FOLIO" import "$s" -o "seed-$n" 2>/dev/null || fail "seed $n"
  "$FOLIO" check "seed-$n" >/dev/null || fail "seed $n does not check"
  ! grep -q 'not placed' "seed-$n/import-report.txt" || fail "seed $n: a line not placed"
done

# ---- bad sources ------------------------------------------------------------
bad() { # NAME FILE EXPECTED-MESSAGE
  set +e; "$FOLIO" import "$2" -o "out-$1" 2>"$1.err"; rc=$?; set -e
  [ "$rc" = 1 ] || fail "$1: exit $rc"
  grep -q "$3" "$1.err" || fail "$1: message $(cat "$1.err")"
  [ ! -e "out-$1" ] && ! ls -d out-"$1".import-* 2>/dev/null || fail "$1: something written"
}
head -c 4096 /dev/urandom >bin.dat; printf '\0' >>bin.dat
bad binary bin.dat 'not a text file'
: >empty.txt
bad empty empty.txt 'empty'
printf '\n\n   \n' >blank.txt
bad blank blank.txt 'empty'
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage24 -r50 -dFirstPage=1 -dLastPage=2 -o scan.pdf pdf/sample.pdf
bad scanned scan.pdf 'no text layer'
head -c 100 pdf/sample.pdf >cut.pdf
bad damaged cut.pdf 'not a readable PDF'
$PY -c "
import sys
line = ('本刊欢迎来稿，' * 40 + '\n').encode()
with open('big.txt', 'wb') as f:
    for _ in range(100 * 1024 * 1024 // len(line) + 1): f.write(line)"
bad huge big.txt 'more than any printed issue holds'
mkdir full && touch full/x
set +e; "$FOLIO" import "$SRC/tests/data/import/issue1.txt" -o full 2>full.err; rc=$?; set -e
[ "$rc" = 1 ] && grep -q 'not empty; nothing written' full.err || fail "non-empty target: $rc $(cat full.err)"
echo "import_issue: text, GB18030, PDF, seeds and 7 bad sources as expected"

# ---- a legacy PDF into the archive (archive add ARCHIVE FILE.pdf) ---------------
"$FOLIO" archive add arc pdf/sample.pdf >add.out 2>add.err || fail "legacy add: $(cat add.err)"
bag=$(sed -n 's/.* in arc\/\([^ ]*\) (.*/\1/p' add.out)
[ -n "$bag" ] || fail "no bag named: $(cat add.out)"
cmp pdf/sample.pdf "arc/$bag/data/sample.pdf" || fail "the master is not the original PDF's bytes"
[ -s "arc/$bag/data/sample.epub" ] && [ -s "arc/$bag/data/edition.yaml" ] &&
  [ -s "arc/$bag/data/import-report.txt" ] || fail "bag lacks the EPUB, edition or report"
"$FOLIO" archive list arc | grep -q 'imported$' || fail "list does not mark it imported"
"$FOLIO" archive verify arc >/dev/null || fail "verify"
hit=$("$FOLIO" archive search arc 调解室 | head -1)
page=$(sed -n 's/.*\tp\.\([0-9]*\)\t.*/\1/p' <<<"$hit")
[ -n "$page" ] || fail "search names no page: $hit"
pdftotext -f "$page" -l "$page" pdf/sample.pdf - | tr -d ' \n' | grep -q '调解室' ||
  fail "page $page of the original PDF does not hold the hit"
"$FOLIO" archive reindex arc >/dev/null && "$FOLIO" archive list arc | grep -q 'imported$' ||
  fail "reindex lost the imported mark"
set +e; "$FOLIO" archive add arc "$SRC/tests/data/import/issue1.txt" 2>txt.err; rc=$?; set -e
[ "$rc" = 1 ] && grep -q 'not a PDF' txt.err || fail "a text file filed as a legacy PDF: $rc $(cat txt.err)"
echo "import_issue: legacy PDF archived as it is, found on page $page, marked imported"
