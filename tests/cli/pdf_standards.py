#!/usr/bin/python3
"""pdf_standards.py — walks a PDF with pikepdf and checks what it claims:
PDF/A-2 (ISO 19005-2), PDF/UA-1 (ISO 14289-1, by the Matterhorn Protocol 1.1
checkpoints) and with --print PDF/X-4 (ISO 15930-7); with --none, that it
claims nothing and is tagged all the same.

usage: pdf_standards.py PDF [--print | --none]

No validator of these standards is packaged in Debian, and the veraPDF rule
texts are not at hand: each check below is written from the clause as
published and names it in its message. Prints one line per failed check and
a summary ('N passed, N failed'); exits 1 when any check fails.
"""
import io
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.misc.psCharStrings import T2WidthExtractor
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, Stream, String

STANDARD_TYPES = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H "
    "H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note "
    "Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split())
# Where the grouping elements may stand (ISO 32000-1 14.8.4), as Matterhorn 09 checks.
PARENTS = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
           "LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TOCI": {"TOC"},
           "Caption": {"Figure", "Table", "L"}}
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/",
      "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#"}
# Namespaces PDF/A-2 predefines (the XMP 2005 schemas and its own); any other
# needs an extension schema (6.6.2.3.1).
PREDEFINED = {NS["dc"], NS["xmp"], NS["pdf"], NS["pdfaid"], NS["rdf"],
              "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
              "http://ns.adobe.com/photoshop/1.0/", NS["pdfaExtension"], NS["pdfaSchema"],
              "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
              "http://www.aiim.org/pdfa/ns/field#"}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}



def tt_widths(data, cid_to_gid):
    """A TrueType program's width of each CID, in 1/1000 em (None past its glyphs)."""
    tt = TTFont(io.BytesIO(data))
    upem, order, hmtx = tt["head"].unitsPerEm, tt.getGlyphOrder(), tt["hmtx"].metrics
    gmap = cid_to_gid.read_bytes() if isinstance(cid_to_gid, Stream) else None

    def width(cid):
        gid = cid if gmap is None else (int.from_bytes(gmap[2 * cid:2 * cid + 2], "big")
                                        if 2 * cid + 1 < len(gmap) else 0)
        return hmtx[order[gid]][0] * 1000.0 / upem if gid < len(order) else None
    return width


def cff_widths(data):
    """A CID-keyed CFF program's width of each CID, in 1/1000 text space."""
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    scale = list(getattr(top, "FontMatrix", [0.001]))[0] * 1000.0

    def width(cid):
        name = "cid%05d" % cid if cid else ".notdef"
        if name not in top.CharStrings:
            return None
        cs = top.CharStrings[name]
        priv = cs.private
        ex = T2WidthExtractor(getattr(priv, "Subrs", []), cs.globalSubrs,
                              getattr(priv, "nominalWidthX", 0), getattr(priv, "defaultWidthX", 0))
        ex.execute(cs)
        return ex.width * scale
    return width

class Checker:
    def __init__(self, path, mode):
        self.path, self.mode = path, mode
        self.pdf = pikepdf.open(path)
        self.passed = self.failed = 0

    def check(self, ok, clause, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {clause}: {what}")

    # ---- file structure ----------------------------------------------------------

    def file_structure(self):
        head = open(self.path, "rb").read(64)
        m = re.match(rb"%PDF-1\.([0-7])\r?\n%([\x80-\xff]{4})", head)
        self.check(m is not None, "PDF/A-2 6.1.2",
                   "header %PDF-1.n (n <= 7) and a comment of four bytes above 127")
        tr = self.pdf.trailer
        ids = tr.get("/ID")
        self.check(isinstance(ids, Array) and len(ids) == 2, "PDF/A-2 6.1.3",
                   "the trailer has an /ID of two strings")
        self.check("/Encrypt" not in tr, "PDF/A-2 6.1.3", "no /Encrypt in the trailer")
        bad = [o.objgen for o in self.pdf.objects if isinstance(o, Stream) and (
            {"/F", "/FFilter", "/FDecodeParms"} & set(o.keys()) or
            any(str(f) in ("/LZWDecode", "/Crypt") for f in self.filters(o)))]
        self.check(not bad, "PDF/A-2 6.1.7", f"streams with external data or LZW/Crypt: {bad[:5]}")
        self.check(self.pdf.pdf_version <= "1.7", "PDF/A-2 6.1.2", "PDF version at most 1.7")

    @staticmethod
    def filters(s):
        f = s.get("/Filter")
        return [] if f is None else list(f) if isinstance(f, Array) else [f]

    # ---- colour --------------------------------------------------------------------

    def intents(self):
        oi = self.pdf.Root.get("/OutputIntents")
        return list(oi) if oi is not None else []

    def output_intents(self):
        ois = self.intents()
        kinds = [str(o.get("/S")) for o in ois]
        self.check("/GTS_PDFA1" in kinds, "PDF/A-2 6.2.2", "an output intent GTS_PDFA1")
        profiles = {o.DestOutputProfile.objgen for o in ois if "/DestOutputProfile" in o}
        self.check(len(profiles) == 1, "PDF/A-2 6.2.2",
                   "every output intent with a profile has the same profile object")
        for o in ois:
            p = o.get("/DestOutputProfile")
            data = p.read_bytes() if p is not None else b""
            space = data[16:20]
            n = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(space)
            self.check(len(data) > 128 and data[36:40] == b"acsp" and n == int(p.get("/N", 0)),
                       "PDF/A-2 6.2.2", f"{o.S}: an ICC profile whose /N matches its colour space")
            self.check(data[12:16] in (b"prtr", b"mntr"), "PDF/A-2 6.2.2",
                       f"{o.S}: an output or monitor profile")
            self.check("/OutputConditionIdentifier" in o, "PDF/X-4 6.2.3 / PDF/A-2 6.2.2",
                       f"{o.S}: OutputConditionIdentifier")
        if self.mode == "print":
            self.check("/GTS_PDFX" in kinds, "PDF/X-4 6.2.3", "an output intent GTS_PDFX")
            self.check(all(int(o.DestOutputProfile.get("/N", 0)) == 4 for o in ois),
                       "PDF/X-4 6.2.3", "the output intent is a CMYK characterisation")
        else:
            self.check(all(int(o.DestOutputProfile.get("/N", 0)) == 3 for o in ois),
                       "PDF/A-2 6.2.2", "the output intent is sRGB (N 3)")

    def intent_space(self):
        ois = self.intents()
        return int(ois[0].DestOutputProfile.get("/N", 0)) if ois else 0

    def colour_space_names(self, cs, out):
        """Device spaces a colour space object uses (bases and alternates too)."""
        if isinstance(cs, Name):
            out.add(str(cs))
        elif isinstance(cs, Array) and len(cs):
            kind = str(cs[0])
            out.add(kind)
            if kind == "/Indexed":
                self.colour_space_names(cs[1], out)
            elif kind in ("/Separation", "/DeviceN"):
                self.colour_space_names(cs[2], out)
            elif kind == "/ICCBased":
                n = int(cs[1].get("/N", 0))
                data = cs[1].read_bytes()
                want = {1: b"GRAY", 3: b"RGB ", 4: b"CMYK"}.get(n)
                self.check(data[16:20] == want, "PDF/A-2 6.2.4.2",
                           f"an ICCBased space's /N {n} matches its profile")

    def device_colours(self):
        """PDF/A-2 6.2.4.3: DeviceRGB only under an RGB output intent, DeviceCMYK
        only under a CMYK one; for print (PDF/X-4) no DeviceRGB at all."""
        used = set()
        for i, page in enumerate(self.pdf.pages):
            res = page.obj.get("/Resources", Dictionary())
            for x in (v for _, v in res.get("/XObject", Dictionary()).items()):
                self.colour_space_names(x.get("/ColorSpace"), used)
                if "/SMask" in x:
                    self.colour_space_names(x.SMask.get("/ColorSpace"), used)
            for cs in (v for _, v in res.get("/ColorSpace", Dictionary()).items()):
                self.colour_space_names(cs, used)
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("rg", "RG"):
                    used.add("/DeviceRGB")
                elif op in ("k", "K"):
                    used.add("/DeviceCMYK")
                elif op in ("g", "G"):
                    used.add("/DeviceGray")
        n = self.intent_space()
        if self.mode != "none":
            self.check("/DeviceRGB" not in used or n == 3, "PDF/A-2 6.2.4.3",
                       "DeviceRGB only under an RGB output intent")
            self.check("/DeviceCMYK" not in used or n == 4, "PDF/A-2 6.2.4.3",
                       "DeviceCMYK only under a CMYK output intent")
        if self.mode == "print":
            self.check("/DeviceRGB" not in used, "PDF/X-4 6.2.4",
                       "no DeviceRGB in the print shop's file")
            self.check(self.text_in_black(), "PDF/X-4 (press practice)",
                       "text and rules are drawn in black ink: DeviceCMYK 0 0 0 K")

    def text_in_black(self):
        for page in self.pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("k", "K") and [float(v) for v in operands[:3]] != [0, 0, 0]:
                    return False
                if str(op) in ("g", "G", "rg", "RG", "sc", "scn"):
                    return False
        return True

    # ---- fonts ---------------------------------------------------------------------

    def fonts(self):
        seen = {}
        for page in self.pdf.pages:
            res = page.obj.get("/Resources", Dictionary())
            fonts = res.get("/Font", Dictionary())
            font = None
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "Tf":
                    font = fonts[str(operands[0])]
                    seen.setdefault(font.objgen, (font, set()))
                elif op in TEXT_OPS and font is not None:
                    cids = seen[font.objgen][1]
                    for s in operands[-1] if op == "TJ" else [operands[-1]]:
                        if isinstance(s, String):
                            b = bytes(s)
                            cids.update(int.from_bytes(b[i:i + 2], "big")
                                        for i in range(0, len(b) - 1, 2))
        for font, cids in seen.values():
            name = str(font.get("/BaseFont"))
            desc = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            fd = desc.get("/FontDescriptor", Dictionary())
            self.check(any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                       "PDF/A-2 6.2.11.4.1, Matterhorn 31-011", f"{name}: the font program is embedded")
            if str(desc.get("/Subtype")) == "/CIDFontType2":
                self.check("/CIDToGIDMap" in desc, "PDF/A-2 6.2.11.3.2",
                           f"{name}: a CIDFontType2 has a CIDToGIDMap")
            self.widths(name, desc, fd, cids)
            tu = font.get("/ToUnicode")
            self.check(tu is not None, "PDF/A-2 6.2.11.7.2, Matterhorn 31-027",
                       f"{name}: a ToUnicode map")
            if tu is None:
                continue
            m = self.cmap(tu.read_bytes().decode("latin-1"))
            missing = sorted(c for c in cids if c not in m)
            self.check(not missing, "PDF/A-2 6.2.11.7.2, Matterhorn 31-027",
                       f"{name}: every glyph drawn maps to Unicode (not: {missing[:5]})")
            bad = sorted(c for c in cids if m.get(c) in ("\0", "\ufeff", "\ufffe"))
            self.check(not bad, "PDF/A-2 6.2.11.7.2, Matterhorn 31-030",
                       f"{name}: no glyph maps to U+0000, U+FEFF or U+FFFE")

    def widths(self, name, desc, fd, cids):
        """PDF/A-2 6.2.11.5: every glyph drawn is as wide in /W (or /DW) as in the embedded
        program (within 1/1000 em, as veraPDF compares them), read with fontTools."""
        if not cids or not ("/FontFile2" in fd or "/FontFile3" in fd):
            return
        declared = {}
        w = desc.get("/W", Array())
        i = 0
        while i + 1 < len(w):
            if isinstance(w[i + 1], Array):
                declared.update((int(w[i]) + k, float(x)) for k, x in enumerate(w[i + 1]))
                i += 2
            else:
                declared.update((c, float(w[i + 2])) for c in range(int(w[i]), int(w[i + 1]) + 1))
                i += 3
        dw = float(desc.get("/DW", 1000))
        program = (tt_widths(fd.FontFile2.read_bytes(), desc.get("/CIDToGIDMap"))
                   if "/FontFile2" in fd else cff_widths(fd.FontFile3.read_bytes()))
        off = sorted((c, declared.get(c, dw), program(c)) for c in cids
                     if program(c) is None or abs(declared.get(c, dw) - program(c)) > 1)
        self.check(not off, "PDF/A-2 6.2.11.5",
                   f"{name}: the widths of the {len(cids)} glyphs drawn are the font program's "
                   f"(not: {[(c, d, p if p is None else round(p, 1)) for c, d, p in off[:4]]})")

    @staticmethod
    def cmap(text):
        m = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                m[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                          block):
                base = int(dst, 16)
                for k, c in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    m[c] = chr(base + k)
        return m

    # ---- annotations, actions ----------------------------------------------------------

    def annotations(self):
        n = 0
        for i, page in enumerate(self.pdf.pages):
            annots = page.obj.get("/Annots", Array())
            for a in annots:
                n += 1
                f = int(a.get("/F", 0))
                self.check(f & 4 and not f & (1 | 2 | 32 | 256), "PDF/A-2 6.3.2",
                           f"page {i + 1}: annotation printed and not hidden")
                self.check(str(a.get("/Subtype")) in ("/Link", "/Popup") or "/AP" in a,
                           "PDF/A-2 6.3.3", f"page {i + 1}: annotation with an appearance")
                act = a.get("/A")
                self.check(act is None or str(act.get("/S")) not in
                           ("/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm",
                            "/ImportData", "/Hide", "/SetOCGState", "/Rendition", "/Trans",
                            "/GoTo3DView"), "PDF/A-2 6.5.1", f"page {i + 1}: allowed action")
                if str(a.get("/Subtype")) == "/Link":
                    self.check("/Contents" in a and str(a.Contents).strip(), "Matterhorn 28-012",
                               f"page {i + 1}: a link describes itself in Contents")
                    self.check("/StructParent" in a, "Matterhorn 28-011",
                               f"page {i + 1}: a link is in the structure tree")
            if len(annots):
                self.check(str(page.obj.get("/Tabs")) == "/S", "Matterhorn 28-008/28-009",
                           f"page {i + 1} with annotations: Tabs /S")
        names = self.pdf.Root.get("/Names", Dictionary())
        self.check("/JavaScript" not in names and "/AA" not in self.pdf.Root, "PDF/A-2 6.5.1",
                   "no JavaScript, no additional actions")
        if self.mode == "print":
            self.check(n == 0, "PDF/X-4 6.5", "no annotations on the print shop's pages")
        return n

    # ---- metadata ----------------------------------------------------------------------

    def xmp(self):
        md = self.pdf.Root.get("/Metadata")
        self.check(md is not None, "PDF/A-2 6.6.2.1, Matterhorn 06-001", "an XMP metadata stream")
        if md is None:
            return None
        raw = md.read_bytes()
        head = re.search(rb"<\?xpacket begin=[^>]*\?>", raw)
        self.check(head is not None and b"bytes=" not in head.group(0) and
                   b"encoding=" not in head.group(0), "PDF/A-2 6.6.2.1",
                   "an xpacket header without bytes or encoding")
        return ET.fromstring(raw[raw.index(b"<x:xmpmeta"):raw.rindex(b"</x:xmpmeta>") + 12])

    def metadata(self):
        root = self.xmp()
        if root is None:
            return
        get = lambda path: [e.text for e in root.iter(path)]
        title = get("{%s}title" % NS["dc"])
        self.check(bool(root.findall(".//dc:title/rdf:Alt/rdf:li", NS)), "Matterhorn 06-003",
                   "dc:title in the XMP")
        lang = str(self.pdf.Root.get("/Lang", ""))
        self.check(bool(lang), "Matterhorn 11-006", "the catalog has a /Lang")
        part = get("{%s}part" % NS["pdfaid"])
        conf = get("{%s}conformance" % NS["pdfaid"])
        uapart = get("{%s}part" % NS["pdfuaid"])
        if self.mode == "none":
            self.check(not part and not uapart and not self.intents(), "--pdf-standard none",
                       "no PDF/A or PDF/UA identification, no output intent")
            return
        self.check(part == ["2"] and conf in (["U"], ["A"]), "PDF/A-2 6.6.4",
                   "pdfaid:part 2, conformance U or A")
        self.check(uapart == ["1"], "Matterhorn 06-002", "pdfuaid:part 1")
        # every namespace in use is predefined or declared as an extension schema
        declared = {e.text for e in root.iter("{%s}namespaceURI" % NS["pdfaSchema"])}
        used = set()
        for d in root.iter("{%s}Description" % NS["rdf"]):
            for child in d:
                ns = child.tag[1:].split("}")[0]
                used.add(ns)
        undeclared = used - PREDEFINED - declared
        self.check(not undeclared, "PDF/A-2 6.6.2.3.1",
                   f"XMP properties outside the predefined schemas are declared: {undeclared}")
        info = self.pdf.trailer.get("/Info", Dictionary())
        pairs = [("/Title", ".//dc:title/rdf:Alt/rdf:li"), ("/Author", ".//dc:creator/rdf:Seq/rdf:li"),
                 ("/Subject", ".//dc:description/rdf:Alt/rdf:li"), ("/Producer", ".//pdf:Producer"),
                 ("/Creator", ".//xmp:CreatorTool"), ("/Keywords", ".//pdf:Keywords")]
        for key, path in pairs:
            if key in info:
                x = root.find(path, NS)
                self.check(x is not None and x.text == str(info[key]), "PDF/A-2 6.6.2.1",
                           f"Info {key} agrees with the XMP")
        if self.mode == "print":
            self.check(get("{%s}GTS_PDFXVersion" % NS["pdfxid"]) == ["PDF/X-4"] and
                       str(info.get("/GTS_PDFXVersion", "")) == "PDF/X-4", "PDF/X-4 6.7",
                       "GTS_PDFXVersion PDF/X-4 in XMP and Info")
            self.check(str(info.get("/Trapped", "")) in ("/True", "/False") and
                       get("{%s}Trapped" % NS["pdf"]) in (["True"], ["False"]), "PDF/X-4 6.7",
                       "Trapped True or False in Info and XMP")
        vp = self.pdf.Root.get("/ViewerPreferences", Dictionary())
        self.check(bool(vp.get("/DisplayDocTitle", False)), "Matterhorn 07-001/07-002",
                   "ViewerPreferences DisplayDocTitle true")

    def page_boxes(self):
        for i, page in enumerate(self.pdf.pages):
            o = page.obj
            trim = o.get("/TrimBox")
            self.check(trim is not None or "/ArtBox" in o, "PDF/X-4 6.2.2",
                       f"page {i + 1}: a TrimBox")
            if trim is None:
                continue
            media = [float(v) for v in o.MediaBox]
            t = [float(v) for v in trim]
            b = [float(v) for v in o.get("/BleedBox", o.MediaBox)]
            inside = lambda a, z: a[0] >= z[0] - .01 and a[1] >= z[1] - .01 and \
                a[2] <= z[2] + .01 and a[3] <= z[3] + .01
            self.check(inside(t, b) and inside(b, media), "PDF/X-4 6.2.2",
                       f"page {i + 1}: TrimBox within BleedBox within MediaBox")

    # ---- the structure tree ------------------------------------------------------------

    def structure(self):
        root = self.pdf.Root
        st = root.get("/StructTreeRoot")
        self.check(st is not None, "ISO 14289-1 7.1 (Matterhorn 01)", "a structure tree")
        self.check(bool(root.get("/MarkInfo", Dictionary()).get("/Marked", False)),
                   "ISO 14289-1 7.1 (Matterhorn 01)", "MarkInfo Marked true")
        if st is None:
            return
        # the elements: standard types, nesting, figures, headings
        types, mcrs, headings, figures = [], {}, [], []
        stack = [(st.K, None)]
        while stack:
            e, parent = stack.pop()
            if isinstance(e, Array):
                stack.extend((k, parent) for k in reversed(list(e)))
                continue
            if not isinstance(e, Dictionary) or "/S" not in e:
                continue
            s = str(e.S)[1:]
            types.append(s)
            if s not in STANDARD_TYPES:
                self.check(False, "Matterhorn 02-001", f"structure type {s} is standard")
            if s in PARENTS:
                self.check(parent in PARENTS[s], "Matterhorn 09-004",
                           f"{s} stands in {' or '.join(sorted(PARENTS[s]))}, not in {parent}")
            if re.fullmatch(r"H[1-6]", s):
                headings.append(int(s[1]))
            if s == "Figure":
                figures.append(e)
            pg = e.get("/Pg")
            kids = []
            for k in (e.K if isinstance(e.get("/K"), Array) else [e.get("/K")]):
                if isinstance(k, int):
                    mcrs[(pg.objgen, int(k))] = e.objgen
                elif isinstance(k, Dictionary) and str(k.get("/Type")) == "/MCR":
                    mcrs[(k.Pg.objgen, int(k.MCID))] = e.objgen
                elif isinstance(k, Dictionary) and "/S" in k:
                    kids.append((k, s))
            stack.extend(reversed(kids))  # depth first, in document order
        for f in figures:
            self.check(bool(str(f.get("/Alt", ""))), "Matterhorn 13-004",
                       "a Figure has alternative text")
        self.check(bool(headings) and headings[0] == 1, "Matterhorn 14-002",
                   "the first heading is H1")
        skips = [(a, b) for a, b in zip(headings, headings[1:]) if b > a + 1]
        self.check(not skips, "Matterhorn 14-003", f"no heading level skipped: {skips[:3]}")
        self.content_marks(st, mcrs)
        return types

    def content_marks(self, st, mcrs):
        """Every piece of content is tagged or an artifact, never both (Matterhorn
        01-003/01-004/01-005); each MCID is in the ParentTree, which leads back to
        the element holding it (ISO 32000-1 14.7.4.4)."""
        tree = {}
        nums = st.ParentTree.get("/Nums", Array())
        for k in range(0, len(nums), 2):
            tree[int(nums[k])] = nums[k + 1]
        untagged = nested = badtree = 0
        for i, page in enumerate(self.pdf.pages):
            sp = page.obj.get("/StructParents")
            arr = tree.get(int(sp)) if sp is not None else None
            marks = []  # open sequences: ("art" | "tag" | "other")
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    props = operands[1] if op == "BDC" and len(operands) > 1 else None
                    if tag == "/Artifact":
                        kind = "art"
                    elif isinstance(props, Dictionary) and "/MCID" in props:
                        kind = "tag"
                        mcid = int(props.MCID)
                        owner = mcrs.get((page.obj.objgen, mcid))
                        if arr is None or mcid >= len(arr) or owner is None or \
                                arr[mcid].objgen != owner:
                            badtree += 1
                    else:
                        kind = "other"
                    if ("art" in marks and kind == "tag") or ("tag" in marks and kind == "art"):
                        nested += 1
                    marks.append(kind)
                elif op == "EMC":
                    if marks:
                        marks.pop()
                elif op in TEXT_OPS or op in PAINT_OPS:
                    if "art" not in marks and "tag" not in marks:
                        untagged += 1
        self.check(untagged == 0, "Matterhorn 01-005",
                   f"all content tagged or an artifact ({untagged} pieces are neither)")
        self.check(nested == 0, "Matterhorn 01-003/01-004",
                   f"no tagged content inside artifacts or the reverse ({nested})")
        self.check(badtree == 0, "ISO 32000-1 14.7.4.4 (Matterhorn 01-001)",
                   f"every MCID leads through the ParentTree to its element ({badtree} do not)")

    def run(self):
        self.file_structure()
        if self.mode != "none":
            self.output_intents()
        self.device_colours()
        self.fonts()
        self.annotations()
        self.metadata()
        if self.mode == "print":
            self.page_boxes()
        self.structure()
        print(f"pdf_standards: {self.path} ({self.mode})")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    mode = "print" if "--print" in sys.argv else "none" if "--none" in sys.argv else "default"
    return Checker(sys.argv[1], mode).run()


if __name__ == "__main__":
    sys.exit(main())
