#!/usr/bin/env bash
# layout_rules.sh — the sample edition, laid out in every shipped layout, breaks
# none of the checked typographic rules (layout_check.py on --dump-layout);
# constructed editions show the page rules at work (a heading that would fall
# at a column foot moves on; short columns at the end are balanced; no article
# ends on a page of a line or two); and the checker itself catches broken dumps.
set -euo pipefail
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
mkdir -p "$WORK"
check="$SRC/tests/cli/layout_check.py"
fail() { echo "FAIL: $*" >&2; exit 1; }

# ---- a constructed edition: headings at every position of a column ----------
ed="$WORK/headings"
rm -rf "$ed"
mkdir -p "$ed/articles"
python3 - "$ed" <<'EOF'
import sys
ed = sys.argv[1]
para = ("基层治理的关键在于把服务送到群众身边，让每一项工作都落到实处，"
        "把群众的急难愁盼当作头等大事来办。")
short = "各项工作稳步推进，群众满意度持续提高。"
names = []
for i in range(24):
    body = [short] * (24 + i) + ["## 二、主要做法", para * 3, "### （一）加强组织", para * 2,
                                 para * 2, "第二段文字也要足够长，" + para]
    name = f"articles/h{i:02d}.md"
    with open(f"{ed}/{name}", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: 标题测试第{i + 1}篇\nauthor: 测试\n---\n\n" + "\n\n".join(body) + "\n")
    names.append(name)
brief = [f"articles/b{i}.md" for i in range(3)]
for i, name in enumerate(brief):
    with open(f"{ed}/{name}", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: 简讯{i + 1}\nkind: brief\n---\n\n{para}\n\n{short}\n")
with open(f"{ed}/articles/n.md", "w", encoding="utf-8") as f:
    f.write("---\ntitle: 征稿启事\nkind: notice\n---\n\n" + para + "\n\n" + para + "\n")
with open(f"{ed}/edition.yaml", "w", encoding="utf-8") as f:
    f.write("journal: 规则测试\nissue: 2026年第1期\ndate: 2026-01\ncontents:\n"
            "  - section: 测试\n    articles:\n"
            + "".join(f"      - {n}\n" for n in names)
            + "  - section: 简讯\n    articles:\n"
            + "".join(f"      - {n}\n" for n in brief + ["articles/n.md"]))
EOF

for layout in magazine a4 a5; do
    dump="$WORK/headings-$layout.json"
    "$FOLIO" build "$ed" -o "$WORK/out-h-$layout" --pdf --layout "$layout" --quiet \
        --dump-layout "$dump" || fail "build of the constructed edition ($layout)"
    python3 "$check" "$dump" || fail "rule violations in the constructed edition ($layout)"
done

# HD-2 at work: some heading stands at the head of a column while the column
# before it ends at least one grid line short (the heading moved on).
python3 - "$WORK/headings-magazine.json" <<'EOF' || fail "no heading was moved off a column foot"
import json, sys
d = json.load(open(sys.argv[1]))
g = d["grid"]
first = g["top"] - 0.88 * g["body_size"]
last = first - (g["lines"] - 1) * g["pitch"]
moved = 0
for p in d["pages"]:
    cols = p["columns"]
    def col(l):
        x = l["x"] + (l["glyphs"][0]["x"] if l["glyphs"] else 0)
        return next((k for k, (a, b) in enumerate(cols) if a - 0.1 <= x <= b + 0.1), -1)
    body = [l for l in p["lines"] if l["kind"] in ("body", "quote", "list")]
    heads = [l for l in p["lines"] if l["kind"] == "heading2"]
    for h in heads:
        k = col(h)
        above = [l for l in p["lines"] if col(l) == k and l["y"] > h["y"] and l["article"] >= 0]
        prev = [l for l in body if col(l) == k - 1]
        if k >= 1 and not above and prev and min(l["y"] for l in prev) > last + 1:
            moved += 1
print(f"headings moved to the next column: {moved}")
sys.exit(0 if moved else 1)
EOF

# briefs run on below each other on one page; the notice is boxed
python3 - "$WORK/headings-magazine.json" <<'EOF' || fail "briefs do not run on or the notice has no box"
import json, sys
d = json.load(open(sys.argv[1]))
arts = d["articles"]
b = arts[24:27]
assert b[0]["page"] == b[1]["page"] == b[2]["page"], f"briefs on pages {[x['page'] for x in b]}"
n = arts[27]
rects = [x for x in d["pages"][n["page"]]["boxes"] if x["type"] == "rect"]
assert rects, "the notice has no box"
EOF

# ---- short last pages (PAGE-1) -------------------------------------------------------
# Articles whose text runs one to a few lines past a page: none may end on a
# page of 1-3 lines; the page before runs short instead (or the space under the
# title goes), and a notice that would be split starts on a page of its own.
sh="$WORK/short"
rm -rf "$sh"
mkdir -p "$sh/articles"
python3 - "$sh" <<'EOF'
import sys
ed = sys.argv[1]
two = "党员干部深入基层一线，倾听群众呼声，解决实际困难，把好事办实、把实事办好，赢得了群众的信任。"
names = []
for n in range(20, 60):
    # one long paragraph, which WO-2 lets break anywhere: a page ends short
    # only to feed the article's last page
    name = f"articles/s{n:02d}.md"
    with open(f"{ed}/{name}", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: 篇幅测试{n}\nauthor: 测试\n---\n\n" + two * n + "\n")
    names.append(name)
with open(f"{ed}/articles/n.md", "w", encoding="utf-8") as f:
    f.write("---\ntitle: 启事\nkind: notice\n---\n\n" + "\n\n".join([two] * 6) + "\n")
with open(f"{ed}/edition.yaml", "w", encoding="utf-8") as f:
    f.write("journal: 篇幅测试\nissue: 2026年第2期\ndate: 2026-02\ncontents:\n"
            "  - section: 测试\n    articles:\n"
            + "".join(f"      - {n}\n" for n in names + ["articles/n.md"]))
EOF
for layout in magazine a4 a5; do
    dump="$WORK/short-$layout.json"
    "$FOLIO" build "$sh" -o "$WORK/out-s-$layout" --pdf --layout "$layout" --quiet \
        --dump-layout "$dump" || fail "build of the short-pages edition ($layout)"
    python3 "$check" "$dump" || fail "rule violations in the short-pages edition ($layout)"
done
python3 - "$WORK/short-a4.json" <<'EOF' || fail "no page was run short to fill a last page"
import json, sys
d = json.load(open(sys.argv[1]))
g = d["grid"]
last = g["top"] - 0.88 * g["body_size"] - (g["lines"] - 1) * g["pitch"]
pulled = 0
for a in d["articles"]:
    for i in range(a["page"], a["last_page"]):
        ys = [l["y"] for l in d["pages"][i]["lines"] if l["kind"] == "body"]
        pulled += bool(ys) and min(ys) > last + 1
print(f"pages run short before an article's last page: {pulled}")
n = d["articles"][-1]
assert n["page"] == n["last_page"], "the notice box was split across pages"
sys.exit(0 if pulled else 1)
EOF

# ---- figures in columns: at the foot of a left column, the head of a right one ----
# (figure_place: ends, the magazine's): text beside a figure in the middle of a column
# is read across both columns by pdftotext. In one column (a4) a figure stays where
# the text meets it.
ed="$WORK/figures"
rm -rf "$ed"
mkdir -p "$ed/articles" "$ed/images"
python3 - "$ed" <<'PY'
import struct, sys, zlib
ed = sys.argv[1]
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
w, h = 60, 40
raw = b"".join(b"\0" + bytes((x * 4) % 256 for x in range(w * 3)) for _ in range(h))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(f"{ed}/images/f.png", "wb").write(png)
para = ("基层治理的关键在于把服务送到群众身边，让每一项工作都落到实处，"
        "把群众的急难愁盼当作头等大事来办。")
names = []
for i in range(16):
    fig = f"![图{i + 1} 一张测试用的图](../images/f.png)"
    # every other article has a second figure two paragraphs after the first
    body = [para] * (2 + 3 * i) + [fig] + ([para] * 2 + [fig] if i % 2 else []) + [para] * 12
    name = f"articles/f{i:02d}.md"
    with open(f"{ed}/{name}", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: 插图测试第{i + 1}篇\nauthor: 测试\n---\n\n" + "\n\n".join(body) + "\n")
    names.append(name)
with open(f"{ed}/edition.yaml", "w", encoding="utf-8") as f:
    f.write("journal: 插图测试\nissue: 2026年第1期\ndate: 2026-01\ncontents:\n"
            "  - section: 测试\n    articles:\n" + "".join(f"      - {n}\n" for n in names))
PY
for layout in magazine a4; do
    dump="$WORK/figures-$layout.json"
    "$FOLIO" build "$ed" -o "$WORK/out-f-$layout" --pdf --layout "$layout" --quiet \
        --dump-layout "$dump" || fail "build of the figures edition ($layout)"
    python3 "$check" "$dump" || fail "rule violations in the figures edition ($layout)"
    python3 - "$dump" "$layout" <<'PY' || fail "figures misplaced ($layout)"
import json, sys
d, layout = json.load(open(sys.argv[1])), sys.argv[2]
FLOW = {"body", "quote", "list", "heading2", "heading3"}
placed = {"foot": 0, "head": 0, "between": 0}
for p in d["pages"]:
    cols = p["columns"]
    col = lambda x: next((k for k, (a, b) in enumerate(cols) if a - 0.5 <= x <= b + 0.5), -1)
    for b in p["boxes"]:
        if b["type"] != "image":
            continue
        k = col(b["x"])
        # the figure's article: its caption's, right under it (an article that
        # runs on below another keeps its figures to its own part of the page)
        cap = max((l for l in p["lines"] if l["kind"] == "caption" and col(l["x"] + 1) == k
                   and l["y"] < b["y"]), key=lambda l: l["y"])
        text = [l for l in p["lines"] if l["kind"] in FLOW and col(l["x"] + 1) == k
                and l["article"] == cap["article"]]
        above = any(l["y"] > b["y"] + b["h"] for l in text)
        below = any(l["y"] < b["y"] for l in text)
        where = "between" if above and below else "head" if below else "foot"
        placed[where] += 1
        if layout == "magazine" and (where == "between" or (where == "foot") != (k == 0)):
            sys.exit(f"page {p['index'] + 1}: a figure in column {k + 1} stands at its {where}")
print(layout, placed)
if layout == "magazine" and not (placed["foot"] and placed["head"]):
    sys.exit("the figures did not come at both a left foot and a right head")
if layout == "a4" and not placed["between"]:
    sys.exit("in one column every figure left the place where the text meets it")
PY
done

# ---- choosing a layout -----------------------------------------------------------
if out=$("$FOLIO" build "$ed" --layout tabloid -o "$WORK/x" --pdf 2>&1); then
    fail "an unknown layout was accepted"
fi
grep -qF "error: unknown layout 'tabloid' (known: a4, a5, magazine)" <<<"$out" \
    || fail "unknown --layout message: $out"
rm -rf "$WORK/picked"
cp -r "$ed" "$WORK/picked"
sed -i 's/^date: 2026-01$/date: 2026-01\nlayout: a5/' "$WORK/picked/edition.yaml"
"$FOLIO" build "$WORK/picked" -o "$WORK/out-picked" --pdf --quiet --dump-layout "$WORK/picked.json" \
    || fail "build with layout: a5"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["layout"] == "a5", d["layout"]' \
    "$WORK/picked.json" || fail "the edition's layout: was not used"
sed -i 's/^layout: a5$/layout: pocket/' "$WORK/picked/edition.yaml"
line=$(grep -n '^layout:' "$WORK/picked/edition.yaml" | cut -d: -f1)
if out=$("$FOLIO" build "$WORK/picked" -o "$WORK/x" --pdf 2>&1); then
    fail "an unknown layout in edition.yaml was accepted"
fi
grep -qF "edition.yaml:$line: error: unknown layout 'pocket' (known: a4, a5, magazine)" <<<"$out" \
    || fail "unknown layout: message: $out"

# ---- the sample edition (or the constructed one until the sample exists) ----
sample="$SRC/examples/sample"
[ -f "$sample/edition.yaml" ] || sample="$ed"
for layout in magazine a4 a5; do
    dump="$WORK/sample-$layout.json"
    "$FOLIO" build "$sample" -o "$WORK/out-$layout" --pdf --layout "$layout" --quiet \
        --dump-layout "$dump" || fail "build of the sample ($layout)"
    python3 "$check" "$dump" --stats || fail "rule violations in the sample ($layout)"
done

# the dump is deterministic
"$FOLIO" build "$sample" -o "$WORK/out-again" --pdf --quiet --dump-layout "$WORK/again.json" \
    || fail "second build"
cmp -s "$WORK/sample-magazine.json" "$WORK/again.json" || fail "the layout dump differs between runs"

# ---- the checker catches broken layouts -----------------------------------------
python3 - "$WORK/sample-magazine.json" "$WORK/broken.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
done = set()
for p in d["pages"]:
    for l in p["lines"]:
        if l["kind"] != "body" or l["flags"] & 3:
            continue
        if "grid" not in done:
            l["y"] += 3; done.add("grid")           # GRID-2
        elif "kin1" not in done:
            l["glyphs"][0]["cp"] = ord("。"); done.add("kin1")  # KIN-1
        elif "jus" not in done:
            l["stretch"] += 2; done.add("jus")      # JUS-1
json.dump(d, open(sys.argv[2], "w"))
EOF
python3 - "$WORK/sample-a5.json" "$WORK/broken-toc.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for p in d["pages"]:
    nums = [l for l in p["lines"] if l["kind"] == "toc" and l["text"][-1:].isdigit()]
    if nums:
        nums[0]["x"] -= 3  # one number off the common vertical
        break
json.dump(d, open(sys.argv[2], "w"))
EOF
grep -q "^TOC: .*one vertical" <<<"$(python3 "$check" "$WORK/broken-toc.json" || true)" \
    || fail "the checker missed contents numbers off their vertical"
python3 - "$WORK/sample-magazine.json" "$WORK/broken-image.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
im = next(b for p in d["pages"][1:] for b in p["boxes"] if b["type"] == "image")
im["y"] -= 3 * d["grid"]["pitch"]  # down onto the text under it
json.dump(d, open(sys.argv[2], "w"))
EOF
grep -q "^OVERLAP: .*text over an image" <<<"$(python3 "$check" "$WORK/broken-image.json" || true)" \
    || fail "the checker missed text over an image"
out=$(python3 "$check" "$WORK/broken.json" || true)
for rule in GRID-2 KIN-1 JUS-1; do
    grep -q "^$rule:" <<<"$out" || fail "the checker missed a $rule violation"
done
echo "layout rules hold in magazine, a4 and a5"
