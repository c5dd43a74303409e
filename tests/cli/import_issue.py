#!/usr/bin/python3
"""import_issue.py EXPECTED_EDITION IMPORTED_EDITION [min figures...]

Compares an edition rebuilt by `folio import` from a past issue with the
edition it came from: titles found exactly, body text through (coverage) and
nothing else in it (precision, by character bigrams), paragraph starts (F1),
paragraphs in the right article (attribution: of the paragraph starts found,
the share found in the article of the same title), sections (F1), journal
and issue. Prints the figures; exits 1 when one is
below its minimum (given as name=value)."""
import collections
import os
import re
import sys

import yaml


def read_edition(d):
    y = yaml.safe_load(open(os.path.join(d, "edition.yaml"), encoding="utf-8"))
    arts = []
    for sec in y.get("contents") or []:
        for p in sec.get("articles") or []:
            text = open(os.path.join(d, p), encoding="utf-8").read()
            m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
            fm = yaml.safe_load(m.group(1)) or {}
            body = m.group(2)
            paras = []
            for block in re.split(r"\n\s*\n", body):
                b = block.strip()
                if not b or b.startswith("!["):
                    continue
                b = re.sub(r"^(#+|>|\d+\.|[-*])\s*", "", b, flags=re.M)
                b = re.sub(r"<!---->|\\(.)|[*_]", lambda m: m.group(1) or "", b)
                paras.append(re.sub(r"\s+", "", b))
            arts.append({"title": str(fm.get("title", "")), "section": sec.get("section") or "", "paras": paras})
    return y, arts


def bigrams(s):
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def f1(a, b):
    tp = len(a & b)
    if not a and not b:
        return 1.0
    p = tp / len(b) if b else 0
    r = tp / len(a) if a else 0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ey, ea = read_edition(sys.argv[1])
    iy, ia = read_edition(sys.argv[2])
    mins = dict(a.split("=") for a in sys.argv[3:])
    norm = lambda t: re.sub(r"\s+", "", t)
    titles = {norm(a["title"]) for a in ia}
    found = sum(norm(a["title"]) in titles for a in ea)
    etext = "".join(p for a in ea for p in a["paras"])
    itext = "".join(p for a in ia for p in a["paras"])
    eb, ib = bigrams(etext), bigrams(itext)
    common = sum((eb & ib).values())
    # a list's marker is a paragraph's text in a PDF, markup in the edition
    lead = re.compile(r"^(\d+[.、．]|[•·■□●◆▪–—-]+)")
    starts = lambda arts: {lead.sub("", p)[:10] for a in arts for p in a["paras"] if len(lead.sub("", p)) >= 10}
    secs = lambda arts: {norm(a["section"]) for a in arts if a["section"]}
    owner = lambda arts: {lead.sub("", p)[:10]: norm(a["title"]) for a in arts for p in a["paras"]
                          if len(lead.sub("", p)) >= 10}
    eo, io = owner(ea), owner(ia)
    both = [k for k in eo if k in io]
    figures = {
        "titles": found / max(1, len(ea)),
        "coverage": common / max(1, sum(eb.values())),
        "precision": common / max(1, sum(ib.values())),
        "paragraphs": f1(starts(ea), starts(ia)),
        "attribution": sum(eo[k] == io[k] for k in both) / max(1, len(both)),
        "sections": f1(secs(ea), secs(ia)),
        "journal": float(norm(str(ey.get("journal"))) == norm(str(iy.get("journal")))),
        "issue": float(norm(str(ey.get("issue"))) == norm(str(iy.get("issue")))),
    }
    print("import_issue: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
          + f" ({found} of {len(ea)} titles, {len(ia)} articles imported)")
    bad = [f"{k} {figures[k]:.3f} < {v}" for k, v in mins.items() if figures[k] < float(v)]
    for b in bad:
        print("import_issue: FAIL " + b)
    missing = [a["title"] for a in ea if norm(a["title"]) not in titles]
    if missing and bad:
        print("import_issue: titles not found: " + "; ".join(missing[:10]))
    return 1 if bad else 0


sys.exit(main())
