#!/usr/bin/env python3
"""layout_check.py — checks a `folio build --dump-layout` JSON file against the
typographic rules of the spec (KIN-1, KIN-2, KIN-4, JUS-1, WO-1, WO-2, HD-2,
GRID-2, COL-1, RH-1) and the page model (no overlapping lines, no text outside
the type area, contents numbers equal to the articles' folios, ending on one
vertical, wrapped entries hanging; PAGE-1: no article ends on a page of its
own with fewer than 4 body lines per column; MODEL: each line's column and
role agree with where it stands and what it is).

With --makeup, also the make-up (issue 16): STUB, no page but the cover, the
masthead, the contents' first page and the last holds less than a quarter of
the fullest page's text lines; ENDING, each article's last page has its
columns ending within 1.5 lines of each other; and the dump's make-up report
(stub_rows, each article's ending) agrees with the lines.

usage: layout_check.py DUMP.json [--stats] [--makeup]
Prints one line per violation and a summary; exits 1 when any rule is broken.
"""
import json
import sys

# KIN-1: may not start a line (full-width and ASCII).
NO_START = set("、,。.;:?!，．；：？！”’)）》〉」』】〕〗]｝}·・々〻ー゠〜～%‰℃")
# KIN-2: may not end a line.
NO_END = set("“‘(（《〈「『【〔〖[｛{")
DASHES = set("—…⸺⸻")
PUNCT = NO_START | NO_END | DASHES | set("“”‘’\"' 　")
# Lines set by the paragraph setter, to which the line-breaking rules apply.
PARA_KINDS = {"body", "quote", "list", "caption", "heading2", "heading3", "title", "subtitle",
              "source", "toc"}
FLOW_KINDS = {"body", "quote", "list"}
LAST, FIRST = 1, 2
LAST_MIN = 4  # PAGE-1: body lines per column on an article's own last page
EPS = 0.1


class Checker:
    def __init__(self, doc):
        self.doc = doc
        self.grid = doc["grid"]
        self.violations = []

    def bad(self, rule, page, line, why):
        text = line["text"][:24] if line else ""
        self.violations.append(f"{rule}: page {page['index']} (folio {page['folio']}): {why}"
                               + (f" [{text}]" if text else ""))

    @staticmethod
    def extent(line):
        """Left and right edges of the drawn glyphs."""
        g = line["glyphs"]
        if not g:
            return line["x"], line["x"]
        return line["x"] + g[0]["x"], line["x"] + max(x["x"] + x["adv"] for x in g)

    def column_of(self, page, line):
        x0, _ = self.extent(line)
        for k, (c0, c1) in enumerate(page["columns"]):
            if c0 - EPS <= x0 <= c1 + EPS:
                return k
        return -1

    # ---- line rules ---------------------------------------------------------
    def paragraphs(self):
        """Lines of each paragraph (article, serial, kind) in document order."""
        paras = {}
        for page in self.doc["pages"]:
            for line in page["lines"]:
                if line["kind"] in FLOW_KINDS and line["serial"] >= 0 and line["glyphs"]:
                    if line["kind"] == "list" and len(line["glyphs"]) <= 3 and \
                            line["width"] <= 2 * line["size"] + EPS and not line["flags"]:
                        continue  # a list marker
                    key = (line["article"], line["serial"], line["kind"])
                    paras.setdefault(key, []).append((page, line))
        return paras

    def check_lines(self):
        for page in self.doc["pages"]:
            for line in page["lines"]:
                if line["kind"] not in PARA_KINDS or not line["glyphs"]:
                    continue
                cps = [chr(g["cp"]) for g in line["glyphs"]]
                if not line["flags"] & FIRST and cps[0] in NO_START:
                    self.bad("KIN-1", page, line, f"line starts with {cps[0]}")
                if not line["flags"] & LAST and cps[-1] in NO_END:
                    self.bad("KIN-2", page, line, f"line ends with {cps[-1]}")
                g = line["glyphs"]
                for a, b in zip(g, g[1:]):
                    if chr(a["cp"]) in DASHES and a["cp"] == b["cp"] and \
                            abs(b["x"] - (a["x"] + a["adv"])) > 0.05:
                        self.bad("KIN-4", page, line, "a dash or ellipsis is spaced out")
        for key, lines in self.paragraphs().items():
            for (pa, a), (pb, b) in zip(lines, lines[1:]):
                ea, sb = a["glyphs"][-1]["cp"], b["glyphs"][0]["cp"]
                if chr(ea) in DASHES and ea == sb:
                    self.bad("KIN-4", pa, a, "—— or …… split across lines")
            for page, line in lines:
                if line["kind"] not in FLOW_KINDS or line["flags"] & LAST:
                    continue
                if abs(line["natural"] + line["stretch"] - line["width"]) > EPS:
                    self.bad("JUS-1", page, line, "natural + stretch = %.2f, width %.2f" %
                             (line["natural"] + line["stretch"], line["width"]))
                g = line["glyphs"][-1]
                if abs(g["x"] + g["adv"] - line["width"]) > EPS:
                    self.bad("JUS-1", page, line, "last glyph ends at %.2f, measure %.2f" %
                             (g["x"] + g["adv"], line["width"]))
            page, last = lines[-1]
            if len(lines) > 1 and last["flags"] & LAST:
                letters = [g for g in last["glyphs"] if chr(g["cp"]) not in PUNCT]
                if len(letters) <= 1:
                    self.bad("WO-1", page, last, "a paragraph's last line holds one character")

    # ---- page rules ---------------------------------------------------------
    def check_grid_and_area(self):
        top, pitch, size = self.grid["top"], self.grid["pitch"], self.grid["body_size"]
        for page in self.doc["pages"]:
            ta = page["type_area"]
            boxes = []
            for line in page["lines"]:
                if not line["glyphs"]:
                    continue
                if line["kind"] in FLOW_KINDS:
                    k = (top - 0.88 * size - line["y"]) / pitch
                    if abs(k - round(k)) > 0.01:
                        self.bad("GRID-2", page, line, "baseline %.2f is off the grid" % line["y"])
                x0, x1 = self.extent(line)
                y0, y1 = line["y"] - 0.12 * line["size"], line["y"] + 0.88 * line["size"]
                if page["index"] > 0 and line["kind"] not in ("runhead", "folio"):
                    if x0 < ta["x0"] - EPS or x1 > ta["x1"] + EPS or y1 > ta["top"] + EPS or \
                            y0 < ta["bottom"] - EPS:
                        self.bad("AREA", page, line, "line outside the type area "
                                 "(%.1f..%.1f, %.1f..%.1f)" % (x0, x1, y0, y1))
                if line["kind"] in FLOW_KINDS | {"heading2", "heading3", "caption"}:
                    k = self.column_of(page, line)
                    if k < 0 or x1 > page["columns"][k][1] + EPS:
                        self.bad("AREA", page, line, "line outside its column")
                if x1 > page["width"] or x0 < 0 or y0 < 0 or y1 > page["height"]:
                    self.bad("AREA", page, line, "line outside the page")
                boxes.append((x0, x1, y0, y1, line))
            for im in page["boxes"]:
                if im["type"] != "image" or page["index"] == 0:
                    continue
                ix0, ix1, iy0, iy1 = im["x"], im["x"] + im["w"], im["y"], im["y"] + im["h"]
                if ix0 < ta["x0"] - EPS or ix1 > ta["x1"] + EPS or iy1 > ta["top"] + EPS or \
                        iy0 < ta["bottom"] - EPS:
                    self.bad("AREA", page, None, "image outside the type area")
                for x0, x1, y0, y1, line in boxes:
                    if min(x1, ix1) - max(x0, ix0) > 0.3 and min(y1, iy1) - max(y0, iy0) > 0.3:
                        self.bad("OVERLAP", page, line, "text over an image")
            boxes.sort(key=lambda b: -b[3])
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if b[3] <= a[2] + 0.3:
                        break
                    if min(a[1], b[1]) - max(a[0], b[0]) > 0.3 and \
                            min(a[3], b[3]) - max(a[2], b[2]) > 0.3:
                        self.bad("OVERLAP", page, a[4], "overlaps [%s]" % b[4]["text"][:16])

    def columns(self):
        """(page, column index, lines top to bottom) for each article column."""
        for page in self.doc["pages"]:
            cols = {}
            for line in page["lines"]:
                if line["kind"] in ("runhead", "folio", "title", "subtitle", "author", "byline") \
                        or line["article"] < 0:
                    continue
                cols.setdefault(self.column_of(page, line), []).append(line)
            for k in sorted(cols):
                yield page, k, sorted(cols[k], key=lambda l: -l["y"])

    def check_headings(self):
        cols = list(self.columns())
        for n, (page, k, lines) in enumerate(cols):
            for i, line in enumerate(lines):
                if not line["kind"].startswith("heading"):
                    continue
                if i + 1 < len(lines) and lines[i + 1]["kind"] == line["kind"] and \
                        lines[i + 1]["serial"] == line["serial"]:
                    continue  # not the heading's last line
                after = [l for l in lines[i + 1:] if l["kind"] in FLOW_KINDS]
                article = line["article"]
                later = any(l["article"] == article for _, _, ls in cols[n + 1:] for l in ls)
                if len(after) < 2 and later:
                    self.bad("HD-2", page, line, "heading with %d line(s) after it at the foot "
                             "of column %d" % (len(after), k + 1))

    def check_widows(self):
        """WO-2: a paragraph broken across columns keeps two lines on each side."""
        for key, lines in self.paragraphs().items():
            groups = []
            for page, line in lines:
                col = (page["index"], self.column_of(page, line))
                if groups and groups[-1][0] == col:
                    groups[-1][1].append(line)
                else:
                    groups.append((col, [line]))
            if len(groups) > 1:
                for col, ls in groups:
                    if len(ls) < 2:
                        page = self.doc["pages"][col[0]]
                        self.bad("WO-2", page, ls[0], "one line of a broken paragraph alone "
                                 "in column %d" % (col[1] + 1))

    def check_columns(self):
        ncols = self.grid["columns"]
        if ncols < 2:
            return
        arts = self.doc["articles"]
        pitch = self.grid["pitch"]
        used_right = 0
        for a, art in enumerate(arts):
            page = self.doc["pages"][art["last_page"]]
            bottoms = {}
            for line in page["lines"]:
                if line["article"] == a and line["kind"] in FLOW_KINDS | {"heading2", "heading3",
                                                                           "caption"}:
                    k = self.column_of(page, line)
                    bottoms[k] = min(bottoms.get(k, 1e9), line["y"])
            if len(bottoms) > 1:
                used_right += 1
                left, right = bottoms.get(0, 1e9), bottoms.get(ncols - 1, 1e9)
                # COL-1: the left column at least as long as the right one,
                # within the lines a heading or a kept paragraph may move
                if left > right + 3 * pitch + EPS:
                    self.bad("COL-1", page, None, "article %d: left column ends %.0f pt above "
                             "the right one" % (a, left - right))
                if right > left + 0 and (right - left) > 6 * pitch:
                    self.bad("COL-1", page, None, "article %d: columns unbalanced by %.0f pt"
                             % (a, right - left))
        pages_two = 0
        for page in self.doc["pages"]:
            ks = {self.column_of(page, l) for l in page["lines"] if l["kind"] in FLOW_KINDS}
            if len(ks) >= 2:
                pages_two += 1
        if pages_two == 0:
            self.violations.append("COL-1: no page uses both columns")

    def check_numbers(self):
        pages = self.doc["pages"]
        arts = self.doc["articles"]
        nums = []
        for page in pages:
            for line in page["lines"]:
                if line["kind"] == "toc" and line["text"][-1:].isdigit():
                    t = line["text"]
                    i = len(t)
                    while i and t[i - 1].isdigit():
                        i -= 1
                    nums.append(int(t[i:]))
        folios = [a["folio"] for a in arts]
        if nums != folios:
            self.violations.append(f"TOC: contents numbers {nums} != article folios {folios}")
        for a in arts:
            if pages[a["page"]]["folio"] != a["folio"]:
                self.violations.append("TOC: article folio differs from its page's folio")
        links = [b for p in pages for b in p["boxes"] if b["type"] == "link"]
        if [b["target_page"] for b in links] != [a["page"] for a in arts]:
            self.violations.append("TOC: contents links do not lead to the articles' pages")
        for page in pages:
            if page["recto"] != (page["index"] % 2 == 0):
                self.bad("RH-1", page, None, "odd pages must be rectos")
            if page["folio"] not in (0, page["index"] + 1):
                self.bad("RH-1", page, None, "folio is not the page's place")
            ta = page["type_area"]
            folios = [l for l in page["lines"] if l["kind"] == "folio"]
            for line in page["lines"]:
                if line["kind"] in ("runhead", "folio"):
                    x0, x1 = self.extent(line)
                    ok = abs(x1 - ta["x1"]) < 0.5 if page["recto"] else abs(x0 - ta["x0"]) < 0.5
                    # folio_place: head — the head stands beside the folio, inside it
                    for f in folios if line["kind"] == "runhead" else []:
                        if abs(f["y"] - line["y"]) < 0.5:
                            f0, f1 = self.extent(f)
                            gap = f0 - x1 if page["recto"] else x0 - f1
                            ok = ok or 0 < gap < 1.5 * line["size"]
                    if not ok:
                        self.bad("RH-1", page, line, "running head or folio not at the outer "
                                 "edge of the type area")

    def check_last_pages(self):
        """PAGE-1: an article that began on an earlier page does not end on a
        page of its own holding fewer than LAST_MIN body lines per column."""
        pages = self.doc["pages"]
        for a, art in enumerate(self.doc["articles"]):
            if art["last_page"] == art["page"]:
                continue
            page = pages[art["last_page"]]
            others = [l for l in page["lines"] if l["kind"] in FLOW_KINDS | {"title"}
                      and l["article"] != a]
            if others:
                continue  # the page goes on with other articles (briefs)
            per_col = {}
            for line in page["lines"]:
                if line["article"] == a and line["kind"] in FLOW_KINDS:
                    k = self.column_of(page, line)
                    per_col[k] = per_col.get(k, 0) + 1
            if max(per_col.values(), default=0) < LAST_MIN:
                self.bad("PAGE-1", page, None, "article %d ends with a page of %d line(s) per "
                         "column" % (a, max(per_col.values(), default=0)))

    def check_contents(self):
        """TOC: page numbers end on one vertical; a wrapped title (and an
        authors line) hangs at least an em right of the entry's first line."""
        for page in self.doc["pages"]:
            rights, entry_x = [], None
            for line in page["lines"]:
                if line["kind"] != "toc" or not line["glyphs"]:
                    continue
                x0, x1 = self.extent(line)
                if line["text"][-1:].isdigit() and "·" in line["text"]:
                    rights.append(x1)
                if line["flags"] & FIRST:
                    entry_x = x0
                elif entry_x is not None and x0 > entry_x - EPS and \
                        x0 < entry_x + 0.9 * line["size"]:
                    self.bad("TOC", page, line, "a wrapped entry does not hang under its title")
            by_col = {}
            for x1 in rights:  # contents set in columns: one vertical each
                k = next((k for k, (c0, c1) in enumerate(page["columns"])
                          if c0 - EPS <= x1 <= c1 + EPS), -1)
                by_col.setdefault(k, []).append(x1)
            for col in by_col.values():
                if max(col) - min(col) > EPS:
                    self.bad("TOC", page, None, "page numbers do not end on one vertical "
                             "(%.2f pt apart)" % (max(col) - min(col)))

    def check_model(self):
        """MODEL: text set in a column names that column, everything else -1;
        a contents entry leads to the article whose folio it prints; its dot
        leaders are marked as decoration; list labels are labels."""
        in_columns = FLOW_KINDS | {"list_label", "heading2", "heading3", "caption", "source"}
        folios = [a["folio"] for a in self.doc["articles"]]
        entries = {}  # the last line of each contents entry
        for page in self.doc["pages"]:
            for line in page["lines"]:
                if not line["glyphs"]:
                    continue
                want = self.column_of(page, line) if line["kind"] in in_columns else -1
                if line["column"] != want:
                    self.bad("MODEL", page, line, "%s line in column %d, stands in %d"
                             % (line["kind"], line["column"], want))
                if line["kind"] == "list" and len(line["glyphs"]) <= 3 and \
                        line["text"].rstrip(".").isdigit():
                    self.bad("MODEL", page, line, "a list number has the role of list text")
                if line["kind"] == "toc":
                    entries[line.get("target", -1)] = (page, line)
        for page, line in entries.values():
            t = line["text"]
            num = t[len(t.rstrip("0123456789")):]
            if "target" not in line or not num or int(num) != folios[line["target"]]:
                self.bad("MODEL", page, line, "contents entry leads to no article of its folio")
            d0, d1 = line.get("deco", [0, 0])
            if {chr(g["cp"]) for g in line["glyphs"][d0:d1]} != {"·"} or \
                    not all(chr(g["cp"]).isdigit() for g in line["glyphs"][d1:]):
                self.bad("MODEL", page, line, "the leaders are not marked as decoration")

    # ---- make-up (--makeup) ----------------------------------------------------
    @staticmethod
    def rows(page):
        """Text lines on a page as a reader's tool counts them: running heads
        and folios aside, lines on one baseline less than an em apart once."""
        seen, n = [], 0
        for line in page["lines"]:
            if line["kind"] in ("runhead", "folio") or not line["glyphs"]:
                continue
            x0, x1 = Checker.extent(line)
            joined = any(abs(y - line["y"]) < 0.5 and (x0 - b1 if x0 > b1 else b0 - x1) < line["size"]
                         for y, b0, b1 in seen)
            seen.append((line["y"], x0, x1))
            n += not joined
        return n

    def check_stubs(self):
        """STUB: no page but the cover, the masthead, the contents' first page
        and the last page holds less than a quarter of the fullest page's text
        lines; the dump's stub_rows and each ending's rows say the same."""
        pages = self.doc["pages"]
        counts = [self.rows(p) for p in pages]
        full = max(counts, default=0)
        toc = next((p["index"] for p in pages if any(l["kind"] == "toc" for l in p["lines"])), -1)
        for page, n in zip(pages, counts):
            i = page["index"]
            if 1 < i < len(pages) - 1 and i != toc and n < 0.25 * full:
                self.bad("STUB", page, None, "%d text lines, a quarter of the fullest page is %.1f"
                         % (n, 0.25 * full))
        if self.doc.get("stub_rows", 0) < 0.25 * full:
            self.violations.append(f"STUB: the dump's stub_rows {self.doc.get('stub_rows')} is "
                                   f"under a quarter of the fullest page ({full} lines)")
        for a, art in enumerate(self.doc["articles"]):
            if art["ending"]["rows"] != counts[art["last_page"]]:
                self.violations.append(f"STUB: article {a}: the dump says {art['ending']['rows']} "
                                       f"lines on its last page, there are {counts[art['last_page']]}")

    def check_endings(self):
        """ENDING: on each article's last page the columns holding its text end
        within 1.5 lines of each other, and the dump's ending says how they
        end (grid lines per column, balance)."""
        ncols, pitch = self.grid["columns"], self.grid["pitch"]
        for a, art in enumerate(self.doc["articles"]):
            page = self.doc["pages"][art["last_page"]]
            end = art["ending"]
            if ncols > 1 and end["balance"] > 1:
                self.bad("ENDING", page, None, "article %d: the dump's columns %s are %d lines apart"
                         % (a, end["columns"], end["balance"]))
            bottoms = {}
            for line in page["lines"]:
                if line["article"] == a and line["kind"] in FLOW_KINDS | {"heading2", "heading3",
                                                                           "caption", "source"}:
                    k = self.column_of(page, line)
                    bottoms[k] = min(bottoms.get(k, 1e9), line["y"])
            if len(bottoms) > 1 and max(bottoms.values()) - min(bottoms.values()) > 1.5 * pitch:
                self.bad("ENDING", page, None, "article %d: its columns end %.1f lines apart"
                         % (a, (max(bottoms.values()) - min(bottoms.values())) / pitch))

    def run(self, makeup=False):
        self.check_model()
        if makeup:
            self.check_stubs()
            self.check_endings()
        self.check_last_pages()
        self.check_contents()
        self.check_lines()
        self.check_grid_and_area()
        self.check_headings()
        self.check_widows()
        self.check_columns()
        self.check_numbers()
        return self.violations


def han_gaps(doc):
    """Han–Han added space on the justified lines (JUS-3), in em: max, p95."""
    gaps = []
    for p in doc["pages"]:
        for l in p["lines"]:
            if l["kind"] not in FLOW_KINDS or l["flags"] & LAST:
                continue
            g = l["glyphs"]
            for a, b in zip(g, g[1:]):
                if 0x4E00 <= a["cp"] <= 0x9FFF and 0x4E00 <= b["cp"] <= 0x9FFF:
                    gaps.append((b["x"] - a["x"] - a["adv"]) / l["size"])
    gaps.sort()
    return (gaps[-1] if gaps else 0), (gaps[int(len(gaps) * 0.95)] if gaps else 0)


def stats(doc):
    n_lines = sum(len(p["lines"]) for p in doc["pages"])
    mx, p95 = han_gaps(doc)
    print(f"{len(doc['pages'])} pages, {n_lines} lines; Han–Han added space: "
          f"max {mx:.3f} em, p95 {p95:.3f} em")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    v = Checker(doc).run("--makeup" in sys.argv)
    for line in v:
        print(line)
    if "--stats" in sys.argv:
        stats(doc)
    print(f"{len(v)} violation(s) in {sys.argv[1]}")
    return 1 if v else 0


if __name__ == "__main__":
    sys.exit(main())
