#!/usr/bin/env python3
"""pdf_check.py — checks a built PDF against its edition and the layout dump.

usage: pdf_check.py PDF LAYOUT_JSON EDITION_DIR

Every check prints one line; any failure makes the exit status 1.
  text     each page's extracted text (pdftotext) holds exactly the layout's
           characters, every line of the layout appears whole, and pdftotext
           prints nothing on stderr
  spacing  no space appears after Chinese punctuation
  source   every paragraph of the articles' Markdown appears in the PDF text
           of its article, in order
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
    check("text", not bad_pages and not bad_lines,
          f"{nlines} lines on {len(pages)} pages; pages differing {bad_pages[:5]}, lines broken {bad_lines[:3]}")

    # source: each article's paragraphs, in order, in the article's lines
    y, sections, arts = articles(ed)
    art_text = {}
    for p in pages:
        for l in p["lines"]:
            if l["article"] >= 0 and l["kind"] not in ("runhead", "folio", "toc"):
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
