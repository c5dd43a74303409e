#!/usr/bin/env python3
"""make bench, the web service: search over HTTP on an archive of 1,000 editions.

The archive: ten base editions made from the sample with bench/make_edition.py (4 to 22 of its
articles, widened to 1,600-2,140 distinct Han characters, pictures left out so that 1,000 bags
fit in well under a gigabyte) are built once; each of the 1,000 editions is one of them under
another journal (five), year (2001-2017) and number, with its own text: one Han character in
twelve replaced by another common one, differently in every edition, so that no two editions
hold the same text. Each is filed with `folio archive add ARCHIVE OUTDIR --edition VARIANT`
under eatmydata (the fixture's fsyncs are not what is measured). The archive is kept in
build/bench-serve/ and reused while it is whole.

The measurement: `folio archive serve` on a loopback port, then wrk (Debian) over a mix of
queries (common and rare words, several words, a phrase, Traditional characters, filters by
journal and year, later pages) against /api/search and, apart, the HTML search page, two ways:
- throughput: 8 connections sending as fast as answers come for 15 s (the server saturated);
  the latency printed beside it is mostly queueing behind the other connections;
- latency at the goal's rate: 16 clients, each waiting a random time (exponential, as
  independent readers arrive) after each answer, paced to offer about 540 requests a second,
  for 15 s; its 95th percentile is what a reader waits when the service carries that load.
Prints requests per second, the 50th/95th/99th percentile latency, the errors, and the
server's resident memory before and after, with the goal of issue 18 beside them: at least
500 requests per second, and a 95th percentile of at most 20 ms at 500 requests a second.

FOLIO_BIN names the binary (default build/folio); FOLIO_SERVE_BENCH_EDITIONS another count.
"""
import os, random, re, shutil, subprocess, sys, tempfile, time, urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO_BIN") or os.path.join(ROOT, "build", "folio")
EDITIONS = int(os.environ.get("FOLIO_SERVE_BENCH_EDITIONS", "1000"))
CACHE = os.path.join(ROOT, "build", "bench-serve")
BASES = 10
JOURNALS = ["城乡治理与交流", "基层党建研究", "组织工作通讯", "社区治理月刊", "乡村振兴观察"]
GOAL_RPS, GOAL_P95_MS = 500, 20.0
DURATION, CONNECTIONS = 15, 8
PACED_CLIENTS, PACED_RPS = 16, 540  # offered a little over the goal, so that it is met

QUERIES = [
    "党建", "黨建", "基层治理", "網格員", "党建 引领", "\"集体经济\"", "调解", "工作",
    "智慧社区", "人才驿站", "APP", "２０２５", "组织建设 年轻干部", "志愿服务", "红色物业",
    "急难愁盼", "乡村振兴", "数字赋能", "作风", "矛盾纠纷",
]
FILTERS = ["", "&journal=" + urllib.parse.quote(JOURNALS[1]), "&year=2010", "&offset=20"]
PAGE_FILTERS = FILTERS[:3] + ["&page=3"]  # the HTML page has pages, not offsets


def common_han():
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                yield bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                pass


HAN = re.compile(r"[\u4e00-\u9fff]")
POOL = list(common_han())


def run(args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed:\n{p.stderr[-2000:]}")
    return p.stdout


def make_base(k, work, env):
    """Base edition k (its folder, its build folder)."""
    ed, out = os.path.join(work, f"base{k}"), os.path.join(work, f"base{k}-out")
    run([sys.executable, os.path.join(ROOT, "bench", "make_edition.py"),
         os.path.join(ROOT, "examples", "sample"), ed, "articles", str(4 + 2 * k),
         str(1600 + 60 * k)])
    for name in os.listdir(os.path.join(ed, "articles")):
        p = os.path.join(ed, "articles", name)
        text = open(p, encoding="utf-8").read()
        open(p, "w", encoding="utf-8").write(re.sub(r"^!\[.*$\n?", "", text, flags=re.M))
    run([FOLIO, "build", ed, "-o", out, "--quiet"], env=env)
    return ed, out


def make_variant(i, base, work):
    """Edition i: base under its own journal, issue and text."""
    ed = os.path.join(work, "variant")
    if os.path.exists(ed):
        shutil.rmtree(ed)
    shutil.copytree(base, ed)
    slot = i // len(JOURNALS)
    year, number = 2001 + slot // 12, slot % 12 + 1
    meta = yaml.safe_load(open(os.path.join(ed, "edition.yaml"), encoding="utf-8"))
    meta.update(journal=JOURNALS[i % len(JOURNALS)], issue=f"{year}年第{number}期", year=year,
                number=number, date=f"{year}-{number:02d}-15")
    with open(os.path.join(ed, "edition.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False)
    rnd = random.Random(i)
    for name in os.listdir(os.path.join(ed, "articles")):
        p = os.path.join(ed, "articles", name)
        head, sep, body = open(p, encoding="utf-8").read().partition("\n---\n")
        body = HAN.sub(lambda m: rnd.choice(POOL) if rnd.random() < 1 / 12 else m.group(0), body)
        open(p, "w", encoding="utf-8").write(head + sep + body)
    return ed


def filed(archive, env):
    """(journal, issue) of the editions already filed; None when the archive is unusable."""
    p = subprocess.run([FOLIO, "archive", "list", archive], capture_output=True, text=True,
                       env=env)
    if p.returncode != 0 and "reindex" in p.stderr:
        subprocess.run([FOLIO, "archive", "reindex", archive], capture_output=True, env=env)
        p = subprocess.run([FOLIO, "archive", "list", archive], capture_output=True, text=True,
                           env=env)
    if p.returncode != 0:
        return None
    return {tuple(line.split("\t")[:2]) for line in p.stdout.splitlines()}


def build_archive(archive, env):
    """Files the editions the archive lacks (all of them the first time)."""
    have = filed(archive, env) if os.path.exists(archive) else None
    if have is None and os.path.exists(archive):
        shutil.rmtree(archive)
    have = have or set()
    if len(have) >= EDITIONS:
        print(f"serve bench: reusing {archive} ({len(have)} editions)")
        return
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="folio-serve-bench-") as work:
        # a copy of the binary: a rebuild while this runs (it takes a while) breaks nothing
        folio = os.path.join(work, "folio")
        shutil.copy(FOLIO, folio)
        bases = [make_base(k, work, env) for k in range(BASES)]
        for i in range(EDITIONS):
            ed, out = bases[i % BASES]
            var = make_variant(i, ed, work)
            meta = yaml.safe_load(open(os.path.join(var, "edition.yaml"), encoding="utf-8"))
            if (meta["journal"], meta["issue"]) in have:
                continue
            run(["eatmydata", folio, "archive", "add", archive, out, "--edition", var], env=env)
            if (i + 1) % 100 == 0:
                print(f"serve bench: {i + 1} editions filed ({time.time() - t0:.0f} s)", flush=True)


def cpu_s(pid):
    """User + system CPU seconds the process has used."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    """(resident, of which anonymous) MB: the rest is the catalogue file mapped (page cache)."""
    got = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            got[key] = int(value.split()[0]) / 1024
    return got.get("VmRSS", float("nan")), got.get("RssAnon", float("nan"))


LUA = """
local paths = {%s}
local think = %s
local i = 0
if think > 0 then
  math.randomseed(18)
  -- each client waits an exponential time after an answer: arrivals as of independent readers
  delay = function() return -think * math.log(1 - math.random()) end
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%.3f %%.3f %%.3f %%d %%d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def wrk(url, prefix, work, pid, connections=CONNECTIONS, think_ms=0.0, seconds=DURATION):
    """wrk over the query mix: (req/s, requests, p50, p95, p99 ms, socket errors, non-2xx,
    server CPU seconds); think_ms > 0 paces each connection (the mean wait after an answer)."""
    paths = []
    for k, q in enumerate(QUERIES):
        filters = FILTERS if prefix.startswith("/api/") else PAGE_FILTERS
        paths.append(f"{prefix}?q={urllib.parse.quote(q)}{filters[k % len(filters)]}")
    script = os.path.join(work, "queries.lua")
    open(script, "w").write(LUA % (", ".join(f'"{p}"' for p in paths), think_ms))
    c0 = cpu_s(pid)
    out = run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "-s", script, url])
    cpu = cpu_s(pid) - c0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    n, p50, p95, p99, errors, bad = re.search(
        r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", out).groups()
    return rps, int(n), float(p50), float(p95), float(p99), int(errors), int(bad), cpu


def paced(url, prefix, work, pid):
    """wrk at about PACED_RPS: a short run finds the latency the pacing must allow for."""
    cycle_ms = 1000.0 * PACED_CLIENTS / PACED_RPS
    think = cycle_ms - 3.0
    for _ in range(2):
        r = wrk(url, prefix, work, pid, PACED_CLIENTS, think, 5)
        latency = 1000.0 * PACED_CLIENTS / max(r[0], 1) - think
        think = max(cycle_ms - latency, 0.5)
    return wrk(url, prefix, work, pid, PACED_CLIENTS, think)


def report(name, result, cores):
    rps, n, p50, p95, p99, errors, bad, cpu = result
    per = 1000 * cpu / max(n, 1)
    print(f"  {name}: {rps:.0f} req/s ({n} requests), latency p50 {p50:.1f} ms, p95 {p95:.1f} "
          f"ms, p99 {p99:.1f} ms; {errors} socket errors, {bad} non-2xx; server CPU "
          f"{per:.2f} ms a request (at most {1000 * cores / per:.0f} req/s on {cores} idle cores)")


def main():
    if not os.path.exists(FOLIO):
        sys.exit(f"bench: {FOLIO} is missing; run make build (or set FOLIO_BIN)")
    for tool in ("wrk", "eatmydata"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (.ci/install-deps test)")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FOLIO_DATA_DIR=ROOT)
    archive = os.path.join(CACHE, "archive")
    os.makedirs(CACHE, exist_ok=True)
    build_archive(archive, env)
    articles = sum(int(line.split("\t")[4].split()[0]) for line in
                   run([FOLIO, "archive", "list", archive], env=env).splitlines())
    srv = subprocess.Popen([FOLIO, "archive", "serve", archive, "--listen", "127.0.0.1:0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        url = re.search(r"http://\S+", srv.stdout.readline()).group(0)
        with tempfile.TemporaryDirectory(prefix="folio-serve-wrk-") as work:
            wrk(url, "/api/search", work, srv.pid)  # warm: each thread's fold and page cache
            before = rss_mb(srv.pid)
            api = wrk(url, "/api/search", work, srv.pid)
            page = wrk(url, "/search", work, srv.pid)
            api_paced = paced(url, "/api/search", work, srv.pid)
            page_paced = paced(url, "/search", work, srv.pid)
            after = rss_mb(srv.pid)
            load = os.getloadavg()[0]
    finally:
        srv.terminate()
        srv.wait(timeout=60)
    ok = lambda c: "ok" if c else "MISSED"
    print(f"serve: {EDITIONS} editions, {articles} articles; {len(QUERIES)} queries (Simplified, "
          f"Traditional, phrases, filters); wrk {DURATION} s each")
    cores = os.cpu_count()
    print(f" throughput, {CONNECTIONS} connections as fast as answers come:")
    report("/api/search", api, cores)
    report("/search", page, cores)
    print(f" at the goal's rate, {PACED_CLIENTS} paced clients offering about {PACED_RPS} req/s:")
    report("/api/search", api_paced, cores)
    report("/search", page_paced, cores)
    print(f"  server memory: {before[1]:.1f} MB anonymous before, {after[1]:.1f} MB after (resident "
          f"{before[0]:.0f} and {after[0]:.0f} MB with the pages of the catalogue mapped)")
    print(f"  load average {load:.1f} on {cores} cores while measuring"
          f"{' (a shared machine: the figures above are what was left of it)' if load > cores else ''}")
    failed = sum(r[5] + r[6] for r in (api, page, api_paced, page_paced))
    rps, p95, paced_rps = api[0], api_paced[3], api_paced[0]
    print(f"targets: search over HTTP {rps:.0f} req/s >= {GOAL_RPS}: {ok(rps >= GOAL_RPS)}; "
          f"p95 {p95:.1f} ms <= {GOAL_P95_MS} ms at {paced_rps:.0f} req/s (>= {GOAL_RPS}): "
          f"{ok(p95 <= GOAL_P95_MS and paced_rps >= GOAL_RPS)}; failed requests {failed}: "
          f"{ok(failed == 0)}")


if __name__ == "__main__":
    main()
