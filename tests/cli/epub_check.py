#!/usr/bin/env python3
"""epub_check.py — structural checks of an EPUB written by folio (used by the
EPUB tests; epubcheck itself is run separately).

usage: epub_check.py EPUB [--text FILE] [--pages N] [--fonts | --no-fonts]

Checks: mimetype first, stored, without extra field; one fixed timestamp;
every .xhtml/.opf/.ncx well-formed; lang and xml:lang on every <html>; the
manifest and the zip agree; every chapter in the nav; every page-list link
lands on an id; the NCX page list matches; with --text, the text of the
chapters (tags stripped, whitespace ignored) equals the file's text. Exits 1
with a message on the first failure."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB = "{http://www.idpf.org/2007/ops}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def cmap_chars(data):
    """The code points of an OpenType font's cmap (formats 4 and 12)."""
    import struct
    n = struct.unpack(">H", data[4:6])[0]
    off = None
    for i in range(n):
        tag, _, o, _ = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        if tag == b"cmap":
            off = o
    if off is None:
        return None
    cps = set()
    nsub = struct.unpack(">H", data[off + 2:off + 4])[0]
    for i in range(nsub):
        _, _, so = struct.unpack(">HHI", data[off + 4 + 8 * i:off + 12 + 8 * i])
        t = off + so
        fmt = struct.unpack(">H", data[t:t + 2])[0]
        if fmt == 4:
            segx2 = struct.unpack(">H", data[t + 6:t + 8])[0]
            ends = struct.unpack(">%dH" % (segx2 // 2), data[t + 14:t + 14 + segx2])
            starts = struct.unpack(">%dH" % (segx2 // 2), data[t + 16 + segx2:t + 16 + 2 * segx2])
            for a, b in zip(starts, ends):
                if a != 0xFFFF:
                    cps.update(range(a, b + 1))
        elif fmt == 12:
            ngroups = struct.unpack(">I", data[t + 12:t + 16])[0]
            for g in range(ngroups):
                a, b, _ = struct.unpack(">III", data[t + 16 + 12 * g:t + 28 + 12 * g])
                cps.update(range(a, b + 1))
    return cps


def visible_text(el):
    """Text of el and its children, leaving out hidden elements."""
    if el.get("hidden") is not None:
        return el.tail or ""
    out = [el.text or ""]
    for child in el:
        out.append(visible_text(child))
    out.append(el.tail or "")
    return "".join(out)


def fail(msg):
    print("epub_check: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    args = sys.argv[1:]
    if not args:
        fail("no EPUB given")
    path = args[0]
    text_file = None
    pages = None
    fonts = None
    i = 1
    while i < len(args):
        if args[i] == "--text":
            text_file = args[i + 1]
            i += 2
        elif args[i] == "--pages":
            pages = int(args[i + 1])
            i += 2
        elif args[i] == "--fonts":
            fonts = True
            i += 1
        elif args[i] == "--no-fonts":
            fonts = False
            i += 1
        else:
            fail("unknown argument " + args[i])

    z = zipfile.ZipFile(path)
    infos = z.infolist()
    if not infos or infos[0].filename != "mimetype":
        fail("mimetype is not the first entry")
    if infos[0].compress_type != zipfile.ZIP_STORED:
        fail("mimetype is compressed")
    if infos[0].extra:
        fail("mimetype has an extra field")
    if z.read("mimetype") != b"application/epub+zip":
        fail("mimetype content is wrong")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        fail("duplicate entries")
    if len({i.date_time for i in infos}) != 1:
        fail("entries have different timestamps")

    docs = {}
    for n in names:
        if n.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            try:
                docs[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                fail("%s is not well-formed XML: %s" % (n, e))

    container = docs.get("META-INF/container.xml")
    if container is None:
        fail("no META-INF/container.xml")
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    opf_path = rootfile.get("full-path")
    opf = docs[opf_path]
    base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
    lang = opf.get(XML_LANG)
    if not lang or not opf.get("dir") or not opf.get("unique-identifier"):
        fail("package lacks xml:lang, dir or unique-identifier")
    uid_id = opf.get("unique-identifier")
    ident = [e for e in opf.iter(DC + "identifier") if e.get("id") == uid_id]
    if not ident or not ident[0].text:
        fail("no dc:identifier with the unique-identifier id")
    if opf.find(".//" + DC + "language").text != lang:
        fail("dc:language differs from the package's xml:lang")

    manifest = {}
    for item in opf.iter(OPF + "item"):
        manifest[item.get("id")] = item
        if base + item.get("href") not in names:
            fail("manifest item %s is not in the zip" % item.get("href"))
    listed = {base + m.get("href") for m in manifest.values()}
    for n in names:
        if n not in ("mimetype", opf_path) and not n.startswith("META-INF/") and n not in listed:
            fail("%s is in the zip but not in the manifest" % n)

    for n, root in docs.items():
        if n.endswith(".xhtml"):
            if root.tag != XHTML + "html":
                fail("%s: root is not <html>" % n)
            if root.get("lang") != lang or root.get(XML_LANG) != lang:
                fail("%s: <html> lacks lang/xml:lang=%s" % (n, lang))

    spine = [manifest[r.get("idref")] for r in opf.iter(OPF + "itemref")]
    chapters = [base + it.get("href") for it in spine if it.get("id").startswith("ch-")]
    if not chapters:
        fail("no chapters in the spine")

    navs = [it for it in manifest.values() if "nav" in (it.get("properties") or "").split()]
    if len(navs) != 1:
        fail("not exactly one nav document")
    nav_path = base + navs[0].get("href")
    nav = docs[nav_path]
    toc = page_list = None
    for n in nav.iter(XHTML + "nav"):
        t = n.get(EPUB + "type")
        if t == "toc":
            toc = n
        elif t == "page-list":
            page_list = n
    if toc is None:
        fail("nav has no toc")
    toc_targets = {base + a.get("href").split("#")[0] for a in toc.iter(XHTML + "a")}
    for ch in chapters:
        if ch not in toc_targets:
            fail("%s is not in the nav's toc" % ch)

    def ids_of(doc_path):
        return {e.get("id") for e in docs[doc_path].iter() if e.get("id")}

    npages = 0
    if page_list is not None:
        for a in page_list.iter(XHTML + "a"):
            href = a.get("href")
            f, _, frag = href.partition("#")
            target = base + f
            if target not in docs or frag not in ids_of(target):
                fail("page-list link %s has no target" % href)
            el = [e for e in docs[target].iter() if e.get("id") == frag][0]
            if el.get(EPUB + "type") != "pagebreak":
                fail("page-list link %s is not a pagebreak" % href)
            npages += 1
    if pages is not None and npages != pages:
        fail("page list has %d entries, expected %d" % (npages, pages))

    ncx_items = [it for it in manifest.values()
                 if it.get("media-type") == "application/x-dtbncx+xml"]
    if len(ncx_items) != 1:
        fail("not exactly one NCX")
    ncx = docs[base + ncx_items[0].get("href")]
    uid_meta = [m for m in ncx.iter(NCX + "meta") if m.get("name") == "dtb:uid"]
    if not uid_meta or uid_meta[0].get("content") != ident[0].text:
        fail("NCX dtb:uid differs from the package identifier")
    targets = list(ncx.iter(NCX + "pageTarget"))
    if len(targets) != npages:
        fail("NCX has %d page targets, nav has %d" % (len(targets), npages))
    ncx_srcs = {base + c.get("src").split("#")[0] for c in ncx.iter(NCX + "content")}
    for ch in chapters:
        if ch not in ncx_srcs:
            fail("%s is not in the NCX" % ch)

    css_items = [it for it in manifest.values() if it.get("media-type") == "text/css"]
    css = "".join(z.read(base + it.get("href")).decode("utf-8") for it in css_items)
    font_items = [it for it in manifest.values() if it.get("media-type", "").startswith("font/")]
    if fonts is True and (not font_items or "@font-face" not in css):
        fail("no embedded fonts")
    if fonts is False and (font_items or "@font-face" in css):
        fail("fonts embedded without --embed-fonts")
    covered = set()
    for it in font_items:
        data = z.read(base + it.get("href"))
        if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            fail("%s is not an OpenType font" % it.get("href"))
        cps = cmap_chars(data)
        if not cps:
            fail("%s has no cmap" % it.get("href"))
        covered |= cps
    if font_items:
        # The subsets hold the characters the pages show, and no others.
        shown = set()
        for it in spine + navs:
            body = docs[base + it.get("href")].find(XHTML + "body")
            shown |= {ord(ch) for ch in visible_text(body) if ord(ch) > 0x20}
        missing = shown - covered
        if missing:
            fail("characters shown but in no embedded font: %s"
                 % " ".join("U+%04X" % c for c in sorted(missing)[:20]))
        extra = covered - shown - {0x20}
        if extra:
            fail("embedded fonts hold characters never shown: %s"
                 % " ".join("U+%04X" % c for c in sorted(extra)[:20]))

    if text_file:
        got = []
        for ch in chapters:
            body = docs[ch].find(XHTML + "body")
            got.append("".join(body.itertext()))
        got = re.sub(r"\s+", "", "".join(got))
        with open(text_file, encoding="utf-8") as f:
            want = re.sub(r"\s+", "", f.read())
        if got != want:
            k = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]),
                     min(len(got), len(want)))
            fail("chapter text differs at character %d:\n  epub:    …%s…\n  edition: …%s…"
                 % (k, got[max(0, k - 20):k + 20], want[max(0, k - 20):k + 20]))

    print("epub_check: ok: %d entries, %d chapters, %d pages in the page list, %d fonts, %d bytes"
          % (len(names), len(chapters), npages, len(font_items),
             sum(i.file_size for i in infos)))


if __name__ == "__main__":
    main()
