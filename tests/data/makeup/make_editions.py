#!/usr/bin/python3
"""make_editions.py OUT_DIR — editions that provoke make-up problems, written
from a pool of sentences written for these tests:

  OUT_DIR/lengths   four sections of articles whose lengths step by a few
                    lines, so that their last pages fall at every depth (set
                    as made, many end on a page of a few lines); headings,
                    a figure, a quote, a list, then briefs and a notice
  OUT_DIR/contents  forty short articles in six sections: a contents list a
                    little longer than a page
The texts are deterministic (a fixed linear congruential sequence)."""
import os
import struct
import sys
import zlib

SENTENCES = [
    "社区工作者每天走访居民，记录群众反映的问题，并在当天汇总上报。",
    "街道党工委把解决实际困难作为检验工作成效的标准，定期回访群众。",
    "今年以来，全区新建便民服务点12个，覆盖老旧小区80余个。",
    "村里成立了议事会，大事小情都拿到会上商量，群众参与的热情明显提高。",
    "通过数据共享，办事群众少跑了腿，窗口工作人员的负担也减轻了。",
    "培训班采取专题讲授、现场教学和分组研讨相结合的方式进行。",
    "有的同志反映，过去开会多、落实少，现在每项任务都有台账、有时限。",
    "下一步，我们将继续完善工作机制，推动各项措施落地见效。",
    "2025年，全镇共受理群众诉求3600余件，办结率达到98.5%。",
    "大家常说：“有事找网格员，准没错。”",
    "这些做法看似平常，却把服务送到了群众的家门口。",
    "调研组先后走访了5个乡镇、23个村（社区），召开座谈会11场。",
    "在具体工作中，要防止简单化、一刀切，更不能搞形式主义。",
    "老党员王大爷主动请缨，带着志愿者清理楼道里堆放多年的杂物。",
    "针对群众反映集中的停车难问题，社区协调周边单位错时开放车位。",
    "实践证明，只有坚持问题导向，才能把工作做到群众心坎上。",
    "项目建成后，预计每年可为村集体增加收入20万元以上。",
    "调解员先听双方把话说完，再一条一条摆事实、讲道理。",
]


class Seq:
    """A fixed linear congruential sequence: the same texts everywhere."""

    def __init__(self, seed):
        self.x = seed

    def next(self, n):
        self.x = (self.x * 1103515245 + 12345) % (1 << 31)
        return (self.x >> 8) % n


PLACES = "东城 西岭 南湖 北川 柳河 石桥 青禾 滨江 龙泉 枫林 松岗 杏花".split()
LEADS = "据介绍 记者了解到 座谈中 走访中 调研发现 有关负责人说 居民反映 数据显示".split()


def paragraph(seq, sentences):
    """Sentences of the pool after a lead that varies, so that no two pages
    share a line (a reader's tool takes a line recurring at a page's head
    for a running head)."""
    lead = f"{PLACES[seq.next(len(PLACES))]}{LEADS[seq.next(len(LEADS))]}，"
    return lead + "".join(SENTENCES[seq.next(len(SENTENCES))] for _ in range(sentences))


def png(path, w=80, h=50):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\0" + bytes((x * 3 + y) % 256 for x in range(w * 3)) for y in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def article(seq, k, sentences, title, kind=None, figures=True):
    """An article of about `sentences` sentences in paragraphs of 1 to 7, with
    a heading every few paragraphs; k picks a figure, a quote or a list."""
    body, left, n = [], sentences, 0
    while left > 0:
        s = min(left, 1 + seq.next(7))
        body.append(paragraph(seq, s))
        left -= s
        n += 1
        if n % 5 == 0 and left > 6 and kind is None:
            body.append(f"## {'一二三四五六七八九'[min(n // 5, 8)]}、工作中的几点做法")
        if n == 3 and kind is None and k % 4 == 1 and figures:
            body.append(f"![图{k} 一处新建的便民服务点](../images/p.png)")
        if n == 2 and kind is None and k % 4 == 2:
            body.append("> " + paragraph(seq, 2))
        if n == 4 and kind is None and k % 4 == 3:
            body.append("\n".join(f"{i + 1}. {SENTENCES[seq.next(len(SENTENCES))]}"
                                  for i in range(3)))
    front = f"---\ntitle: {title}\nauthor: 测试\n" + (f"kind: {kind}\n" if kind else "") + "---\n\n"
    return front + "\n\n".join(body) + "\n"


def edition(out, journal, sections):
    """sections: [(name, [(file, text)])]"""
    os.makedirs(os.path.join(out, "articles"), exist_ok=True)
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    png(os.path.join(out, "images", "p.png"))
    yaml = f"journal: {journal}\nissue: 2026年第5期\ndate: 2026-05\ncontents:\n"
    for name, arts in sections:
        yaml += f"  - section: {name}\n    articles:\n"
        for fname, text in arts:
            with open(os.path.join(out, "articles", fname), "w", encoding="utf-8") as f:
                f.write(text)
            yaml += f"      - articles/{fname}\n"
    with open(os.path.join(out, "edition.yaml"), "w", encoding="utf-8") as f:
        f.write(yaml)


def lengths(out):
    seq = Seq(20260516)
    sections, k = [], 0
    for s, name in enumerate(["调查研究", "理论研究", "工作交流", "基层风采"]):
        arts = []
        for i in range(7):
            k += 1
            # from a page and a half to three pages, a few lines apart
            arts.append((f"a{k:02d}.md", article(seq, k, 40 + 9 * k, f"篇幅测试第{k}篇")))
        sections.append((name, arts))
    briefs = [(f"b{i}.md", article(seq, i, 3 + 2 * i, f"简讯{i + 1}", "brief")) for i in range(4)]
    briefs.append(("n.md", article(seq, 0, 8, "征稿启事", "notice")))
    sections.append(("简讯", briefs))
    edition(os.path.join(out, "lengths"), "篇幅测试", sections)


def contents(out):
    seq = Seq(7)
    names = ["卷首语", "要闻动态", "调查研究", "理论研究", "工作交流", "基层风采"]
    sections, k = [], 0
    for s, name in enumerate(names):
        arts = []
        for i in range(7 if s else 1):
            k += 1
            title = f"关于做好第{k}项基层工作的几点思考" + ("与实践探索" if k % 3 == 0 else "")
            arts.append((f"c{k:02d}.md", article(seq, k, 12 + k % 5, title, figures=False)))
        sections.append((name, arts))
    edition(os.path.join(out, "contents"), "目录测试", sections)


if __name__ == "__main__":
    lengths(sys.argv[1])
    contents(sys.argv[1])
