"""`folio archive serve` under load and change: a bounded load test with ab (Debian) that
must see no failed request; readers hammering the API while `archive add` files a new edition
and `--replace` replaces one (every answer whole: each edition's article count matches its
contents, its cover is there); and SIGTERM with a slow download in flight (the download
completes, the server exits 0 after it and takes no new connection meanwhile)."""
import json, os, re, shutil, signal, socket, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import *  # noqa: E402,F403

archive, eds = make_archive()
srv = Server(archive)
if not shutil.which("ab"):
    fail("ab is not installed (apache2-utils, .ci/install-deps test)")

# ---- a bounded load test: a count of requests, a time limit, no failure ----------------------
ids = {e["journal"]: e["id"] for e in json.loads(get(srv, "/api/editions")[2])["editions"]}
pdf = json.loads(get(srv, f"/api/editions/{ids['城乡治理与交流']}")[2])["pdf_url"]
LOAD = [("/api/search?q=" + q("黨建 工作"), 1500, 16), ("/search?q=" + q("基层治理"), 800, 8),
        (f"/editions/{ids['城乡治理与交流']}", 800, 8), (pdf, 100, 4)]
for path, n, c in LOAD:
    t0 = time.time()
    p = subprocess.run(["ab", "-q", "-k", "-n", str(n), "-c", str(c), "-s", "30",
                        srv.url + path.lstrip("/")], capture_output=True, text=True, timeout=180)
    out = p.stdout
    done = re.search(r"Complete requests:\s+(\d+)", out)
    failed = re.search(r"Failed requests:\s+(\d+)", out)
    check(p.returncode == 0 and done and int(done.group(1)) == n,
          f"ab {path}: {p.returncode} {out[-600:]} {p.stderr[-300:]}")
    check(failed and failed.group(1) == "0" and "Non-2xx" not in out,
          f"ab {path}: failed requests\n{out[-800:]}")
    rps = re.search(r"Requests per second:\s+([\d.]+)", out).group(1)
    print(f"{NAME}: {n} requests, {c} at once, to {path[:40]}: none failed, {rps} req/s, "
          f"{time.time() - t0:.1f} s")

# ---- filing while serving: readers never see half an edition -------------------------------
errors, checked = [], [0]
stop = threading.Event()


def reader():
    while not stop.is_set():
        try:
            st, _, body = get(srv, "/api/editions?limit=100")
            if st != 200:
                errors.append(f"/api/editions: {st}")
                continue
            for e in json.loads(body)["editions"]:
                st, _, body = get(srv, e["api_url"])
                if st == 404:
                    continue  # replaced between the two requests: a newer one is listed next
                one = json.loads(body)
                if st != 200 or len(one["articles"]) != e["articles"] or not one["articles"]:
                    errors.append(f"{e['id']}: {st}, {len(one.get('articles', []))} articles "
                                  f"of {e['articles']}")
                if get(srv, one["cover_url"])[0] != 200:
                    errors.append(f"{e['id']}: no cover")
                checked[0] += 1
            st, _, body = get(srv, "/api/search?q=" + q("黨建"))
            if st != 200:
                errors.append(f"/api/search: {st}")
        except Exception as ex:  # a refused or broken connection is a failure too
            errors.append(repr(ex))


readers = [threading.Thread(target=reader) for _ in range(3)]
for t in readers:
    t.start()
late = os.path.join(WORK, "late")
write_edition(late, {**SIMPLIFIED,
                     "edition.yaml": SIMPLIFIED["edition.yaml"].replace("2025年第2期", "2025年第3期")
                     .replace("number: 2", "number: 3")})
folio("archive", "add", archive, late)
changed = TRADITIONAL["articles/party.md"].replace("實踐證明", "實踐再次證明")
write_edition(eds["trad"], {"articles/party.md": changed})
folio("archive", "add", archive, eds["trad"], "--replace")
time.sleep(1)
stop.set()
for t in readers:
    t.join()
check(not errors, f"readers saw {len(errors)} failures while editions were filed: {errors[:5]}")
check(checked[0] > 20, f"the readers checked only {checked[0]} editions")
listed = json.loads(get(srv, "/api/editions")[2])
check(listed["total"] == 4, f"after the adds: {listed['total']} editions listed")
check(json.loads(get(srv, "/api/search?q=" + q("再次证明"))[2])["total"] == 1,
      "the replaced edition's new text is not found")
print(f"{NAME}: 3 readers checked {checked[0]} editions while 2 were filed: all whole")

# ---- SIGTERM with requests in flight --------------------------------------------------------
# a download larger than the sockets' buffers, read slowly, and a request whose headers are
# still coming: both are answered in full after SIGTERM, and nothing new is taken meanwhile
big = os.path.join(archive, "bags", ids["城乡治理与交流"], "data", "big.bin")
open(big, "wb").write(os.urandom(24 << 20))
got = {}


def slow_download():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
    s.connect(("127.0.0.1", srv.port))
    s.sendall(f"GET /bags/{ids['城乡治理与交流']}/data/big.bin HTTP/1.1\r\nHost: x\r\n"
              "Connection: close\r\n\r\n".encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        time.sleep(0.005)  # at most 13 MB/s: 2 s or more for the file
    s.close()
    got["download"] = data


half = socket.create_connection(("127.0.0.1", srv.port))
half.sendall(("GET /api/search?q=" + q("黨建") + " HTTP/1.1\r\nHost: x\r\n").encode())
dl = threading.Thread(target=slow_download)
dl.start()
time.sleep(1.0)
t0 = time.time()
srv.proc.send_signal(signal.SIGTERM)
time.sleep(0.5)
try:
    st = get(srv, "/", timeout=3)[0]
    fail(f"a new request was answered ({st}) while the server was stopping")
except OSError:
    pass
half.sendall(b"Connection: close\r\n\r\n")
answer = b""
while True:
    chunk = half.recv(65536)
    if not chunk:
        break
    answer += chunk
check(answer.startswith(b"HTTP/1.1 200") and b'"total": ' in answer,
      f"the request whose headers came after SIGTERM: {answer[:200]!r}")
dl.join(timeout=60)
rc = srv.proc.wait(timeout=60)
body = got.get("download", b"").split(b"\r\n\r\n", 1)[-1]
check(body == open(big, "rb").read(), f"the download in flight: {len(body)} of {24 << 20} bytes")
check(rc == 0, f"exit status {rc} after SIGTERM")
check("SIGTERM: finishing the requests under way" in srv.stderr(), "no word of the stop")
print(f"{NAME}: SIGTERM with a 24 MB download and a half-sent request in flight: both answered "
      f"in full, no new connection taken, exit 0 after {time.time() - t0:.1f} s")
print(f"{NAME}: ok")
