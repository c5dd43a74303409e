#!/usr/bin/python3
"""import_typeset.py EDITION md|html > FILE

Writes an edition as another typesetter's input, for PDFs that folio did not
make: Markdown for pandoc + XeLaTeX (a title block, one level-1 heading per
article, its author, its text) or HTML for WeasyPrint (a cover, a contents
page with dot leaders and page numbers, running heads and folios, articles
set in two columns). Pictures are left out."""
import html
import os
import re
import sys

import yaml


def articles(ed):
    y = yaml.safe_load(open(os.path.join(ed, "edition.yaml"), encoding="utf-8"))
    out = []
    for sec in y["contents"]:
        for p in sec["articles"]:
            t = open(os.path.join(ed, p), encoding="utf-8").read()
            m = re.match(r"---\n(.*?)\n---\n(.*)", t, re.S)
            fm = yaml.safe_load(m.group(1))
            a = fm.get("author") or ""
            a = " ".join(a) if isinstance(a, list) else a
            body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", m.group(2))
            out.append((sec.get("section") or "", fm["title"], a, body))
    return y, out


def markdown(y, arts):
    o = [f"---\ntitle: {y['journal']}\nsubtitle: {y['issue']}\n---\n"]
    for _, title, author, body in arts:
        o.append(f"# {title}\n")
        if author:
            o.append(f"{author}\n")
        o.append(re.sub(r"^## ", "### ", body, flags=re.M) + "\n")
    return "\n".join(o)


STYLE = """@page { size: A4; margin: 2cm;
  @top-center { content: string(sec); font-size: 9pt }
  @bottom-center { content: counter(page); font-size: 9pt } }
body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt }
h1 { font-size: 20pt; break-before: page; string-set: sec attr(data-sec) }
.cols { columns: 2; column-gap: 1.5em } p { text-indent: 2em; margin: 0 } h2 { font-size: 13pt }
.toc p { text-indent: 0 } .toc a::after { content: leader(".") target-counter(attr(href), page) }"""


def page(y, arts):
    e = html.escape
    o = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{STYLE}</style>',
         f'</head><body><div style="text-align:center;font-size:28pt">{e(y["journal"])}</div>',
         f'<div style="text-align:center">{e(str(y["issue"]))}</div>',
         '<h2 style="break-before:page">目 录</h2><div class="toc">']
    o += [f'<p><a href="#a{i}">{e(a[1])}</a></p>' for i, a in enumerate(arts)]
    o.append("</div>")
    for i, (sec, title, author, body) in enumerate(arts):
        o.append(f'<h1 id="a{i}" data-sec="{e(sec)}">{e(title)}</h1>')
        if author:
            o.append(f'<p style="text-align:center;text-indent:0">{e(author)}</p>')
        o.append('<div class="cols">')
        for blk in re.split(r"\n\s*\n", body):
            blk = blk.strip()
            m = re.match(r"^(#+)\s*(.*)", blk)
            if m:
                o.append(f"<h2>{e(m.group(2))}</h2>")
            elif blk:
                blk = re.sub(r"^>\s?|[*_]|<!---->|\\", "", blk, flags=re.M)
                o.append(f"<p>{e(blk.replace(chr(10), ''))}</p>")
        o.append("</div>")
    return "\n".join(o + ["</body></html>"])


y, arts = articles(sys.argv[1])
print(markdown(y, arts) if sys.argv[2] == "md" else page(y, arts))
