#!/usr/bin/python3
"""makeup_check.py — the make-up of a typeset PDF as a reader measures it,
from the text poppler extracts (pdftotext -bbox-layout), with the layout dump
for the page facts (type area, columns, where articles start):

  sparse: pages (not the cover, the masthead, the contents' first page or the
          last page) holding fewer text lines than a quarter of the fullest
          page: an article's stub, a contents page of an entry or two
  endings: pages before an article's start with text in two columns;
  unbalanced: of those, how many end their columns more than 1.5 lines apart
  jus: Han–Han added space on justified lines (from the dump): max and p95 (em)

usage: makeup_check.py PDF DUMP.json [--max-jus MAX P95]
Prints the figures; exits 1 when a page is sparse, an ending unbalanced, or
the added space exceeds MAX / P95 em.
"""
import json
import os
import re
import subprocess
import sys
from xml.etree import ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layout_check import han_gaps  # noqa: E402


def pdf_lines(pdf):
    """Per page: the text lines poppler finds, as (x0, y0, x1, y1) in points
    from the page's top-left."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    out = re.sub(r"<!DOCTYPE[^>]*>|<meta[^>]*>", "", out)
    out = re.sub(r' xmlns="[^"]*"', "", out)
    pages = []
    for page in ET.fromstring(out).iter("page"):
        lines = []
        for line in page.iter("line"):
            ws = [w for w in line.iter("word") if (w.text or "").strip()]
            if ws:
                lines.append((min(float(w.get("xMin")) for w in ws),
                              min(float(w.get("yMin")) for w in ws),
                              max(float(w.get("xMax")) for w in ws),
                              max(float(w.get("yMax")) for w in ws)))
        pages.append(lines)
    return pages


def text_lines(page, lines):
    """The lines inside the type area: running heads and folios aside."""
    ta, h = page["type_area"], page["height"]
    top, bottom = h - ta["top"] - 1, h - ta["bottom"] + 1
    return [l for l in lines if l[1] >= top and l[3] <= bottom]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, dump = args[0], args[1]
    doc = json.load(open(dump, encoding="utf-8"))
    pages = pdf_lines(pdf)
    if len(pages) != len(doc["pages"]):
        print(f"FAIL: the PDF has {len(pages)} pages, the dump {len(doc['pages'])}")
        return 1
    lines = [text_lines(p, l) for p, l in zip(doc["pages"], pages)]
    counts = [len(l) for l in lines]
    full = max(counts)
    toc = next(p["index"] for p in doc["pages"] if any(l["kind"] == "toc" for l in p["lines"]))
    sparse = [i + 1 for i, n in enumerate(counts)
              if 1 < i < len(counts) - 1 and i != toc and n < 0.25 * full]
    pitch, size = doc["grid"]["pitch"], doc["grid"]["body_size"]
    starts = sorted({a["page"] for a in doc["articles"]})
    endings, unbalanced = 0, []
    for s in starts[1:]:
        page = doc["pages"][s - 1]
        if len(page["columns"]) < 2:
            continue
        l1, r0 = page["columns"][0][1], page["columns"][-1][0]
        body = [l for l in lines[s - 1] if l[3] - l[1] < 1.5 * size]
        left = [l for l in body if l[2] <= l1 + 1]
        right = [l for l in body if l[0] >= r0 - 1]
        if not left or not right:
            continue
        endings += 1
        gap = abs(max(l[3] for l in left) - max(l[3] for l in right))
        if gap > 1.5 * pitch:
            unbalanced.append(f"p{s}:{gap / pitch:.1f}")
    mx, p95 = han_gaps(doc)
    print(f"{len(pages)} pages, fullest {full} lines; sparse {len(sparse)} {sparse[:8]}; "
          f"endings {endings}, unbalanced {len(unbalanced)} {unbalanced[:8]}; "
          f"Han-Han added space max {mx:.3f} em, p95 {p95:.3f} em")
    bad = bool(sparse or unbalanced)
    if "--max-jus" in sys.argv:
        i = sys.argv.index("--max-jus")
        lim, lim95 = float(sys.argv[i + 1]), float(sys.argv[i + 2])
        if mx > lim or p95 > lim95:
            print(f"FAIL: added space past the limits ({lim} em, p95 {lim95} em)")
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
