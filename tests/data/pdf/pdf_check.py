#!/usr/bin/env python3
"""pdf_check.py — checks a built PDF against its edition and the layout dump.

usage: pdf_check.py PDF LAYOUT_JSON EDITION_DIR [MIN_IN_ORDER]
(with MIN_IN_ORDER: only the spacing, columns and order checks)

Every check prints one line; any failure makes the exit status 1.
  text     each page's extracted text (pdftotext) holds exactly the layout's
           characters, every line of the layout appears whole, and pdftotext
           prints nothing on stderr
  spacing  no space appears after Chinese punctuation
  source   every paragraph of the articles' Markdown appears in the PDF text
           of its article, in order
  columns  plain pdftotext never runs a line of one column into the line
           beside it in the other
  order    plain pdftotext gives the layout's lines (column by column, line
           by line) in order on every page, and the articles' paragraphs
           whole and in order: at least the share MIN_IN_ORDER of both (0.9
           when not given: in two columns poppler still reads some pages as
           tables, see reading_order)
  title    pdfinfo shows "journal issue" as the Title
  outline  every section and article title is a bookmark, leading to the
           article's page
  labels   the page labels equal the printed folios
  links    every link of the layout is a link annotation to its target page
  contents each contents entry's number is the folio of the page on which the
           article's title is printed
"""
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

failures = 0


def check(name, ok, detail=""):
    global failures
    print(f"{name}: {'ok' if ok else 'FAIL'}{(' - ' + detail) if detail else ''}")
    if not ok:
        failures += 1


def ws(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s))


def run(*args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def page_text(pdf, n):
    rc, out, err = run("pdftotext", "-f", str(n), "-l", str(n), pdf, "-")
    if rc != 0 or err:
        raise SystemExit(f"pdftotext failed on page {n}: {err}")
    return out


def line_text(line):
    return "".join(chr(g["cp"]) for g in line["glyphs"] if g["face"] >= 0)


def yaml_scalar(text, key):
    m = re.search(rf"^{key}:\s*(.+?)\s*$", text, re.M)
    return m.group(1).strip("\"'") if m else None


def misplaced_count(positions):
    """How many of the found positions are not in the longest increasing
    run (the fewest units to move to restore the order)."""
    import bisect
    tails = []
    for x in positions:
        i = bisect.bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(positions) - len(tails)


def reading_order(pages, texts):
    """Plain pdftotext against the layout's reading order, page by page.

    Lines on one baseline in one column (a list number and its item) are one
    unit, read left to right; the units follow the layout's order (column by
    column, running heads and folios aside) and must come out of pdftotext
    whole and in that order. Returns (units, units missing or out of order,
    extracted lines that run a line of one column into the line beside it in
    the other, examples).

    Why a page can come out of order: poppler (TextOutputDev) groups lines
    into blocks, and where both columns are cut into blocks at the same
    heights (headings side by side) it takes the four blocks for the cells of
    a table and reads them row by row; a heading beside a picture counts as
    set across both columns."""
    nunits = bad = mixed = 0
    examples, mixes = [], []
    for p, t in zip(pages, texts):
        cols = p.get("columns") or []

        def column(l):
            x0, x1 = l["x"], l["x"] + l["width"]
            for k, (c0, c1) in enumerate(cols):
                if x0 >= c0 - 1 and x1 <= c1 + 1:
                    return k
            return -1
        units, order = {}, []
        for l in p["lines"]:
            if l["kind"] in ("runhead", "folio") or not ws(line_text(l)):
                continue
            key = (column(l), round(l["y"]))
            if key not in units:
                units[key] = []
                order.append(key)
            units[key].append(l)
        text = {}
        for k in order:
            s = ws("".join(line_text(l) for l in sorted(units[k], key=lambda l: l["x"])))
            # pdftotext joins a word hyphenated at the end of a line
            text[k] = s[:-1] if re.search(r"[A-Za-z]-$", s) else s
        got = ws(t)
        pos, found = 0, []
        for k in order:
            s = text[k]
            nunits += 1
            at = got.find(s, pos)
            if at < 0:
                at = got.find(s)
            if at < 0:
                bad += 1
                if len(examples) < 4:
                    examples.append((p["index"] + 1, "missing", s[:12]))
                continue
            found.append(at)
            pos = at + len(s)
        m = misplaced_count(found)
        bad += m
        if m and len(examples) < 4:
            examples.append((p["index"] + 1, f"{m} out of order"))
        side = [(text[a][-6:], text[b][:6]) for a in order for b in order
                if a[0] >= 0 and b[0] >= 0 and a[0] != b[0] and a[1] == b[1]]
        for row in (ws(r) for r in t.split("\n")):
            if any(row in text[k] for k in order):
                continue
            for ta, tb in side:
                if ta + tb in row:
                    mixed += 1
                    if len(mixes) < 3:
                        mixes.append((p["index"] + 1, "mixed", row[:24]))
    return nunits, bad, mixed, mixes + examples


def without_heads(pages, texts):
    """The page texts without their running heads and folios (each a line of
    its own), so that a paragraph running on to the next page reads whole;
    and the pages on which the folio is read inside the page's text (between
    its columns) rather than before or after it."""
    out, inside = [], []
    for p, t in zip(pages, texts):
        rows = t.split("\n")
        # a folio set in the head's line (folio_place: head) comes out on one
        # row with the running head
        head = [ws(line_text(l)) for l in p["lines"] if l["kind"] in ("runhead", "folio")]
        if len(head) == 2:
            both = {head[0] + head[1], head[1] + head[0]}
            k = next((i for i, r in enumerate(rows) if ws(r) in both), -1)
            if k >= 0:
                del rows[k]
                out.append("\n".join(rows))
                continue
        for kind in ("runhead", "folio"):
            for l in p["lines"]:
                if l["kind"] != kind:
                    continue
                s = ws(line_text(l))
                k = next((i for i, r in enumerate(rows) if ws(r) == s), -1)
                if k < 0:
                    continue
                if kind == "folio" and ws("".join(rows[:k])) and ws("".join(rows[k + 1:])):
                    inside.append(p["index"] + 1)
                del rows[k]
        out.append("\n".join(rows))
    return out, inside


def paragraphs_in_order(arts, texts):
    """How many of the articles' paragraphs the plain text of the whole PDF
    (without heads and folios) holds whole and in order (list numbers and
    bullets aside)."""
    marker = re.compile(r"(\d+[.)]|[●•◆■])")
    hay = marker.sub("", ws("".join(texts)))
    total = found = pos = 0
    missing = []
    for title, blocks in arts:
        for b in blocks:
            s = marker.sub("", ws(b))
            total += 1
            k = hay.find(s, pos)
            if k >= 0:
                found += 1
                pos = k + len(s)
            elif len(missing) < 3:
                missing.append(s[:12])
    return total, found, missing


def articles(ed):
    """(title, body blocks) per article, in edition order, from the sources."""
    y = open(os.path.join(ed, "edition.yaml"), encoding="utf-8-sig").read()
    out, sections = [], re.findall(r"^\s*-\s*section:\s*(.+?)\s*$", y, re.M)
    for rel in re.findall(r"^\s*-\s*(articles/\S+\.md)\s*$", y, re.M):
        raw = open(os.path.join(ed, rel), encoding="utf-8-sig").read().replace("\r\n", "\n")
        m = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, re.S)
        fm, body = (m.group(1), m.group(2)) if m else ("", raw)
        title = yaml_scalar(fm, "title") or ""
        blocks = []
        for b in re.split(r"\n\s*\n", body):
            t = b.strip()
            if not t or re.fullmatch(r"[-*_ ]{3,}", t) or t.startswith("!["):
                continue
            t = re.sub(r"^\s*(#{1,6}|>|[-*+]|\d+[.)])\s*", "", t, flags=re.M)
            t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
            t = re.sub(r"[*`\\]|(?<!\w)_|_(?!\w)", "", t)
            blocks.append(t)
        out.append((title, blocks))
    return y, sections, out


def order(pages, texts, arts, need):
    """The columns and order checks; need: the share of lines and of
    paragraphs that must come out in order."""
    nunits, bad, mixed, ex = reading_order(pages, texts)
    check("columns", mixed == 0,
          f"{mixed} extracted lines run two columns together {[e for e in ex if e[1] == 'mixed'][:3]}")
    plain, inside = without_heads(pages, texts)
    npara, inorder, miss = paragraphs_in_order(arts, plain)
    check("folios", not inside, f"read inside the page's text (between columns) on {len(inside)} "
          f"pages {inside[:8]}")
    check("order", nunits - bad >= need * nunits and inorder >= need * npara,
          f"lines in order {nunits - bad}/{nunits}, paragraphs whole and in order {inorder}/{npara} "
          f"(at least {need:.0%}); {ex[:3]} {miss[:2]}")


def main():
    pdf, dump_path, ed = sys.argv[1:4]
    dump = json.load(open(dump_path, encoding="utf-8"))
    pages = dump["pages"]
    texts = [page_text(pdf, p["index"] + 1) for p in pages]

    # text: same characters per page, every layout line whole
    bad_pages, bad_lines, nlines = [], [], 0
    for p, t in zip(pages, texts):
        want = ws("".join(line_text(l) for l in p["lines"]))
        got = ws(t)
        if Counter(want) != Counter(got):
            bad_pages.append(p["index"] + 1)
        for l in p["lines"]:
            s = ws(line_text(l))
            if len(s) < 2:
                continue
            nlines += 1
            if s not in got:
                bad_lines.append((p["index"] + 1, s[:20]))
    # a character box that overlaps or falls short of the next one comes out
    # as a space after punctuation in Chinese text
    spaces = [m for t in texts for m in re.findall(r"[，。、；：？！）》」』”’] +[^\s]", t)]
    check("spacing", not spaces, f"spaces after Chinese punctuation: {len(spaces)} {spaces[:5]}")
    y, sections, arts = articles(ed)
    if len(sys.argv) > 4:
        order(pages, texts, arts, float(sys.argv[4]))
        return 1 if failures else 0
    check("text", not bad_pages and not bad_lines,
          f"{nlines} lines on {len(pages)} pages; pages differing {bad_pages[:5]}, lines broken {bad_lines[:3]}")

    # source: each article's paragraphs, in order, in the article's lines
    art_text = {}
    for p in pages:
        for l in p["lines"]:
            if l["article"] >= 0 and l["kind"] not in ("runhead", "folio", "toc", "caption"):
                art_text[l["article"]] = art_text.get(l["article"], "") + ws(line_text(l))
    marker = re.compile(r"(\d+[.)]|[●•◆■])")
    missing, total = [], 0
    for i, (title, blocks) in enumerate(arts):
        hay = marker.sub("", art_text.get(i, ""))
        pos = 0
        for b in blocks:
            total += 1
            s = marker.sub("", ws(b))
            k = hay.find(s, pos)
            if k < 0:
                missing.append((i, s[:16]))
            else:
                pos = k + len(s)
    check("source", not missing, f"{total} paragraphs; missing or out of order: {missing[:3]}")
    order(pages, texts, arts, 0.9)
    has_astral = any(ord(ch) > 0xFFFF for _, bl in arts for b in bl for ch in b)
    if has_astral:
        astral = {ch for _, bl in arts for b in bl for ch in b if ord(ch) > 0xFFFF}
        alltext = "".join(texts)
        check("astral", all(ch in alltext for ch in astral),
              " ".join(f"U+{ord(c):X}" for c in sorted(astral)))

    # title
    rc, info, _ = run("pdfinfo", pdf)
    want = f"{yaml_scalar(y, 'journal')} {yaml_scalar(y, 'issue')}"
    m = re.search(r"^Title:\s*(.*)$", info, re.M)
    check("title", m is not None and m.group(1).strip() == want, f"pdfinfo Title {m.group(1).strip() if m else None!r}")

    # outline
    rc, js, _ = run("qpdf", "--json", "--json-key=outlines", "--json-key=pagelabels", pdf)
    j = json.loads(js)
    marks = {}

    def walk(items):
        for it in items:
            marks.setdefault(it["title"], it.get("destpageposfrom1"))
            walk(it.get("kids", []))
    walk(j["outlines"])
    apage = dump["articles"]
    miss = [t for t in sections if t not in marks]
    wrong = [t for i, (t, _) in enumerate(arts) if marks.get(t) != apage[i]["page"] + 1]
    check("outline", not miss and not wrong and len(arts) > 0,
          f"{len(marks)} bookmarks; sections missing {miss[:3]}, articles missing or misdirected {wrong[:3]}")

    # labels
    ranges = sorted(j["pagelabels"], key=lambda r: r["index"])
    labels = []
    for i in range(len(pages)):
        r = [x for x in ranges if x["index"] <= i][-1]["label"] if ranges else {}
        st = r.get("/St", 1) + i - [x for x in ranges if x["index"] <= i][-1]["index"] if ranges else i + 1
        pre = r.get("/P", "")
        pre = pre[2:] if pre.startswith("u:") else pre
        labels.append(pre + (str(st) if "/S" in r else ""))
    badl = [(p["index"] + 1, labels[p["index"]]) for p in pages if p["folio"] > 0 and labels[p["index"]] != str(p["folio"])]
    check("labels", not badl and len(labels) == len(pages), f"labels {labels[:6]}...; wrong {badl[:3]}")

    # links
    rc, js, _ = run("qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf)
    j = json.loads(js)
    objs = {k[4:]: v for k, v in j["qpdf"][1].items() if k.startswith("obj:")}
    page_objs = [p["object"] for p in j["pages"]]
    got = Counter()
    for i, po in enumerate(page_objs):
        for a in objs[po]["value"].get("/Annots", []):
            ad = objs[a]["value"] if isinstance(a, str) else a
            if ad.get("/Subtype") == "/Link" and "/Dest" in ad:
                d = ad["/Dest"]
                d = objs[d]["value"] if isinstance(d, str) else d
                got[(i, page_objs.index(d[0]))] += 1
    want = Counter((p["index"], b["target_page"]) for p in pages for b in p["boxes"] if b["type"] == "link")
    check("links", got == want and sum(want.values()) > 0, f"{sum(got.values())} links, layout has {sum(want.values())}")

    # contents: the number printed after each title is the folio of the page
    # that shows the title
    toc = "".join(ws(t) for p, t in zip(pages, texts) if any(l["kind"] == "toc" for l in p["lines"]))
    badc = []
    for i, (title, _) in enumerate(arts):
        t = ws(title)
        k = toc.find(t)
        m = re.search(r"(\d+)", toc[k + len(t):]) if k >= 0 else None
        if not m:
            badc.append((title[:12], "not in contents"))
            continue
        num = int(m.group(1))
        hits = [p["index"] for p in pages if p["folio"] == num]
        if not hits or t not in ws(texts[hits[0]]):
            badc.append((title[:12], num))
    check("contents", not badc and toc != "", f"{len(arts)} entries; wrong {badc[:3]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
