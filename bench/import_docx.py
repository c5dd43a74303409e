#!/usr/bin/python3
"""make bench: speed and memory of `folio import FILE.docx` on a long manuscript.

The manuscript is written here with python-docx: 300 pages' worth (6,000 paragraphs,
about 600,000 characters, with a bold run each, a heading every 40 paragraphs, a picture
every 200, each its own PNG). Prints the median wall time of 5 imports (pinned to one
core, with the CPU time beside it), the peak memory, and the size of the article written;
the targets (an editor waits for nothing: under a second, and under 128 MB) beside them.

FOLIO_BIN names the binary to measure (default: build/folio).
"""
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO_BIN") or os.path.join(ROOT, "build", "folio")
RUNS = 5
TARGET_TIME, TARGET_MEM_MB = 1.0, 128
PARAS = 6000


def png(path, seed, w=320, h=200):
    rows = b''.join(b'\x00' + bytes([(x * seed + y) % 256 for x in range(w * 3)])
                    for y in range(h))

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def manuscript(path, tmp):
    import docx
    from docx.shared import Inches
    d = docx.Document()
    d.add_paragraph('一部很长的书稿', style='Title')
    for i in range(PARAS):
        if i % 40 == 0:
            d.add_paragraph('第%d节 测量导入的速度' % (i // 40 + 1), style='Heading 1')
        if i % 200 == 100:
            pic = os.path.join(tmp, 'p%d.png' % i)
            png(pic, 3 + i // 200)
            d.add_picture(pic, width=Inches(3))
            d.add_paragraph('图%d 测试用的图片' % (i // 200 + 1))
        p = d.add_paragraph('这是第%d段。' % (i + 1))
        p.add_run('其中一句加粗,').bold = True
        p.add_run('其余是普通的叙述文字,写得长一些,好让一段有一百来个字,像真的稿件那样。' * 2)
    d.save(path)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'book.docx')
        manuscript(src, tmp)
        out = os.path.join(tmp, 'out', 'book.md')
        args = ['taskset', '-c', '0', FOLIO, 'import', src, '-o', out]
        walls, cpus = [], []
        for _ in range(RUNS):
            t = time.perf_counter()
            p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            err = p.stderr.read()
            _, status, ru = os.wait4(p.pid, 0)
            walls.append(time.perf_counter() - t)
            cpus.append(ru.ru_utime + ru.ru_stime)
            if os.waitstatus_to_exitcode(status):
                sys.exit('bench: import failed: %s' % err.decode())
        m = subprocess.run(['/usr/bin/time', '-v'] + args, capture_output=True, text=True)
        peak = re.search(r'Maximum resident set size \(kbytes\): (\d+)', m.stderr)
        peak_mb = int(peak.group(1)) / 1024 if peak else float('nan')
        size = os.path.getsize(out)
        pics = len(os.listdir(os.path.join(tmp, 'out', 'images')))
        wall = statistics.median(walls)
        print('import_docx: %d paragraphs (%.1f MB .docx -> %.1f MB article, %d pictures): '
              '%.2f s (cpu %.2f s; target < %.1f s), peak %.0f MB (target < %d MB)' %
              (PARAS, os.path.getsize(src) / 1e6, size / 1e6, pics, wall,
               statistics.median(cpus), TARGET_TIME, peak_mb, TARGET_MEM_MB))


if __name__ == '__main__':
    main()
