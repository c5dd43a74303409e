# bad_input.sh — hostile and broken input: each case gives a clear error or a
# correct result, never a crash, a hang or a lost earlier output (issue 8).
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}"
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs folio with a time limit; records status and stderr; a signal is a failure.
run() {
  set +e
  timeout 120 "$FOLIO" "$@" >out.txt 2>err.txt
  st=$?
  set -e
  [ $st -lt 124 ] || fail "folio $* ended with status $st (hang or signal): $(head -5 err.txt)"
}
expect_error() { # STATUS PATTERN
  [ "$st" = "$1" ] || fail "expected status $1, got $st; stderr: $(head -5 err.txt)"
  grep -qE -- "$2" err.txt || fail "stderr lacks /$2/: $(head -5 err.txt)"
}

edition() { # DIR: a small valid edition with one article
  mkdir -p "$1/articles"
  cat > "$1/edition.yaml" <<'Y'
journal: 坏输入测试
issue: 2026年第1期
date: 2026-01
contents:
  - section: 栏目
    articles:
      - articles/a.md
Y
  printf -- '---\ntitle: 正常的文章\n---\n\n这是正文,一段普通的文字。\n' > "$1/articles/a.md"
}

# A good build first, so that later failures can be checked not to destroy it.
edition good
run build good -o out
[ $st = 0 ] || fail "valid edition failed: $(cat err.txt)"
cp out/good.pdf keep.pdf; cp out/good.epub keep.epub
unchanged() { cmp -s out/good.pdf keep.pdf && cmp -s out/good.epub keep.epub ||
  fail "an earlier output was changed by a failed build ($1)"; }

# Invalid UTF-8 in an article: the line of the bad byte.
printf -- '---\ntitle: 标题\n---\n\n第一行\n\n坏字节\xff在这里\n' > good/articles/a.md
run build good -o out
expect_error 1 '^articles/a.md:7: error: .*UTF-8'
unchanged "invalid UTF-8"

# A truncated file: front matter cut off in the middle.
printf -- '---\ntitle: 截断' > good/articles/a.md
run build good -o out
expect_error 1 '^articles/a.md:1: error: '
unchanged "truncated article"

# Binary garbage in place of an article.
head -c 20000 /dev/urandom > good/articles/a.md
run build good -o out
expect_error 1 '^articles/a.md(:[0-9]+)?: error: '
unchanged "binary article"

# Binary garbage in place of an image.
printf -- '---\ntitle: 有图\n---\n\n![图注](../images/x.png)\n' > good/articles/a.md
mkdir -p good/images; head -c 5000 /dev/urandom > good/images/x.png
run build good -o out
expect_error 1 '^articles/a.md:5: error: .*images/x.png.*(PNG|JPEG)'
unchanged "garbage image"

# A 100 MB image: refused clearly, not loaded.
truncate -s 100M good/images/x.png
run build good -o out
expect_error 1 '^articles/a.md:5: error: .*images/x.png'
unchanged "huge image"
rm -f good/images/x.png

# A path escaping the edition folder.
sed -i 's|articles/a.md|../outside.md|' good/edition.yaml
echo '---' > outside.md
run build good -o out
expect_error 1 '^edition.yaml:7: error: .*outside the edition folder'
unchanged "escaping path"
sed -i 's|../outside.md|articles/a.md|' good/edition.yaml

# An unreadable file (checked as an unprivileged user: root reads everything).
printf -- '---\ntitle: 标题\n---\n\n正文。\n' > good/articles/a.md
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  chmod -R a+rwX "$WORK"; chmod 000 good/articles/a.md
  set +e
  timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups "$FOLIO" check good >out.txt 2>err.txt
  st=$?
  set -e
  expect_error 1 '^articles/a.md: error: .*(cannot|Permission)'
  chmod 644 good/articles/a.md
else
  chmod 000 good/articles/a.md
  run check good
  expect_error 1 '^articles/a.md: error: '
  chmod 644 good/articles/a.md
fi

# A 2 MB paragraph with no break opportunity at all: set, not hung, nothing overfull.
{ printf -- '---\ntitle: 长段落\n---\n\n'; head -c 2000000 /dev/zero | tr '\0' 'x'; echo; } > good/articles/a.md
run build good -o big --pdf
[ $st = 0 ] || fail "2 MB paragraph: status $st: $(head -3 err.txt)"
pdfinfo big/good.pdf >/dev/null || fail "2 MB paragraph: the PDF does not open"

# 10,000 articles: a correct result (every title in the outline).
mkdir -p many/articles
{ printf 'journal: 万篇测试\nissue: 2026年第2期\ndate: 2026-02\ncontents:\n  - section: 简讯\n    articles:\n'
  for i in $(seq 1 10000); do printf '      - articles/%05d.md\n' "$i"; done; } > many/edition.yaml
for i in $(seq 1 10000); do printf -- '---\ntitle: 第%d条\nkind: brief\n---\n\n简讯正文第%d条。\n' "$i" "$i" > "many/articles/$(printf %05d "$i").md"; done
run build many -o manyout
[ $st = 0 ] || fail "10,000 articles: status $st: $(head -3 err.txt)"
pdftotext manyout/many.pdf many.txt
[ "$(grep -c '^简讯正文第[0-9]*条。$' many.txt)" = 10000 ] || fail "10,000 articles: not every brief is in the PDF"
grep -qE '第10000条(·)+[0-9]+$' many.txt || fail "10,000 articles: the contents lack the last entry"

# A full output disk: the build fails clearly and the earlier files survive.
edition good
run build good -o out
[ $st = 0 ] || fail "rebuild of the good edition failed"
cp out/good.pdf keep.pdf; cp out/good.epub keep.epub
mkdir -p full
if mount -t tmpfs -o size=8k tmpfs full 2>/dev/null; then
  cp keep.pdf full/good.pdf 2>/dev/null || true
  trap 'umount "$WORK/full" 2>/dev/null || true' EXIT
  before=$(ls full)
  run build good -o full
  expect_error 1 'full/good.pdf: error: cannot write the PDF: No space left on device'
  [ "$(ls full)" = "$before" ] || fail "a full disk left files behind: $(ls -a full)"
  run build good -o full --epub
  expect_error 1 'full/good.epub: error: cannot write the EPUB: No space left on device'
  [ "$(ls full)" = "$before" ] || fail "a full disk left EPUB files behind: $(ls -a full)"
  umount full; trap - EXIT
else
  # No mount here: a file size limit makes writes fail the same way (EFBIG).
  set +e
  (trap '' XFSZ; ulimit -f 64; timeout 60 "$FOLIO" build good -o out >out.txt 2>err.txt)
  st=$?
  set -e
  expect_error 1 'error: .*(too large|write|writing)'
  unchanged "write failure"
fi
echo "bad_input: all cases behaved"
