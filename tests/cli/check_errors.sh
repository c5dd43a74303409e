#!/usr/bin/env bash
# check_errors.sh — `folio check` on one broken edition per error class: exit status 1
# and the exact `PATH:LINE: error:` of each problem; a valid edition passes silently.
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${WORK:?WORK must name a scratch folder}"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
rm -rf "$WORK/eds" "$WORK/outside.md" "$WORK/outside.png"
mkdir -p "$WORK/eds"
cd "$WORK/eds"

fail() {
    echo "check_errors.sh: FAIL: $*" >&2
    exit 1
}

# A 1x1 RGBA PNG, made for this test.
PNG_B64='iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

# make_valid DIR: a small edition that passes `folio check`.
make_valid() {
    mkdir -p "$1/articles" "$1/images"
    cat >"$1/edition.yaml" <<'YAML'
journal: 测试刊
issue: 2024年第1期
date: 2024-01
year: 2024
number: 1
cover:
  image: images/p.png
contents:
  - section: 栏目一
    articles:
      - articles/a.md
      - articles/b.md
YAML
    cat >"$1/articles/a.md" <<'MD'
---
title: 第一篇
author: 作者
---

第一段。

![图片说明](../images/p.png)

最后一段。
MD
    cat >"$1/articles/b.md" <<'MD'
---
title: 第二篇
kind: brief
---

一段。
MD
    echo "$PNG_B64" | base64 -d >"$1/images/p.png"
}

# expect_errors DIR 'PATH:LINE: error: WORDS' ...: exit 1 and each message on stderr.
expect_errors() {
    local dir=$1
    shift
    local rc=0
    "$FOLIO" check "$dir" >"$dir.out" 2>"$dir.err" || rc=$?
    [ "$rc" -eq 1 ] || { cat "$dir.err" >&2; fail "$dir: exit status $rc, expected 1"; }
    [ ! -s "$dir.out" ] || fail "$dir: check wrote to standard output"
    for want in "$@"; do
        grep -qF -- "$want" "$dir.err" || { cat "$dir.err" >&2; fail "$dir: no '$want' on stderr"; }
    done
}

# --- a valid edition: exit 0, no output, nothing written
make_valid valid
find valid -printf '%p %s %T@\n' | sort >valid.before
rc=0
"$FOLIO" check valid >valid.out 2>valid.err || rc=$?
[ "$rc" -eq 0 ] || { cat valid.err >&2; fail "valid edition: exit status $rc"; }
[ ! -s valid.out ] && [ ! -s valid.err ] || { cat valid.out valid.err >&2; fail "valid edition: output"; }
find valid -printf '%p %s %T@\n' | sort >valid.after
cmp -s valid.before valid.after || fail "check changed the edition folder"
# the same with a trailing slash and a relative ./ path
"$FOLIO" check ./valid/ 2>valid.err || fail "check ./valid/ failed"

# --- warnings alone (an unknown key, raw HTML) keep exit status 0
make_valid warn
printf 'colour: red\n' >>warn/edition.yaml
printf '\n<div>x</div>\n' >>warn/articles/b.md
rc=0
"$FOLIO" check warn 2>warn.err || rc=$?
[ "$rc" -eq 0 ] || { cat warn.err >&2; fail "warnings only: exit status $rc"; }
grep -qF "edition.yaml:13: warning: unknown key 'colour'" warn.err || fail "warnings only: no unknown-key warning"
grep -qF "articles/b.md:8: warning: raw HTML" warn.err || fail "warnings only: no raw HTML warning"

# --- wrong command lines: exit 2
for args in "" "--bogus valid" "valid valid"; do
    rc=0
    # shellcheck disable=SC2086
    "$FOLIO" check $args >/dev/null 2>&1 || rc=$?
    [ "$rc" -eq 2 ] || fail "folio check $args: exit status $rc, expected 2"
done

# --- a required key missing
make_valid nokey
sed -i '/^journal:/d' nokey/edition.yaml
expect_errors nokey "edition.yaml:1: error: missing required key 'journal'"

# --- mistyped keys: a text where a list belongs, a word where an integer belongs, a bad date
make_valid mistyped
sed -i 's/^year: 2024/year: twenty/; s/^date: 2024-01/date: 2024-1-5/' mistyped/edition.yaml
expect_errors mistyped "edition.yaml:3: error: 'date' must be YYYY-MM or YYYY-MM-DD" \
    "edition.yaml:4: error: 'year' must be an integer"
make_valid notlist
cat >notlist/edition.yaml <<'YAML'
journal: 测试刊
issue: 第1期
date: 2024-01
contents: articles/a.md
YAML
expect_errors notlist "edition.yaml:4: error: 'contents' must be a list"
make_valid pathmap
sed -i 's|      - articles/b.md|      - {file: articles/b.md}|' pathmap/edition.yaml
expect_errors pathmap "edition.yaml:12: error: an article path must be a text"

# --- YAML syntax error
make_valid syntax
sed -i 's/^issue: 2024年第1期/issue: "2024年第1期/' syntax/edition.yaml
expect_errors syntax "edition.yaml:"
grep -qE '^edition.yaml:[0-9]+: error: YAML syntax error' syntax.err || fail "syntax: no YAML syntax error line"

# --- an article file that is missing
make_valid missing
sed -i 's|articles/b.md|articles/nope.md|' missing/edition.yaml
expect_errors missing "edition.yaml:12: error: article file 'articles/nope.md' not found"

# --- an article path climbing out with ../, an absolute path, a symlink out
echo "---
title: outside
---
x" >"$WORK/outside.md"
make_valid escape
sed -i 's|articles/b.md|../../outside.md|' escape/edition.yaml
expect_errors escape "edition.yaml:12: error: article '../../outside.md': the path leads outside the edition folder"
make_valid absolute
sed -i "s|articles/b.md|$WORK/outside.md|" absolute/edition.yaml
expect_errors absolute "edition.yaml:12: error: article '$WORK/outside.md': absolute paths are not allowed"
make_valid symlink
rm symlink/articles/b.md
ln -s "$WORK/outside.md" symlink/articles/b.md
expect_errors symlink "edition.yaml:12: error: article 'articles/b.md': the path leads outside the edition folder"

# --- the same article twice
make_valid twice
sed -i 's|articles/b.md|articles/a.md|' twice/edition.yaml
expect_errors twice "edition.yaml:12: error: article 'articles/a.md' is listed twice (also at line 11)"

make_valid twosections
printf '  - section: 栏目二\n    articles:\n      - articles/b.md\n' >>twosections/edition.yaml
expect_errors twosections \
    "edition.yaml:15: error: article 'articles/b.md' is listed in two sections ('栏目一' at line 12, and '栏目二')"
make_valid dupkey
printf 'journal: 又一个\n' >>dupkey/edition.yaml
expect_errors dupkey "edition.yaml:13: error: duplicate key 'journal' in edition.yaml (first at line 1)"

# --- invalid UTF-8 on line 7 of an article
make_valid badutf8
printf -- '---\ntitle: 标题\n---\n\n一段。\n\n第七行\xC3(\n' >badutf8/articles/b.md
expect_errors badutf8 "articles/b.md:7: error: invalid UTF-8 (byte 0xC3)"

# --- front matter never closed
make_valid unclosed
printf -- '---\ntitle: 标题\n\n正文。\n' >unclosed/articles/b.md
expect_errors unclosed "articles/b.md:1: error: front matter is not closed"

# --- an article without a title (reported at the closing ---)
make_valid notitle
printf -- '---\nauthor: 某\nkind: article\n---\n\n正文。\n' >notitle/articles/b.md
expect_errors notitle "articles/b.md:4: error: front matter has no title"

# --- an unknown kind
make_valid kind
printf -- '---\ntitle: 标题\nkind: poem\n---\n\n正文。\n' >kind/articles/b.md
expect_errors kind "articles/b.md:3: error: unknown kind 'poem'"

# --- images: missing, garbage bytes, truncated PNG, out of the folder, missing cover
make_valid noimage
sed -i 's|../images/p.png|../images/none.png|' noimage/articles/a.md
expect_errors noimage "articles/a.md:8: error: image '../images/none.png' not found"
make_valid garbage
head -c 3000 /dev/urandom | tr '\211\377' 'xy' >garbage/images/p.png
expect_errors garbage "articles/a.md:8: error: image '../images/p.png' is not a PNG or JPEG image" \
    "edition.yaml:7: error: image 'images/p.png' is not a PNG or JPEG image"
make_valid truncated
echo "$PNG_B64" | base64 -d | head -c 20 >truncated/images/p.png
expect_errors truncated "articles/a.md:8: error: image '../images/p.png' is not a PNG or JPEG image"
make_valid imgout
echo "$PNG_B64" | base64 -d >"$WORK/outside.png"
sed -i 's|../images/p.png|../../../outside.png|' imgout/articles/a.md
expect_errors imgout "articles/a.md:8: error: image '../../../outside.png': the path leads outside"
make_valid nocover
sed -i 's|  image: images/p.png|  image: images/cover.jpg|' nocover/edition.yaml
expect_errors nocover "edition.yaml:7: error: image 'images/cover.jpg' not found"

# --- files too large to be real: an article past 16 MB, an image past 64 MB (sparse files)
make_valid huge
truncate -s 17M huge/articles/b.md
truncate -s 65M huge/images/p.png
expect_errors huge "articles/b.md: error: file is larger than 16 MB" \
    "articles/a.md:8: error: image '../images/p.png' is larger than 64 MB"

# --- no edition.yaml at all, and a folder that does not exist
mkdir -p empty
expect_errors empty "edition.yaml: error: not found"
rc=0
"$FOLIO" check nosuchfolder 2>nosuch.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "nosuchfolder" nosuch.err || fail "missing folder: exit $rc"

# --- many problems in one edition: every one is reported
make_valid many
sed -i '/^issue:/d; s/^number: 1/number: one/; s|articles/b.md|articles/nope.md|' many/edition.yaml
printf -- '---\nkind: essay\n---\n\n![x](../images/gone.png)\n\nbad \xFF byte\n' >many/articles/a.md
expect_errors many \
    "edition.yaml:1: error: missing required key 'issue'" \
    "edition.yaml:4: error: 'number' must be an integer" \
    "edition.yaml:11: error: article file 'articles/nope.md' not found" \
    "articles/a.md:7: error: invalid UTF-8 (byte 0xFF)"
printf -- '---\nkind: essay\n---\n\n![x](../images/gone.png)\n' >many/articles/a.md
expect_errors many \
    "edition.yaml:1: error: missing required key 'issue'" \
    "edition.yaml:4: error: 'number' must be an integer" \
    "edition.yaml:11: error: article file 'articles/nope.md' not found" \
    "articles/a.md:3: error: front matter has no title" \
    "articles/a.md:2: error: unknown kind 'essay'" \
    "articles/a.md:5: error: image '../images/gone.png' not found"
n=$(grep -c ': error: ' many.err)
[ "$n" -eq 6 ] || { cat many.err >&2; fail "many: $n errors reported, expected 6"; }

# --- the layout name (needs the layout module's layouts/magazine.yaml)
if [ -n "${SRC:-}" ] && [ -f "$SRC/layouts/magazine.yaml" ]; then
    make_valid layout
    sed -i 's/^number: 1/number: 1\nlayout: nosuch/' layout/edition.yaml
    expect_errors layout "edition.yaml:6: error:"
    grep -q 'magazine' layout.err || fail "layout: the known layouts are not listed"
    make_valid layoutok
    sed -i 's/^number: 1/number: 1\nlayout: magazine/' layoutok/edition.yaml
    "$FOLIO" check layoutok 2>layoutok.err || { cat layoutok.err >&2; fail "layout: magazine rejected"; }
fi

echo "check_errors.sh: all checks passed"
