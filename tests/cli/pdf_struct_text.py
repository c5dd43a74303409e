#!/usr/bin/python3
"""pdf_struct_text.py — reads a tagged PDF's structure tree back with
`pdfinfo -struct-text` and measures it against the edition it came from:
the share of the edition's text (title, subtitle, authors, byline, every
block, source line, in the order of edition.yaml) found in the articles'
elements in order, and that no running head or folio stands inside them.

usage: pdf_struct_text.py PDF EDITION_DIR DUMP.json [--min SHARE]

DUMP.json is the build's --dump-layout, for the running heads' texts.
Prints the figures and 'N passed, N failed'; exits 1 on a failed check.
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

import yaml


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def article_text(path):
    """The paragraphs of one article file, markup taken out."""
    raw = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
    fm, body = {}, raw
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, re.S)
    if m:
        fm, body = yaml.safe_load(m.group(1)) or {}, m.group(2)
    paras = [str(fm[k]) for k in ("title", "subtitle") if fm.get(k)]
    authors = fm.get("author")
    if authors:
        paras.append("".join(authors) if isinstance(authors, list) else str(authors))
    if fm.get("byline"):
        paras.append(str(fm["byline"]))
    # a list's items are paragraphs of their own (their labels stand between)
    body = re.sub(r"\n(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s)", r"\n\n\1", body)
    for block in re.split(r"\n\s*\n", body):
        t = block.strip()
        if not t or re.fullmatch(r"[-*_ ]{3,}", t):
            continue
        t = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", t)
        t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
        t = re.sub(r"^\s*(#{1,6}|>|[-*+]|\d+[.)])\s*", "", t, flags=re.M)
        t = re.sub(r"\\\n", "\n", t)  # a hard line break
        t = re.sub(r"[*`]|(?<!\w)_+|_+(?!\w)", "", t)  # emphasis, not a_b
        t = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", t)
        paras.append(t)
    if fm.get("source"):
        paras.append(str(fm["source"]))
    return paras


def edition_text(ed):
    meta = yaml.safe_load(open(os.path.join(ed, "edition.yaml"), encoding="utf-8-sig"))
    paras = []
    for sec in meta.get("contents") or []:
        for rel in sec.get("articles") or []:
            paras.extend(article_text(os.path.join(ed, rel)))
    return paras


def struct_text(pdf):
    """The text strings inside Art elements, in order, and every string."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, check=True)
    in_art, art_depth, arts, every = False, 0, [], []
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        depth = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if not body:
            continue
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            text = body[1:-1]
            every.append(text)
            if in_art and depth > art_depth:
                arts.append(text)
            continue
        if in_art and depth <= art_depth:
            in_art = False
        if re.match(r"Art\b", body):
            in_art, art_depth = True, depth
    return arts, every


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, ed, dump = sys.argv[1:4]
    need = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 1.0
    arts, every = struct_text(pdf)
    hay = norm("".join(arts))
    found = total = 0
    missing = []
    at = 0
    for p in edition_text(ed):
        p = norm(p)
        if not p:
            continue
        total += len(p)
        k = hay.find(p, at)
        if k >= 0:
            found += len(p)
            at = k + len(p)
        elif len(missing) < 5:
            missing.append(p[:20])
    share = found / total if total else 0
    doc = json.load(open(dump, encoding="utf-8"))
    heads = {l["text"] for pg in doc["pages"] for l in pg["lines"] if l["kind"] == "runhead"}
    intruders = [t for t in arts if t in heads or re.fullmatch(r"\d{1,4}", t)]
    passed = failed = 0
    print(f"structure text: {found} of {total} characters of the edition in order "
          f"({100 * share:.2f} %), {len(arts)} strings in articles")
    for ok, what in ((share >= need, f"the edition's text in order in the structure tree "
                      f"(at least {100 * need:.1f} %; missing: {missing})"),
                     (not intruders, f"no running head or folio inside an article: {intruders[:5]}"),
                     (len(every) > len(arts), "the front pages are in the tree too")):
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + what)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
