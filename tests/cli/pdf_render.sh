#!/usr/bin/env bash
# pdf_render.sh — the glyphs are drawn at their size: pages of the sample rendered
# with poppler's pdftoppm (FreeType) and with Ghostscript (its own font interpreters)
# show, for every line of body text and every title, ink as tall as the face's Han
# characters at the line's size (a font program with a wrong FontMatrix or units per
# em, as the PDF's column copies declare, draws them far too large or small), in each
# of the default faces (song: Noto Serif CJK SC, CFF; hei and kai: TrueType).
set -euo pipefail
: "${FOLIO:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$FOLIO" build "$SRC/examples/sample" -o "$WORK/out" --pdf --quiet \
  --dump-layout "$WORK/dump.json" || fail "build of the sample"
for p in 5 6 8; do
  pdftoppm -r 144 -gray -f $p -l $p "$WORK/out/sample.pdf" "$WORK/p" || fail "pdftoppm page $p"
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r144 -dFirstPage=$p -dLastPage=$p \
    -sOutputFile="$WORK/g-$p.pgm" "$WORK/out/sample.pdf" >"$WORK/gs.out" 2>&1 ||
    fail "Ghostscript page $p: $(head -3 "$WORK/gs.out")"
  [ ! -s "$WORK/gs.out" ] || fail "Ghostscript complains: $(head -3 "$WORK/gs.out")"
done
for r in p g; do
python3 - "$WORK" "$r" <<'PY' || fail "glyphs drawn at the wrong size ($r)"
import glob, json, os, statistics, sys
work, renderer = sys.argv[1], sys.argv[2]
d = json.load(open(os.path.join(work, "dump.json")))
DPI = 144
heights = {}
for path in sorted(glob.glob(os.path.join(work, renderer + "-*.pgm"))):
    page = int(path.rsplit("-", 1)[1].split(".")[0])
    raw = open(path, "rb").read()
    # P5, width, height, maxval, then the pixels; Ghostscript adds a comment line
    fields, at = [], 0
    while len(fields) < 4:
        end = raw.index(b"\n", at)
        line = raw[at:end].split(b"#")[0]
        fields += line.split()
        at = end + 1
    w, h = int(fields[1]), int(fields[2])
    px = raw[at:]
    s = DPI / 72.0
    p = d["pages"][page - 1]
    for l in p["lines"]:
        if l["kind"] not in ("body", "title", "heading3", "author") or len(l["glyphs"]) < 4:
            continue
        han = sum(0x4E00 <= g["cp"] <= 0x9FFF for g in l["glyphs"])
        if han < 0.8 * len(l["glyphs"]):
            continue
        # the Han characters' columns only: punctuation sits high or low
        cols = [c for g in l["glyphs"] if 0x4E00 <= g["cp"] <= 0x9FFF
                for c in range(int((l["x"] + g["x"]) * s) + 1,
                               int((l["x"] + g["x"] + g["adv"]) * s) - 1) if 0 <= c < w]
        base = h - l["y"] * s  # PDF y runs up, image rows down
        top, bottom = int(base - 1.3 * l["size"] * s), int(base + 0.5 * l["size"] * s)
        rows = [r for r in range(max(top, 0), min(bottom, h))
                if any(px[r * w + c] < 128 for c in cols)]
        if not rows:
            sys.exit(f"page {page}: no ink for the line {l['text'][:12]}")
        em = (rows[-1] - rows[0] + 1) / (l["size"] * s)
        heights.setdefault(l["kind"], []).append(em)
for kind, hs in sorted(heights.items()):
    med = statistics.median(hs)
    print(f"{renderer} {kind}: {len(hs)} lines, ink height median {med:.2f} em "
          f"(min {min(hs):.2f}, max {max(hs):.2f})")
    # Han characters fill about 0.8-0.95 em; a declared em applied twice or not at
    # all is off by the column copies' factor (1.8) or the title copies' (1.05 and up)
    if not 0.8 <= med <= 1.08 or min(hs) < 0.6 or max(hs) > 1.15:
        sys.exit(f"{kind}: ink {med:.2f} em tall, not a Han character's height")
if "body" not in heights or "title" not in heights:
    sys.exit("no body or title lines measured")
PY
done
echo "pdf_render: ok"
