#!/usr/bin/env python3
"""Builds a large edition from the sample's articles, for the benchmark.

make_edition.py SAMPLE_DIR OUT_DIR chars N [HAN]  at least N characters of text
make_edition.py SAMPLE_DIR OUT_DIR articles N     exactly N articles
Repeats the sample's articles (in their sections, article by article),
keeping the sample's edition.yaml metadata. Characters are those of the
article files that are not white space. With HAN, characters of the repeats
are replaced, one in so many, by common characters (GB 2312 level 1, in its
order) the text lacks, until it has HAN distinct Han characters: a repeated
text has as many distinct characters as its source, a real issue of that
length more (the more glyphs, the larger the fonts). Prints the number of
articles and of characters.
"""
import os, re, shutil, sys

import yaml


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def common_han():
    """GB 2312's level-1 characters (the 3,755 most common), in its order."""
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                yield bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                pass


def widen(out, repeats, want):
    """Replaces Han characters of the repeated files until the edition has `want`
    distinct ones."""
    texts = {rel: open(os.path.join(out, rel), encoding="utf-8").read() for rel in repeats}
    have = set()
    for name in os.listdir(os.path.join(out, "articles")):
        have.update(HAN.findall(open(os.path.join(out, "articles", name), encoding="utf-8").read()))
    pool = [c for c in common_han() if c not in have][: max(0, want - len(have))]
    if not pool:
        return
    slots = sum(len(HAN.findall(t)) for t in texts.values())
    step = max(1, slots // len(pool))
    it, k = iter(pool), 0

    def swap(m):
        nonlocal k
        k += 1
        return next(it, m.group(0)) if k % step == 0 else m.group(0)

    for rel, text in texts.items():
        head, sep, body = text.partition("\n---\n")  # front matter stays as written
        if not sep:
            head, body = "", text
        with open(os.path.join(out, rel), "w", encoding="utf-8") as f:
            f.write(head + sep + HAN.sub(swap, body))


def main():
    src, out, unit, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    want_han = int(sys.argv[5]) if len(sys.argv) > 5 else 0
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
            text = open(os.path.join(src, rel), encoding="utf-8").read()
            sizes[rel] = sum(not ch.isspace() for ch in text)
    contents, total, count, r, repeats = [], 0, 0, 0, []
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
                repeats.append(new)
                arts.append(new)
            if arts:
                contents.append({"section": sec.get("section") or "", "articles": arts})
        r += 1
    if want_han:
        widen(out, repeats, want_han)
    meta["contents"] = contents
    with open(os.path.join(out, "edition.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False)
    print(f"{count} {total}")


if __name__ == "__main__":
    main()
