#!/usr/bin/env python3
"""Builds a large edition from the sample's articles, for the benchmark.

make_edition.py SAMPLE_DIR OUT_DIR chars N      at least N characters of articles
make_edition.py SAMPLE_DIR OUT_DIR articles N   exactly N articles
Repeats the sample's articles (in their sections, article by article),
keeping the sample's edition.yaml metadata. Prints the number of articles
and of characters.
"""
import os, shutil, sys

import yaml


def main():
    src, out, unit, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if unit not in ("chars", "articles"):
        sys.exit("make_edition.py: give `chars N` or `articles N`")
    meta = yaml.safe_load(open(os.path.join(src, "edition.yaml"), encoding="utf-8-sig"))
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(src, out)
    sections = meta["contents"]
    sizes = {}
    for sec in sections:
        for rel in sec["articles"]:
            sizes[rel] = len(open(os.path.join(src, rel), encoding="utf-8").read())
    contents, total, count, r = [], 0, 0, 0
    full = lambda: total >= limit if unit == "chars" else count >= limit
    while not full():
        for sec in sections:
            arts = []
            for rel in sec["articles"]:
                if full():
                    break
                total += sizes[rel]
                count += 1
                if r == 0:
                    arts.append(rel)
                    continue
                d, base = os.path.split(rel)
                new = os.path.join(d, f"r{r}-{base}")
                shutil.copy(os.path.join(src, rel), os.path.join(out, new))
                arts.append(new)
            if arts:
                contents.append({"section": sec.get("section") or "", "articles": arts})
        r += 1
    meta["contents"] = contents
    with open(os.path.join(out, "edition.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False)
    print(f"{count} {total}")


if __name__ == "__main__":
    main()
