"""`folio archive serve` against hostile requests: paths that try to leave the archive (dot
segments plain and encoded, encoded slashes and backslashes, absolute paths and URLs, NULs,
symlinks inside a bag pointing out of it or at the catalogue), the catalogue, lock, pending
and work files, a 200 kB query, invalid UTF-8, bad percent-encoding, bad arguments, other
methods, a header too large, slow clients, many connections. Each gets a 4xx and nothing of
what lies outside the published files; the server never dies, keeps answering others, and
its memory stays flat over a long run (resident size measured on the plain build)."""
import os, socket, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import *  # noqa: E402,F403

ROUNDS = 60            # of the whole hostile list, for the memory figure
RSS_GROWTH_KB = 3072   # allowed between the first and the last rounds
SECRET = "folio-test-secret-4b1d"

archive, eds = make_archive(with_sample=False)
asan = b"__asan_init" in open(FOLIO, "rb").read()
listing = folio("archive", "list", archive).stdout.splitlines()
bag = None
for root, dirs, files in os.walk(os.path.join(archive, "bags")):
    if "bag-info.txt" in files:
        bag = os.path.relpath(root, archive)
        break
check(bag, "no bag in the archive")
data = os.path.join(archive, bag, "data")
# what must never be served: outside the archive, and inside it outside the bags
open(os.path.join(WORK, "outside.txt"), "w").write(SECRET)
os.makedirs(os.path.join(archive, ".tmp"), exist_ok=True)
open(os.path.join(archive, ".tmp", "work.txt"), "w").write(SECRET)
open(os.path.join(archive, ".pending"), "w").write(SECRET)
os.symlink(os.path.join(WORK, "outside.txt"), os.path.join(data, "link-out.txt"))
os.symlink("/etc", os.path.join(data, "etc"))
os.symlink(WORK, os.path.join(data, "up"))
os.symlink(os.path.join(archive, "catalogue.sqlite"), os.path.join(data, "cat.txt"))
os.symlink(os.path.join(archive, ".tmp"), os.path.join(data, "tmp"))

srv = Server(archive, "--threads", "4")


def raw(data, source="127.0.0.1", timeout=10):
    """Sends raw bytes; (status or 0, whole response)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout,
                                 source_address=(source, 0))
    try:
        s.sendall(data)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        pass
    finally:
        s.close()
    try:
        return int(out.split(b" ", 2)[1]), out
    except (IndexError, ValueError):
        return 0, out


def req(target, method=b"GET", extra=b""):
    if isinstance(target, str):
        target = target.encode()
    return method + b" " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + b"\r\n"


b = bag
HOSTILE = [
    req("/bags/../catalogue.sqlite"), req("/bags/%2e%2e/catalogue.sqlite"),
    req("/bags/%2E%2E/%2e%2e/%2e%2e/etc/passwd"), req(f"/{b}/..%2f..%2f..%2fcatalogue.sqlite"),
    req("/bags%2f..%2fcatalogue.sqlite"), req("/bags/%2fetc%2fpasswd/x/y"),
    req(f"/{b}/../../../.tmp/work.txt"), req(f"/{b}/data/%2e%2e/%2e%2e/%2e%2e/%2e%2e/.pending"),
    req("//etc/passwd"), req("/etc/passwd"), req("/%2fetc%2fpasswd"),
    req("http://evil.example/../../etc/passwd"), req("http://x/bags/../catalogue.sqlite"),
    req("/catalogue.sqlite"), req("/.lock"), req("/.tmp/work.txt"), req("/.pending"),
    req("/bags/.tmp/x/y"), req(f"/{b}/.hidden"),
    req(f"/{b}/data/link-out.txt"), req(f"/{b}/data/etc/passwd"), req(f"/{b}/data/up/outside.txt"),
    req(f"/{b}/data/cat.txt"), req(f"/{b}/data/tmp/work.txt"),
    req(f"/{b}/data/%00x"), req("/search?q=%00"), req(f"/{b}/data/x%00.pdf"),
    req("/search?q=" + "a" * 200000), req("/api/search?q=" + "%E5%85%9A" * 3000),
    req("/search?q=%FF%FE"), req(b"/bags/\xff\xfe/x/y"), req("/search?q=%E4%B8"),
    req("/search?q=%Z1"), req("/bags/%"), req("/search?q=%"), req("/api/search?q=%2"),
    req("/bags\\..\\catalogue.sqlite"), req("/bags/%5c..%5ccatalogue.sqlite/x/y"),
    req("/editions/../../etc"), req("/api/editions/..%2f..%2fcatalogue/x"),
    req("/api/editions/a/b/articles/0"), req("/api/editions/a/b/articles/999999"),
    req("/search?q=x&year=-1"), req("/search?q=x&page=0"), req("/api/search?q=x&limit=100000"),
    req("/api/search?q=x&offset=-1"), req("/api/search?q=x&year=1e3"),
    req("/search?" + "&".join(f"a{i}=1" for i in range(40))), req("/a/" * 40),
    b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello",
    req("/bags/x", b"PUT"), req("/", b"DELETE"), req("/", b"OPTIONS"), req("*", b"OPTIONS"),
    req("/", extra=b"X-Big: " + b"b" * 40000 + b"\r\n"),
]
LEAKS = [SECRET.encode(), b"root:x:", b"SQLite format 3"]


def hostile_round(where):
    for data in HOSTILE:
        status, out = raw(data)
        check(400 <= status < 500, f"{where}: {data[:90]!r} answered {status}: {out[:120]!r}")
        for leak in LEAKS:
            check(leak not in out, f"{where}: {data[:90]!r} served {leak!r}")
    st, _, body = get(srv, "/api/search?q=" + q("黨建"))
    check(st == 200 and b'"total": 2' in body, f"{where}: a plain search after the round: {st}")


hostile_round("round 1")
published = get(srv, f"/{b}/bag-info.txt")
check(published[0] == 200, "a published file is still served")

# ---- slow clients: they hold connections, others are still answered ------------------------
stop = threading.Event()


def slow_client():
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"z" * 100:
            if stop.is_set():
                break
            s.send(bytes([byte]))
            time.sleep(0.2)
        s.close()
    except OSError:
        pass


slow = [threading.Thread(target=slow_client) for _ in range(40)]
for t in slow:
    t.start()
time.sleep(1)
t0 = time.time()
for i in range(30):
    st, _, _ = get(srv, "/search?q=" + q("网格员"), timeout=10)
    check(st == 200, f"a search while slow clients trickle: {st}")
check(time.time() - t0 < 20, f"30 searches took {time.time() - t0:.1f} s beside slow clients")
stop.set()
for t in slow:
    t.join()

# ---- many connections: one address holding hundreds does not shut out another --------------
held = []
for i in range(300):
    try:
        held.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
    except OSError:
        break
status, out = raw(req("/"), source="127.0.0.2")
check(status == 200, f"another address while one holds {len(held)} connections: {status}")
for s in held:
    s.close()
time.sleep(0.5)
check(get(srv, "/")[0] == 200, "after the many connections closed")

# ---- a long run: memory stays flat ----------------------------------------------------------
rss = [srv.rss_kb()]
for r in range(ROUNDS):
    hostile_round(f"round {r + 2}")
    for word in ("党建", "網格", "社区", "工作"):
        get(srv, "/search?q=" + q(word))
        get(srv, "/api/search?q=" + q(word))
    rss.append(srv.rss_kb())
growth = rss[-1] - rss[1]
print(f"{NAME}: resident memory {rss[0]} kB after the first round, {rss[1]} kB after the "
      f"second, {rss[-1]} kB after {ROUNDS + 1} rounds of {len(HOSTILE)} hostile requests and "
      f"8 searches ({growth:+d} kB){' (ASan build: not judged)' if asan else ''}")
if not asan:
    check(growth <= RSS_GROWTH_KB, f"memory grew {growth} kB over the run: {rss}")

check(srv.proc.poll() is None, "the server died")
rc = srv.stop()
check(rc == 0, f"exit status {rc} after SIGTERM")
log = srv.stderr()
for leak in LEAKS:
    check(leak.decode() not in log, "the log holds a secret")
check(all(line.count('"') >= 2 for line in log.splitlines() if line.startswith("127.")),
      "a broken log line")
print(f"{NAME}: ok ({len(HOSTILE)} hostile requests x {ROUNDS + 1}, all 4xx)")
