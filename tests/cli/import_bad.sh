# import_bad.sh — `folio import` on what is not a readable manuscript (issue 20):
# a .doc (made by LibreOffice, and a bare OLE2 file), a password-protected
# (encrypted) document, a damaged zip, a zip bomb, an XML entity bomb, a picture
# path climbing out of the package, XML that is not well-formed, a zip that is
# no .docx, and bad command lines. Each is a clear error, exit 1 (2 for the
# command line), with nothing written: no article, no picture, edition.yaml
# untouched.
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}" "${SRC:?}"
PY=/usr/bin/python3
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }

$PY "$SRC/tests/cli/docx_make.py" bad bad
$PY "$SRC/tests/cli/docx_make.py" lo src
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" \
  --convert-to 'doc:MS Word 97' --outdir bad src/lo2.html >lo.log 2>&1 ||
  fail "LibreOffice could not write a .doc: $(cat lo.log)"
[ -s bad/lo2.doc ] || fail "LibreOffice wrote no .doc: $(cat lo.log)"

mkdir -p ed/articles
printf 'journal: 测试\nissue: 第1期\ndate: 2024-01\ncontents:\n  - section: 栏目\n    articles:\n      - articles/a.md  # 注释\n' >ed/edition.yaml
printf -- '---\ntitle: 一篇\n---\n\n正文。\n' >ed/articles/a.md
cp ed/edition.yaml before.yaml

run() { # FILE PATTERN: exit 1, the pattern on stderr, nothing written
  set +e
  timeout 120 "$FOLIO" import "bad/$1" -o "out/$1.md" 2>err.txt
  local st=$?
  set -e
  [ $st = 1 ] || fail "$1: status $st, want 1: $(cat err.txt)"
  grep -qE -- "$2" err.txt || fail "$1: stderr lacks /$2/: $(cat err.txt)"
  [ ! -e out ] || fail "$1: something was written: $(find out)"
  set +e
  timeout 120 "$FOLIO" import "bad/$1" --edition ed --section 栏目 2>err.txt
  st=$?
  set -e
  [ $st = 1 ] || fail "$1 into an edition: status $st"
  cmp -s before.yaml ed/edition.yaml || fail "$1: edition.yaml changed"
  [ "$(ls ed/articles)" = a.md ] && [ ! -e ed/images ] || fail "$1: files left in the edition"
  echo "  $1: $(grep -m1 error err.txt)"
}
run lo2.doc 'a \.doc file \(binary Word 97-2003\).*save it as \.docx'
run binary.doc 'a \.doc file'
run locked.docx 'password-protected \(encrypted\)'
run damaged.docx 'damaged zip archive'
run bomb.docx 'word/document.xml is .* refused as a zip bomb'
run entities.docx 'declares a document type or entities.*refused'
run escape.docx "picture's path \(etc/passwd\) climbs out of the document's package"
run notxml.docx 'word/document.xml:1: damaged XML'
run other.zip 'a zip archive without word/document.xml'

# a good manuscript still imports after all that
"$FOLIO" import bad/good.docx -o out/good.md 2>/dev/null || fail "good.docx did not import"
grep -q '一段正文。' out/good.md || fail "good.md lacks its text"
# a damaged picture is left out, named with its paragraph, and no empty images/ stays
"$FOLIO" import bad/badpic.docx -o pic/badpic.md 2>err.txt || fail "badpic.docx: $(cat err.txt)"
grep -q 'paragraph 2: the picture word/media/image1.png cannot be read' err.txt ||
  fail "badpic.docx: no warning naming the paragraph: $(cat err.txt)"
[ "$(ls pic)" = badpic.md ] || fail "badpic.docx left $(ls pic)"

# the command line
cl() { # STATUS PATTERN ARGS...
  local want=$1 pat=$2
  shift 2
  set +e
  "$FOLIO" import "$@" >/dev/null 2>err.txt
  local st=$?
  set -e
  [ $st = "$want" ] || fail "import $*: status $st, want $want"
  grep -qE -- "$pat" err.txt || fail "import $*: stderr lacks /$pat/: $(cat err.txt)"
}
cl 2 'no SOURCE'
cl 2 'say where the result goes' bad/good.docx
cl 2 '--edition and --section go together' bad/good.docx --edition ed
cl 2 'exclude each other' bad/good.docx -o x.md --edition ed --section s
cl 2 'unknown option' bad/good.docx --frobnicate
cl 1 'cannot open' bad/missing.docx -o x.md
cl 1 'is a folder' bad/good.docx -o out
cl 1 'is not an edition folder' bad/good.docx --edition bad --section s
echo "import_bad: every bad manuscript refused with its reason, nothing written"
