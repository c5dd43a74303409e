"""What the web-service tests share: an archive to serve, the server started on a free
loopback port (port 0: the system picks, the server prints its URL), HTTP helpers.

The archive: the sample edition, a small edition written in Traditional characters and a
small Simplified one, each filed with `folio archive add` (the texts are written for these
tests). Environment: FOLIO (the binary), SRC (the source tree), WORK (a scratch folder).
"""
import http.client, os, re, shutil, signal, subprocess, sys, time, urllib.parse

FOLIO, SRC, WORK = os.environ["FOLIO"], os.environ["SRC"], os.environ["WORK"]
NAME = os.path.basename(sys.argv[0]).rsplit(".", 1)[0]
PYTHON = "/usr/bin/python3"

TRADITIONAL = {
    "edition.yaml": """journal: 基層治理通訊
issue: 2024年第5期
date: 2024-05-10
year: 2024
number: 5
publisher: 澄川市基層治理研究會
contents:
  - section: 黨建研究
    articles:
      - articles/party.md
      - articles/grid.md
  - section: 簡訊
    articles:
      - articles/brief.md
""",
    "articles/party.md": """---
title: 黨建引領社區治理的實踐與思考
author: 陳文華
---

近年來，東湖街道堅持黨建引領，把黨組織建在網格上，推動資源下沉、服務下沉。

街道黨工委每月召開一次聯席會議，協調解決居民反映的停車難、加裝電梯等問題。

實踐證明，黨建工作做實了，基層治理就有了主心骨。
""",
    "articles/grid.md": """---
title: 網格員的一天
author: 李曉明
---

清晨七點，網格員老周已經走進了小區。他要查看消防通道，走訪獨居老人。

一年下來，他記滿了十二本工作日誌。
""",
    "articles/brief.md": """---
title: 數據平臺ＡＰＰ上線
byline: 本刊通訊員
---

全區社區服務ＡＰＰ於２０２４年４月正式上線，居民可以在手機上預約辦事。
""",
}

SIMPLIFIED = {
    "edition.yaml": """journal: 社区生活
issue: 2025年第2期
date: 2025-02-15
year: 2025
number: 2
contents:
  - section: 邻里
    articles:
      - articles/garden.md
      - articles/library.md
""",
    "articles/garden.md": """---
title: 屋顶菜园的故事
author: 王小禾
---

三号楼的屋顶上，退休教师们种起了一片菜园。党建活动室的志愿者每周来帮忙浇水。

菜园收获的蔬菜，一部分送给了楼里的独居老人。
""",
    "articles/library.md": """---
title: 社区图书角开放
byline: 本刊通讯员
---

湿地公园旁的图书角上周开放，居民可以免费借阅图书。
""",
}


def fail(msg):
    print(f"{NAME}: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def write_edition(folder, files):
    for rel, text in files.items():
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def folio(*args, check_rc=True, **kw):
    p = subprocess.run([FOLIO, *args], capture_output=True, text=True, **kw)
    if check_rc and p.returncode != 0:
        fail(f"folio {' '.join(args)} exited {p.returncode}: {p.stderr[-1500:]}")
    return p


def make_archive(with_sample=True):
    """A fresh archive in WORK/archive: (archive path, {name: edition folder})."""
    if os.path.exists(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    archive = os.path.join(WORK, "archive")
    eds = {"trad": os.path.join(WORK, "trad"), "simp": os.path.join(WORK, "simp")}
    write_edition(eds["trad"], TRADITIONAL)
    write_edition(eds["simp"], SIMPLIFIED)
    if with_sample:
        folio("archive", "add", archive, os.path.join(SRC, "examples", "sample"))
    folio("archive", "add", archive, eds["trad"])
    folio("archive", "add", archive, eds["simp"])
    return archive, eds


class Server:
    """`folio archive serve ARCHIVE --listen 127.0.0.1:0`, its URL read from its output."""

    def __init__(self, archive, *extra):
        self.log = open(os.path.join(WORK, "server.log"), "w")
        self.proc = subprocess.Popen([FOLIO, "archive", "serve", archive, "--listen",
                                      "127.0.0.1:0", *extra], stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            fail(f"the server printed no URL: {line!r}; {self.stderr()[-1000:]}")
        self.url, self.port = m.group(0), int(m.group(1))

    def stderr(self):
        self.log.flush()
        return open(self.log.name, encoding="utf-8", errors="replace").read()

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Sends sig and returns the exit status."""
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail(f"the server did not stop within {timeout} s of {sig.name}")

    def rss_kb(self):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


def get(server, path, method="GET", headers=None, timeout=30):
    """(status, headers as a dict of lower-case names, body bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        c.request(method, path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body
    finally:
        c.close()


def q(s):
    return urllib.parse.quote(s)


def chromium(args, timeout=120):
    """Headless Chromium with a fresh profile; (stdout, stderr)."""
    if not shutil.which("chromium"):
        fail("chromium is not installed (.ci/install-deps test)")
    prof = os.path.join(WORK, f"chromium-profile-{time.monotonic_ns()}")
    try:
        p = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={prof}", "--enable-logging=stderr", "--v=0",
                            *args], capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return p.stdout, p.stderr
