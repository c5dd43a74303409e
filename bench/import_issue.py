#!/usr/bin/python3
"""make bench: speed and memory of `folio import` on a past issue of about 60 pages.

The issue is the sample's articles repeated (bench/make_edition.py) until folio sets it on
about 60 pages; it is imported three ways: folio's own PDF of it (two columns, running
heads; poppler would set up colour management for its sRGB output intent on every page,
which src/import/issue_pdf.c keeps it from doing), the same edition typeset by pandoc + XeLaTeX, and the text pdftotext extracts
from folio's PDF (the form past issues survive in). Prints the median wall time of 5
imports (pinned to one core, CPU time beside it) and the peak memory, with the target
(0.5 s for a 60-page issue) beside them.

FOLIO_BIN names the binary to measure (default: build/folio).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO_BIN") or os.path.join(ROOT, "build", "folio")
RUNS, TARGET_TIME = 5, 0.5


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def measure(src, tmp):
    walls, cpus = [], []
    for i in range(RUNS):
        out = os.path.join(tmp, f"imp{i}")
        t0, r0 = time.perf_counter(), os.times()
        subprocess.run(["taskset", "-c", "0", FOLIO, "import", src, "-o", out],
                       check=True, capture_output=True)
        r1 = os.times()
        walls.append(time.perf_counter() - t0)
        cpus.append(r1.children_user + r1.children_system - r0.children_user - r0.children_system)
        shutil.rmtree(out)
    mem = os.path.join(tmp, "mem")
    p = subprocess.run(["/usr/bin/time", "-f", "%M", FOLIO, "import", src, "-o", mem],
                       capture_output=True, text=True, check=True)
    shutil.rmtree(mem)
    return statistics.median(walls), statistics.median(cpus), int(p.stderr.split()[-1]) / 1024


def main():
    with tempfile.TemporaryDirectory() as tmp:
        ed = os.path.join(tmp, "issue")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_edition.py"),
                        os.path.join(ROOT, "examples", "sample"), ed, "chars", "58000"],
                       check=True, capture_output=True)
        subprocess.run([FOLIO, "build", ed, "-o", os.path.join(tmp, "out")], check=True,
                       capture_output=True)
        pdf = os.path.join(tmp, "out", "issue.pdf")
        txt = os.path.join(tmp, "issue.txt")
        subprocess.run(["pdftotext", pdf, txt], check=True)
        sources = [("folio's PDF", pdf), ("text", txt)]
        md = os.path.join(tmp, "issue.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write(subprocess.run([sys.executable, os.path.join(ROOT, "tests", "cli", "import_typeset.py"),
                                    ed, "md"], capture_output=True, text=True, check=True).stdout)
        xe = os.path.join(tmp, "xe.pdf")
        if subprocess.run(["pandoc", md, "-o", xe, "--pdf-engine=xelatex", "--toc",
                           "-V", "CJKmainfont=Noto Serif CJK SC"], capture_output=True).returncode == 0:
            sources.insert(1, ("XeLaTeX PDF", xe))
        n = pages(pdf)
        for name, src in sources:
            wall, cpu, mb = measure(src, tmp)
            np = pages(src) if src.endswith(".pdf") else n
            print(f"import {name} ({np} pages): {wall:.3f} s wall, {cpu:.3f} s CPU, "
                  f"{mb:.0f} MB peak; per 60 pages {wall * 60 / np:.3f} s (target {TARGET_TIME} s)")


main()
