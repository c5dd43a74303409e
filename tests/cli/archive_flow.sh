#!/usr/bin/env bash
# archive_flow.sh — `folio archive` end to end: two editions (the sample and one made
# here) filed, listed, searched in Chinese, verified, damaged, refused, replaced,
# reindexed, and index.html opened in headless Chromium.
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}" "${SOURCE_DATE_EPOCH:?}"
fail() { echo "archive_flow: FAIL: $*" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK"
A=$WORK/archive

# ---- help ------------------------------------------------------------------------
for c in add list search verify reindex; do
  "$FOLIO" archive "$c" --help | grep -q "usage: folio archive $c" || fail "archive $c --help"
done
set +e; "$FOLIO" archive frobnicate "$A" 2>/dev/null; rc=$?; set -e
[ "$rc" = 2 ] || fail "unknown archive command should exit 2, got $rc"

# ---- a second, small edition with words the sample does not use ----------------------
E2=$WORK/greencomm
mkdir -p "$E2/articles"
cat > "$E2/edition.yaml" <<'YAML'
journal: 绿色社区通讯
issue: 2025年第6期
date: 2025-06-20
year: 2025
number: 6
publisher: 澄川市绿色社区促进会
fonts:
  latin-sans: ./fonts/LiberationSans-Regular.ttf
contents:
  - section: 观察
    articles:
      - articles/firefly.md
      - articles/wetland.md
  - section: 身边事
    articles:
      - articles/books.md
YAML
# the edition ships a font of its own: a source the bag must keep
mkdir -p "$E2/fonts"
cp /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf "$E2/fonts/" ||
  fail "fonts-liberation2 is not installed (.ci/install-deps)"
cat > "$E2/articles/firefly.md" <<'MD'
---
title: 萤火虫观察笔记
author: 林小溪
---

六月的夜晚,萤火虫在草丛间闪烁。我们连续十个晚上记录萤火虫的数量。

萤火虫对光污染十分敏感,路灯一多,萤火虫就少了。
MD
cat > "$E2/articles/wetland.md" <<'MD'
---
title: 湿地保护的几点建议
author: 许青禾
---

湿地是城市的肾。保护湿地,首先要控制排污;其次要恢复湿地植被。

有居民说,湿地恢复以后,夜里又能见到萤火虫了。
MD
cat > "$E2/articles/books.md" <<'MD'
---
title: 社区图书角开放
byline: 本刊通讯员
---

湿地公园旁的图书角上周开放,居民可以免费借阅图书。
MD

# ---- add: an edition folder (built on the way), and an output folder ----------------------
t0=$(date +%s.%N)
"$FOLIO" archive add "$A" "$SRC/examples/sample" > "$WORK/add1.out" || fail "archive add of the sample"
t1=$(date +%s.%N)
grep -q "archived 《" "$WORK/add1.out" || fail "add did not say what it archived"
mkdir -p "$WORK/output"
"$FOLIO" build "$E2" -o "$WORK/output/greencomm" || fail "folio build of the test edition"
# the edition is found beside the output folder (../../greencomm)
"$FOLIO" archive add "$A" "$WORK/output/greencomm" > "$WORK/add2.out" || fail "archive add of an output folder"
echo "archive add: sample $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s (build included)"

# ---- the bags ---------------------------------------------------------------------
B2=$(ls -d "$A"/bags/*/2025-06)
[ -d "$B2" ] || fail "no bag for 2025-06"
[ "$(stat -c %a "$B2")" = 755 ] && [ "$(stat -c %a "$A/catalogue.sqlite")" = 644 ] || fail "bags and catalogue must be readable by others"
printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' | cmp -s - "$B2/bagit.txt" || fail "bagit.txt"
for f in manifest-sha256.txt manifest-sha512.txt tagmanifest-sha256.txt bag-info.txt \
         data/greencomm.pdf data/greencomm.epub data/edition.yaml data/articles/wetland.md \
         data/fonts/LiberationSans-Regular.ttf; do
  [ -f "$B2/$f" ] || fail "bag lacks $f"
done
grep -q '^Bag-Group-Identifier: 绿色社区通讯$' "$B2/bag-info.txt" || fail "Bag-Group-Identifier"
grep -q '^External-Identifier: 绿色社区通讯 2025年第6期$' "$B2/bag-info.txt" || fail "External-Identifier"
grep -q '^Payload-Oxum: [0-9]*\.7$' "$B2/bag-info.txt" || fail "Payload-Oxum"
grep -q '^Bagging-Date: 2023-11-14$' "$B2/bag-info.txt" || fail "Bagging-Date from SOURCE_DATE_EPOCH"
(cd "$B2" && sha256sum -c --quiet manifest-sha256.txt && sha512sum -c --quiet manifest-sha512.txt \
   && sha256sum -c --quiet tagmanifest-sha256.txt) || fail "manifests do not check with coreutils"

# ---- list -------------------------------------------------------------------------
"$FOLIO" archive list "$A" > "$WORK/list.out"
[ "$(wc -l < "$WORK/list.out")" = 2 ] || fail "list should show 2 editions: $(cat "$WORK/list.out")"
grep -qP '^绿色社区通讯\t2025年第6期\t2025-06-20\t\d+ pages\t3 articles$' "$WORK/list.out" || fail "list line of the test edition: $(cat "$WORK/list.out")"
# the sample is written elsewhere: its facts come from its edition.yaml
yget() { sed -n "s/^$1: *//p" "$SRC/examples/sample/edition.yaml" | head -1; }
SJ=$(yget journal) SI=$(yget issue) SD=$(yget date)
grep -qP "^$SJ\t$SI\t$SD\t\d+ pages\t\d+ articles$" "$WORK/list.out" || fail "list line of the sample ($SJ $SI $SD)"

# ---- search -----------------------------------------------------------------------
search() { "$FOLIO" archive search "$A" "$@"; }
# (outputs go to files first: with pipefail, head closing a pipe early could kill folio)
first_title() { search "$@" > "$WORK/first.out"; head -1 "$WORK/first.out" | cut -f3; }
s0=$(date +%s.%N)
search 萤 > "$WORK/s1.out"
s1=$(date +%s.%N)
echo "archive search: $(awk "BEGIN{printf \"%.3f\", $s1 - $s0}") s"
[ "$(wc -l < "$WORK/s1.out")" = 2 ] || fail "萤 should hit 2 articles: $(cat "$WORK/s1.out")"
[ "$(head -1 "$WORK/s1.out" | cut -f3)" = 萤火虫观察笔记 ] || fail "萤: the firefly notes first: $(cat "$WORK/s1.out")"
head -1 "$WORK/s1.out" | cut -f5 | grep -q '【萤】火虫' || fail "snippet marks the match: $(head -1 "$WORK/s1.out")"
head -1 "$WORK/s1.out" | grep -qP '^绿色社区通讯\t2025年第6期\t萤火虫观察笔记\tp\.\d+\t' || fail "hit line format: $(head -1 "$WORK/s1.out")"
[ "$(first_title 湿地)" = 湿地保护的几点建议 ] || fail "湿地: the wetland article first"
[ "$(search 湿地 | wc -l)" = 2 ] || fail "湿地 hits the wetland article and the book corner"
[ "$(search 湿地 图书 | cut -f3)" = 社区图书角开放 ] || fail "湿地 图书: only the book corner"
[ "$(search 保护湿地 | cut -f3)" = 湿地保护的几点建议 ] || fail "a 4-character phrase"
[ "$(search 湿地萤火虫 | wc -l)" = 0 ] || fail "characters not in that order must not match"
search 党建 > "$WORK/s2.out"
[ -s "$WORK/s2.out" ] || fail "党建 finds nothing in the sample"
[ "$(head -1 "$WORK/s2.out" | cut -f1)" = "$SJ" ] || fail "党建: the sample first"
head -1 "$WORK/s2.out" | grep -q '【党建】' || fail "党建 is marked in the snippet"
[ -n "$(search 党)" ] || fail "the one-character query 党"

# ---- verify: intact, then damaged three ways --------------------------------------------
"$FOLIO" archive verify "$A" > "$WORK/v.out" || fail "verify of an intact archive: $(cat "$WORK/v.out")"
grep -q "2 bags intact" "$WORK/v.out" || fail "verify summary: $(cat "$WORK/v.out")"
verify_fails_naming() { # $1: what must be named
  set +e; "$FOLIO" archive verify "$A" > /dev/null 2> "$WORK/v.err"; local rc=$?; set -e
  [ "$rc" = 1 ] || fail "verify should exit 1 ($2), got $rc"
  grep -qF "$1" "$WORK/v.err" || fail "verify should name $1 ($2): $(cat "$WORK/v.err")"
}
F=$B2/data/articles/wetland.md
cp "$F" "$WORK/keep.md"
printf 'X' | dd of="$F" bs=1 seek=10 conv=notrunc status=none
verify_fails_naming "$F" "a changed byte"
grep -q "checksum mismatch" "$WORK/v.err" || fail "a changed byte is a checksum mismatch"
cp "$WORK/keep.md" "$F"
"$FOLIO" archive verify "$A" > /dev/null || fail "restored file"
rm "$F"
verify_fails_naming "$F" "a deleted file"
grep -q "missing" "$WORK/v.err" || fail "a deleted file is reported missing"
cp "$WORK/keep.md" "$F"
echo "stray" > "$B2/data/articles/stray.md"
verify_fails_naming "$B2/data/articles/stray.md" "an unlisted file"
grep -q "not listed" "$WORK/v.err" || fail "an unlisted file is reported as such"
rm "$B2/data/articles/stray.md"
"$FOLIO" archive verify "$A" > /dev/null || fail "verify after repairs"

# ---- duplicates and --replace ------------------------------------------------------------
set +e; "$FOLIO" archive add "$A" "$E2" > /dev/null 2> "$WORK/dup.err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "a duplicate add should exit 1, got $rc"
grep -q "already archived" "$WORK/dup.err" || fail "duplicate message: $(cat "$WORK/dup.err")"
set +e; "$FOLIO" archive add "$A" "$WORK/output/greencomm" --edition "$E2" > /dev/null 2> "$WORK/dup.err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "a duplicate add of the output folder should exit 1, got $rc"
grep -q "already archived" "$WORK/dup.err" || fail "duplicate message (--edition): $(cat "$WORK/dup.err")"
[ "$(ls "$A"/bags/*/ | grep -c 2025-06)" = 1 ] || fail "the refused add left something behind"
[ -z "$(ls -A "$A/.tmp")" ] || fail "the refused add left work files: $(ls -A "$A/.tmp")"
sed -i 's/^title: 社区图书角开放$/title: 社区图书角正式开放/' "$E2/articles/books.md"
"$FOLIO" archive add "$A" "$E2" --replace > /dev/null || fail "add --replace"
# a filed bag never moves: the correction is filed beside it
N2=$(ls -d "$A"/bags/*/2025-06.2)
[ -f "$B2/data/articles/books.md" ] || fail "the superseded bag is kept where it was"
grep -q "^title: 社区图书角开放$" "$B2/data/articles/books.md" || fail "the superseded bag is the old one"
grep -q "^title: 社区图书角正式开放$" "$N2/data/articles/books.md" || fail "the new bag holds the correction"
grep -q "^Folio-Supersedes: bags/[a-z0-9-]*/2025-06$" "$N2/bag-info.txt" || fail "the new bag records what it replaced"
[ "$("$FOLIO" archive list "$A" | wc -l)" = 2 ] || fail "list after --replace"
"$FOLIO" archive list "$A" --all > "$WORK/all.out"
grep -qP '\tsuperseded$' "$WORK/all.out" || fail "list --all shows the superseded bag"
[ "$(search 图书角 | cut -f3)" = 社区图书角正式开放 ] || fail "search sees the replacement only"
"$FOLIO" archive verify "$A" > "$WORK/v.out" || fail "verify after --replace"
grep -q "3 bags intact" "$WORK/v.out" || fail "verify counts the superseded bag"

# ---- reindex gives the same answers --------------------------------------------------------
queries=(萤 湿地 "湿地 图书" 党建 党 组织建设 网格 群众)
for q in "${queries[@]}"; do search $q; echo "--"; done > "$WORK/before.out"
"$FOLIO" archive list "$A" --all > "$WORK/list-before.out"
cp "$A/index.html" "$WORK/index-before.html"
rm "$A/catalogue.sqlite"
set +e; "$FOLIO" archive search "$A" 党 > /dev/null 2>&1; rc=$?; set -e
[ "$rc" = 1 ] || fail "search without a catalogue should fail"
"$FOLIO" archive reindex "$A" | grep -q "from 3 bags" || fail "reindex"
for q in "${queries[@]}"; do search $q; echo "--"; done > "$WORK/after.out"
cmp -s "$WORK/before.out" "$WORK/after.out" || { diff "$WORK/before.out" "$WORK/after.out" | head; fail "search results differ after reindex"; }
"$FOLIO" archive list "$A" --all | cmp -s - "$WORK/list-before.out" || fail "list differs after reindex"
cmp -s "$A/index.html" "$WORK/index-before.html" || fail "index.html differs after reindex"

# ---- an output folder is filed by its build manifest -----------------------------------------
M=$WORK/output/greencomm/greencomm.build.yaml
[ -f "$M" ] || fail "folio build wrote no manifest beside its outputs"
grep -q "^edition: \"$(cd "$E2" && pwd -P)\"$" "$M" || fail "the manifest names the edition: $(grep edition: "$M")"
P=$(grep -oP '^pages: \K[0-9]+$' "$M") || fail "the manifest has no page count"
"$FOLIO" archive list "$A" | grep -qP "\t$P pages\t" || fail "the catalogue keeps the manifest's $P pages"
# a PDF changed after the build is refused, naming it, and nothing is created
mkdir -p "$WORK/odd"
cp -r "$WORK/output/greencomm" "$WORK/odd/"
printf '%%%%EOF\n' >> "$WORK/odd/greencomm/greencomm.pdf"
set +e; "$FOLIO" archive add "$WORK/archive-odd" "$WORK/odd/greencomm" > /dev/null 2> "$WORK/odd.err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "a changed PDF should be refused with exit 1, got $rc"
grep -q "greencomm.pdf: error: has changed since folio build wrote it" "$WORK/odd.err" || fail "changed PDF message: $(cat "$WORK/odd.err")"
[ ! -e "$WORK/archive-odd" ] || fail "a refused first add left an archive folder"
# a folder without a manifest: nothing is guessed
rm "$WORK/odd/greencomm/greencomm.build.yaml"
set +e; "$FOLIO" archive add "$WORK/archive-odd" "$WORK/odd/greencomm" > /dev/null 2> "$WORK/odd.err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "an output folder without a manifest should exit 1, got $rc"
grep -q "has no NAME.build.yaml" "$WORK/odd.err" || fail "missing manifest message: $(cat "$WORK/odd.err")"

# ---- a crash mid-add leaves nothing behind ----------------------------------------------------
mkdir -p "$A/.tmp/bag-999999999-crashed/data"
echo half > "$A/.tmp/bag-999999999-crashed/data/x"
"$FOLIO" archive add "$A" "$E2" > /dev/null 2>&1 || true   # refused as a duplicate, but cleans up
[ ! -e "$A/.tmp/bag-999999999-crashed" ] || fail "a dead writer's work folder was not cleaned"

# ---- index.html ----------------------------------------------------------------------------
H=$A/index.html
grep -q '<html lang="zh-CN">' "$H" || fail "index.html language"
grep -q '2026年</h2>' "$H" && grep -q '2025年</h2>' "$H" || fail "index.html groups by year"
grep -q '萤火虫观察笔记' "$H" || fail "index.html lists the contents"
grep -q 'data/greencomm.pdf#page=[0-9]*">萤火虫观察笔记</a>' "$H" || fail "contents link to the PDF page"
head -1 "$H" | grep -qx '<!DOCTYPE html>' || fail "index.html is not HTML5"
python3 - "$H" <<'PY' || fail "index.html: unbalanced tags"
import sys
from html.parser import HTMLParser
VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.bad = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)
    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.bad.append((tag, self.getpos()))
        else:
            self.open.pop()
c = Check()
c.feed(open(sys.argv[1], encoding="utf-8").read())
if c.bad or c.open:
    sys.exit("mismatched %s, left open %s" % (c.bad[:3], c.open))
PY
# every local link and image is there
grep -o '\(href\|src\)="[^"#:]*"' "$H" | sed 's/^[a-z]*="//; s/"$//' | sort -u | while read -r rel; do
  p=$(printf '%b' "${rel//%/\\x}")
  [ -e "$A/$p" ] || fail "index.html links to a missing file: $rel"
done
command -v chromium > /dev/null || fail "chromium is not installed (.ci/install-deps test)"
prof=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
  --enable-logging=stderr --v=0 --screenshot="$WORK/index.png" --window-size=1200,900 \
  "file://$H" 2> "$WORK/chromium.log" || fail "chromium failed: $(tail -5 "$WORK/chromium.log")"
rm -rf "$prof"
[ -s "$WORK/index.png" ] || fail "no screenshot of index.html"
if grep -q 'CONSOLE' "$WORK/chromium.log"; then grep CONSOLE "$WORK/chromium.log" >&2; fail "index.html logs to the console"; fi
echo "archive_flow: ok"
