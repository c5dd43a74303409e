#!/usr/bin/env bash
# makeup.sh — the make-up (issue 16) on the sample and on editions written to
# provoke it, in every shipped layout and in the magazine with articles on new
# pages only (article_start: page): no stub page (a page, cover, masthead,
# contents' first page and last page aside, with less than a quarter of the
# fullest page's text lines), article endings balanced within 1.5 lines, the
# contents spread over as few pages as hold them, and the justification within
# its limits (Han–Han added space at most 0.25 em, 95th percentile 0.1 em).
# Measured twice: on the layout dump (layout_check.py --makeup, every rule
# besides) and on the PDF's extracted text (makeup_check.py).
set -euo pipefail
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
PY=/usr/bin/python3
fail() {
    echo "makeup: FAIL: $*" >&2
    exit 1
}
rm -rf "$WORK"
mkdir -p "$WORK"

# the shipped layouts, and the magazine setting every article on a new page
data="$WORK/data"
mkdir -p "$data/layouts"
ln -s "$SRC/fonts" "$data/fonts"
cp "$SRC"/layouts/*.yaml "$data/layouts/"
sed 's/^article_start: .*/article_start: page/' "$SRC/layouts/magazine.yaml" >"$data/layouts/pages.yaml"
grep -q '^article_start: page$' "$data/layouts/pages.yaml" || fail "no article_start in magazine.yaml"

"$PY" "$SRC/tests/data/makeup/make_editions.py" "$WORK"

# ed layout: builds, checks the dump and measures the PDF
measure() {
    local ed=$1 layout=$2 out
    out="$WORK/out-$(basename "$ed")-$layout"
    FOLIO_DATA_DIR="$data" "$FOLIO" build "$ed" -o "$out" --pdf -q --layout "$layout" \
        --dump-layout "$out.json" || fail "build of $(basename "$ed") ($layout)"
    "$PY" "$SRC/tests/cli/layout_check.py" "$out.json" --makeup >"$out.check" ||
        fail "$(basename "$ed") ($layout): $(head -5 "$out.check")"
    echo -n "$(basename "$ed") $layout: "
    "$PY" "$SRC/tests/cli/makeup_check.py" "$out"/*.pdf "$out.json" --max-jus 0.25 0.1 ||
        fail "$(basename "$ed") ($layout): the PDF's make-up (above)"
}
for ed in "$SRC/examples/sample" "$WORK/lengths" "$WORK/contents"; do
    for layout in magazine a4 a5; do
        measure "$ed" "$layout"
    done
done
# articles on new pages only: copyfitting alone (the contents edition's
# articles of half a page each are stubs by that choice, and left out)
for ed in "$SRC/examples/sample" "$WORK/lengths"; do
    measure "$ed" pages
done

# the dump reports the choices: copyfitting was needed in the pocket edition;
# in the magazine short articles started under the stub of the one before
# them, under a rule across the type area; never so with article_start: page
# (only the briefs and the notice, the last five of lengths, run on)
"$PY" - "$WORK/out-lengths-a5.json" "$WORK/out-contents-magazine.json" \
    "$WORK/out-lengths-pages.json" <<'EOF' || fail "the make-up's choices are not reported"
import json, sys
a5, mag, pages = (json.load(open(p)) for p in sys.argv[1:])
fitted = sum(any(v for k, v in a["makeup"].items() if k != "follows") for a in a5["articles"])
follows = [i for i, a in enumerate(mag["articles"]) if a["makeup"]["follows"]]
top = mag["pages"][0]["type_area"]["top"]
rules = [b for p in mag["pages"] for b in p["boxes"] if b["type"] == "rule"
         and abs(b["w"] - mag["grid"]["width"]) < 0.5 and b["y"] < top - 1]
alone = [i for i, a in enumerate(pages["articles"]) if a["makeup"]["follows"]
         and i < len(pages["articles"]) - 5]
print(f"lengths a5: {fitted} articles copyfitted; contents magazine: {len(follows)} started "
      f"under the one before, {len(rules)} parting rules; lengths with article_start: page: "
      f"{len(alone)} articles started on a page in use")
assert fitted and follows and len(rules) == len(follows) and not alone
EOF

# the contents: a list a little longer than a page is set on one page (two
# columns in the magazine) or spread evenly over two, never an entry or two
"$PY" - "$WORK"/out-contents-{magazine,a4,a5}.json <<'EOF' || fail "the contents are not spread evenly"
import json, sys
for path in sys.argv[1:]:
    d = json.load(open(path))
    toc = [sum(1 for l in p["lines"] if l["kind"] == "toc" and "·" in l["text"]) for p in d["pages"]]
    toc = [n for n in toc if n]
    print(f"{d['layout']}: contents entries per page {toc}")
    assert sum(toc) == len(d["articles"]), toc
    assert min(toc) >= 0.4 * max(toc), f"contents pages uneven: {toc}"
EOF

# a wrong value names the three
sed 's/^article_start: .*/article_start: spread/' "$SRC/layouts/magazine.yaml" >"$data/layouts/bad.yaml"
line=$(grep -n '^article_start:' "$data/layouts/bad.yaml" | cut -d: -f1)
if out=$(FOLIO_DATA_DIR="$data" "$FOLIO" build "$SRC/examples/sample" -o "$WORK/x" --pdf --layout bad 2>&1); then
    fail "article_start: spread was accepted"
fi
grep -qF "bad.yaml:$line: error: unknown article_start 'spread' (use page or continue)" <<<"$out" ||
    fail "article_start message: $out"
echo "makeup: all passed"
