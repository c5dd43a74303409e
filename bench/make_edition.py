#!/usr/bin/env python3
"""Builds a large edition from the sample's articles, for the benchmark.

make_edition.py SAMPLE_DIR OUT_DIR TARGET_CHARS
Repeats the sample's articles (in their sections, article by article) until
they hold at least TARGET_CHARS characters, keeping the sample's edition.yaml
metadata.
"""
import os, re, shutil, sys

import yaml


def main():
    src, out, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
    meta = yaml.safe_load(open(os.path.join(src, "edition.yaml"), encoding="utf-8-sig"))
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(src, out)
    sections = meta["contents"]
    sizes = {}
    for sec in sections:
        for rel in sec["articles"]:
            sizes[rel] = len(open(os.path.join(src, rel), encoding="utf-8").read())
    per_round = sum(sizes.values())
    rounds = max(1, -(-target // per_round))
    contents = []
    total = 0
    for r in range(rounds):
        for sec in sections:
            arts = []
            for rel in sec["articles"]:
                if total >= target:
                    break
                total += sizes[rel]
                if r == 0:
                    arts.append(rel)
                    continue
                d, base = os.path.split(rel)
                new = os.path.join(d, f"r{r}-{base}")
                shutil.copy(os.path.join(src, rel), os.path.join(out, new))
                arts.append(new)
            if arts:
                contents.append({"section": sec.get("section") or "", "articles": arts})
    meta["contents"] = contents
    with open(os.path.join(out, "edition.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False)
    print(f"{out}: {total} characters of articles ({per_round} a round)")


if __name__ == "__main__":
    main()
