# pdf_images.sh — every kind of PNG reaches the PDF with its exact pixels: plain ones
# embedded with their own data (grey, RGB, palette), the others decoded (alpha, tRNS,
# 16-bit, 2-bit, interlaced); a PNG whose data is damaged is refused.
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}"
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p ed/articles ed/images
# Writes the PNGs and, for each, the colour pixels poppler must decode (RGB; the
# alpha goes to a soft mask, which pdfimages lists apart) as NAME.want.
python3 - <<'PY'
import struct, zlib

W, H = 37, 23

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

def png(name, ctype, depth, rows, plte=None, trns=None, interlace=0):
    raw = b""
    if interlace:
        # Adam7: the pixels of each pass, row by row (rows given as lists of samples)
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        for x0, y0, dx, dy in passes:
            xs = list(range(x0, W, dx))
            if not xs:
                continue
            for y in range(y0, H, dy):
                raw += b"\0" + pack_row([rows[y][x] for x in xs], depth)
    else:
        for r in rows:
            raw += b"\0" + pack_row(r, depth)
    d = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, ctype, 0, 0, interlace))
    if plte:
        d += chunk(b"PLTE", bytes(sum(plte, ())))
    if trns is not None:
        d += chunk(b"tRNS", trns)
    # several IDAT chunks, as real encoders write
    z = zlib.compress(raw, 9)
    for i in range(0, len(z), 100):
        d += chunk(b"IDAT", z[i:i + 100])
    d += chunk(b"IEND", b"")
    open(f"ed/images/{name}.png", "wb").write(d)

def pack_row(samples, depth):
    flat = [s for px in samples for s in (px if isinstance(px, tuple) else (px,))]
    if depth == 8:
        return bytes(flat)
    if depth == 16:
        return b"".join(struct.pack(">H", v) for v in flat)
    per = 8 // depth
    out = bytearray()
    for i in range(0, len(flat), per):
        b = 0
        for j in range(per):
            b = (b << depth) | (flat[i + j] if i + j < len(flat) else 0)
        out.append(b)
    return bytes(out)

def want(name, rgb_rows):
    with open(f"{name}.want", "wb") as f:
        for r in rgb_rows:
            for p in r:
                f.write(bytes(p))

g = [[(x * 7 + y * 11) % 256 for x in range(W)] for y in range(H)]
rgb = [[((x * 7) % 256, (y * 11) % 256, (x * y) % 256) for x in range(W)] for y in range(H)]
pal = [((i * 40) % 256, (i * 90) % 256, (255 - i * 30) % 256) for i in range(7)]
idx = [[(x + 2 * y) % 7 for x in range(W)] for y in range(H)]
alpha = [[(x * 13 + y * 5) % 256 for x in range(W)] for y in range(H)]

png("grey", 0, 8, g); want("grey", [[(v, v, v) for v in r] for r in g])
png("rgb", 2, 8, rgb); want("rgb", rgb)
png("palette", 3, 8, idx, plte=pal); want("palette", [[pal[i] for i in r] for r in idx])
png("rgb16", 2, 16, [[(c[0] * 257, c[1] * 257, c[2] * 257) for c in r] for r in rgb]); want("rgb16", rgb)
png("grey2", 0, 2, [[v % 4 for v in r] for r in g]); want("grey2", [[((v % 4) * 85,) * 3 for v in r] for r in g])
png("interlaced", 2, 8, rgb, interlace=1); want("interlaced", rgb)
# with transparency: the colour image itself (pdfimages writes the soft mask apart)
png("rgba", 6, 8, [[c + (alpha[y][x],) for x, c in enumerate(r)] for y, r in enumerate(rgb)]); want("rgba", rgb)
png("greya", 4, 8, [[(v, alpha[y][x]) for x, v in enumerate(r)] for y, r in enumerate(g)]); want("greya", [[(v, v, v) for v in r] for r in g])
png("paltrns", 3, 8, idx, plte=pal, trns=bytes([0, 128])); want("paltrns", [[pal[i] for i in r] for r in idx])
PY

names="grey rgb palette rgb16 grey2 interlaced rgba greya paltrns"
{
  printf 'journal: 图片测试\nissue: 2026年第1期\ndate: 2026-01\ncontents:\n  - section: 栏目\n    articles:\n'
  for n in $names; do printf '      - articles/%s.md\n' "$n"; done
} > ed/edition.yaml
for n in $names; do
  printf -- '---\ntitle: 图 %s\n---\n\n说明文字。\n\n![图 %s](../images/%s.png)\n' "$n" "$n" "$n" > "ed/articles/$n.md"
done

"$FOLIO" build ed -o out --pdf --quiet 2>err.txt || fail "build failed: $(cat err.txt)"
qpdf --check out/ed.pdf >/dev/null || fail "qpdf --check fails"

# Each image XObject, in page order (one image per article, each article on its
# own page or later), decoded by poppler, must equal the wanted pixels.
pdfimages -list out/ed.pdf > list.txt
pdfimages -png out/ed.pdf img
python3 - "$names" <<'PY'
import glob, struct, sys, zlib

names = sys.argv[1].split()

def read_png(fn):
    d = open(fn, "rb").read()
    i, idat = 8, b""
    while i < len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        t = d[i + 4:i + 8]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", d[i + 8:i + 18])
        elif t == b"IDAT":
            idat += d[i + 8:i + 8 + n]
        i += 12 + n
    assert depth == 8, fn
    ch = {0: 1, 2: 3}[ctype]
    raw, out, prev = zlib.decompress(idat), [], bytearray(w * ch)
    row = w * ch
    for y in range(h):
        f, line = raw[y * (row + 1)], bytearray(raw[y * (row + 1) + 1:(y + 1) * (row + 1)])
        for x in range(row):
            a = line[x - ch] if x >= ch else 0
            b, c = prev[x], (prev[x - ch] if x >= ch else 0)
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        out.append(bytes(line) if ch == 3 else bytes(v for g in line for v in (g, g, g)))
    return w, h, b"".join(out)

rows = [l.split() for l in open("list.txt").read().splitlines()[2:]]
images = [r for r in rows if r[2] == "image"]
masks = {r[10] for r in rows if r[2] == "smask"}
if len(images) != len(names):
    sys.exit(f"FAIL: {len(images)} images in the PDF, {len(names)} placed")
bad = []
for name, r in zip(names, images):
    fn = "img-%03d.png" % int(r[1])
    w, h, px = read_png(fn)
    want = open(name + ".want", "rb").read()
    if (w, h) != (37, 23) or px != want:
        bad.append(name)
    has_mask = r[10] in masks
    if has_mask != (name in ("rgba", "greya", "paltrns")):
        bad.append(name + " (soft mask " + ("present" if has_mask else "missing") + ")")
if bad:
    sys.exit("FAIL: pixels differ from the PNG's: " + ", ".join(bad))
print("pdf_images: all", len(names), "PNG kinds embedded with their exact pixels")
PY

# Plain PNGs go in without being decoded: the PDF holds their own zlib data.
python3 - <<'PY' || fail "a plain PNG was not embedded as it is"
import re, struct, zlib
pdf = open("out/ed.pdf", "rb").read()
d = open("ed/images/rgb.png", "rb").read()
i, idat = 8, b""
while i < len(d):
    n = struct.unpack(">I", d[i:i + 4])[0]
    if d[i + 4:i + 8] == b"IDAT":
        idat += d[i + 8:i + 8 + n]
    i += 12 + n
assert idat in pdf
PY

# Damaged image data (a byte of the zlib stream changed, CRC fixed so that
# only the data is wrong) is refused with the image named.
python3 - <<'PY'
import struct, zlib
d = bytearray(open("ed/images/rgb.png", "rb").read())
i = 8
while d[i + 4:i + 8] != b"IDAT":
    i += 12 + struct.unpack(">I", d[i:i + 4])[0]
n = struct.unpack(">I", d[i:i + 4])[0]
d[i + 8 + 2] ^= 0xFF
d[i + 8 + n:i + 12 + n] = struct.pack(">I", zlib.crc32(bytes(d[i + 4:i + 8 + n])))
open("ed/images/rgb.png", "wb").write(d)
PY
set +e
"$FOLIO" build ed -o out2 --pdf --quiet 2>err2.txt
st=$?
set -e
[ "$st" = 1 ] || fail "a damaged PNG gave status $st: $(cat err2.txt)"
grep -q "cannot read image .*rgb.png: damaged PNG data" err2.txt || fail "the damaged PNG is not named: $(cat err2.txt)"
echo "pdf_images: ok"
