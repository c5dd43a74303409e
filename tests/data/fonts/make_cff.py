#!/usr/bin/python3
# make_cff.py — writes cff.otf, a tiny CFF-outline OpenType font (glyphs for A and 中):
# the kind of font folio must refuse (the PDF embeds TrueType glyf outlines only).
# Needs python3-fonttools; run once, the output is committed: /usr/bin/python3 make_cff.py
import os
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen

def box(width):
    pen = T2CharStringPen(width, None)
    pen.moveTo((50, 0)); pen.lineTo((50, 700)); pen.lineTo((width - 50, 700)); pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.getCharString()

fb = FontBuilder(1000, isTTF=False)
fb.setupGlyphOrder([".notdef", "A", "uni4E2D"])
fb.setupCharacterMap({0x41: "A", 0x4E2D: "uni4E2D"})
fb.setupCFF("FolioTestCFF-Regular", {"FullName": "Folio Test CFF"},
            {".notdef": box(500), "A": box(600), "uni4E2D": box(1000)}, {})
fb.setupHorizontalMetrics({".notdef": (500, 50), "A": (600, 50), "uni4E2D": (1000, 50)})
fb.setupHorizontalHeader(ascent=880, descent=-120)
fb.setupNameTable({"familyName": "Folio Test CFF", "styleName": "Regular"})
fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
fb.setupPost()
fb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cff.otf"))
