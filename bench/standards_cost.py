#!/usr/bin/env python3
"""make bench, the cost of the standards (issue 15): folio now against folio just before the
PDF was tagged (the parent of commit 7750bee), on the same 40-page bench issue.

That folio is taken from the project's own history (git archive) and built once into
build/bench-before-tags/. Both binaries build the issue made by bench/make_edition.py, each
with its own layouts and fonts. Printed: the median of 11 runs of the layout and PDF stages
(`--pdf --timings`, pinned to one core, as bench/run pins its runs; the two binaries in turn) and the PDF's size, with
the goals beside them (stages at most 10 % slower, PDF at most 8 % larger); then the whole
build (PDF and EPUB) on the machine's cores, not pinned. The comparison takes in everything else that changed since, so it is the upper bound of what
tagging costs.

FOLIO_BIN names the binary to measure (default: build/folio).
"""
import importlib.machinery, importlib.util, os, re, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO_BIN") or os.path.join(ROOT, "build", "folio")
TAGGING = "7750bee"
BEFORE_DIR = os.path.join(ROOT, "build", "bench-before-tags")
RUNS = 11
MAX_SLOWER, MAX_LARGER = 0.10, 0.08


def bench_run():
    """bench/run as a module, for its edition maker."""
    path = os.path.join(ROOT, "bench", "run")
    loader = importlib.machinery.SourceFileLoader("bench_run", path)
    spec = importlib.util.spec_from_loader("bench_run", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def build_before():
    """The folio of the commit before tagging, built once: (binary, its data folder)."""
    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", TAGGING + "^"], check=True,
                         capture_output=True, text=True).stdout.strip()
    src = os.path.join(BEFORE_DIR, rev[:12])
    binary = os.path.join(src, "build", "folio")
    if not os.path.exists(binary):
        os.makedirs(src, exist_ok=True)
        archive = subprocess.run(["git", "-C", ROOT, "archive", rev], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", src], input=archive, check=True)
        subprocess.run(["cmake", "-S", src, "-B", os.path.join(src, "build"),
                        "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], check=True, capture_output=True)
        subprocess.run(["cmake", "--build", os.path.join(src, "build"), "-j",
                        str(os.cpu_count() or 2), "--target", "folio"], check=True,
                       capture_output=True)
    return rev, binary, src


def stage_run(binary, data, ed, out):
    """Seconds of layout + PDF in one pinned run."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FOLIO_DATA_DIR=data)
    p = subprocess.run(["taskset", "-c", "0", binary, "build", ed, "-o", out, "--pdf",
                        "--timings", "--quiet"], env=env, capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"bench: {binary} build failed:\n{p.stderr}")
    m = re.search(r"layout ([\d.]+) s, pdf ([\d.]+) s", p.stdout + p.stderr)
    if not m:
        sys.exit(f"bench: no timings from {binary}: {p.stdout}{p.stderr}")
    return float(m.group(1)) + float(m.group(2))


def whole_run(binary, data, ed, out):
    """Wall seconds of one whole build on every core."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FOLIO_DATA_DIR=data)
    t = time.perf_counter()
    subprocess.run([binary, "build", ed, "-o", out, "--quiet"], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - t


def medians(run, old, new):
    """Median of RUNS runs of each binary (old, data) and (new, data), taken in turn so that
    the machine's drift (another job, the clock) falls on both alike."""
    a, b = [], []
    for _ in range(RUNS):
        a.append(run(*old))
        b.append(run(*new))
    return statistics.median(a), statistics.median(b)


def main():
    if not os.path.exists(FOLIO):
        sys.exit(f"bench: {FOLIO} is missing; run make build (or set FOLIO_BIN)")
    rev, old, old_data = build_before()
    br = bench_run()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FOLIO_DATA_DIR=ROOT)
    with tempfile.TemporaryDirectory(prefix="folio-bench-std-") as work:
        ed = os.path.join(work, "issue40")
        br.FOLIO = FOLIO
        br.with_pages("issue40", 40, work, env)
        o_pdf, n_pdf = os.path.join(work, "old"), os.path.join(work, "new")
        t_old, t_new = medians(stage_run, (old, old_data, ed, o_pdf), (FOLIO, ROOT, ed, n_pdf))
        s_old = os.path.getsize(os.path.join(o_pdf, "issue40.pdf"))
        s_new = os.path.getsize(os.path.join(n_pdf, "issue40.pdf"))
        w_old, w_new = medians(whole_run, (old, old_data, ed, os.path.join(work, "old-all")),
                               (FOLIO, ROOT, ed, os.path.join(work, "new-all")))
    slower, larger = t_new / t_old - 1, s_new / s_old - 1
    ok = lambda c: "ok" if c else "MISSED"
    print(f"standards cost on the 40-page issue, against folio {rev[:10]} (before tagging):")
    print(f"  layout + PDF stages (median of {RUNS}, one core): {t_old:.3f} s -> {t_new:.3f} s "
          f"({slower:+.1%}, at most +{MAX_SLOWER:.0%}: {ok(slower <= MAX_SLOWER)})")
    print(f"  PDF: {s_old:,} -> {s_new:,} bytes ({larger:+.1%}, at most +{MAX_LARGER:.0%}: "
          f"{ok(larger <= MAX_LARGER)})")
    print(f"  whole build, PDF and EPUB, {os.cpu_count()} cores (median of {RUNS}): "
          f"{w_old:.3f} s -> {w_new:.3f} s ({w_new / w_old - 1:+.1%}, faster: "
          f"{ok(w_new < w_old)})")


if __name__ == "__main__":
    main()
