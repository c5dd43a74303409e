"""`folio archive serve`: the pages in headless Chromium (DOM, console, screenshots), search
that folds Traditional and Simplified, the PDF opened at the article's page, the JSON API
giving the HTML page's hits, files with types, ETag, HEAD and ranges, the access log, the
command line, and SIGINT. Screenshots stay in WORK/*.png to be looked at."""
import json, os, re, signal, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import *  # noqa: E402,F403

archive, eds = make_archive()

# ---- the command line -----------------------------------------------------------------
p = folio("archive", "serve", "--help")
check("usage: folio archive serve ARCHIVE" in p.stdout, "archive serve --help")
for bad in (["--listen", "127.0.0.1:99999"], ["--listen", "nohost:80"], ["--threads", "0"]):
    p = folio("archive", "serve", archive, *bad, check_rc=False)
    check(p.returncode == 2 and "error" in p.stderr, f"serve {bad}: exit {p.returncode}")
p = folio("archive", "serve", os.path.join(WORK, "nowhere"), "--listen", "127.0.0.1:0",
          check_rc=False)
check(p.returncode == 1 and "no such archive" in p.stderr, f"missing archive: {p.stderr}")

srv = Server(archive)
log_before = srv.stderr()

# ---- the JSON API, and search folding -------------------------------------------------
st, _, body = get(srv, "/api/editions")
eds_json = json.loads(body)
check(st == 200 and eds_json["total"] == 3, f"/api/editions: {st} {body[:200]}")
ids = {e["journal"]: e["id"] for e in eds_json["editions"]}
check(eds_json["editions"][0]["journal"] == "城乡治理与交流", "newest edition first")


def search(text, **filters):
    args = "".join(f"&{k}={q(str(v))}" for k, v in filters.items())
    st, h, body = get(srv, f"/api/search?q={q(text)}{args}")
    check(st == 200 and h["content-type"].startswith("application/json"),
          f"/api/search?q={text}: {st} {body[:300]}")
    return json.loads(body)


simp, trad = search("党建"), search("黨建")
titles = lambda r: [h["title"] for h in r["hits"]]
check(simp["total"] == trad["total"] and titles(simp) == titles(trad),
      f"党建 and 黨建 differ: {titles(simp)} / {titles(trad)}")
check("黨建引領社區治理的實踐與思考" in titles(simp), "党建 does not find the Traditional article")
check("屋顶菜园的故事" in titles(trad), "黨建 does not find the Simplified article")
check(any("<mark>黨建</mark>" in h["snippet"] for h in simp["hits"]),
      "the Traditional text is not marked where 党建 matched it")
# full-width letters and digits, a phrase, several words AND-ed, filters
check("數據平臺ＡＰＰ上線" in titles(search("app 2024 预约")), "ＡＰＰ２０２４ not found by app 2024")
check("數據平臺ＡＰＰ上線" in titles(search("ＡＰＰ 預約")), "full-width letters in the query")
check(search('"网格员的一天"')["total"] == 1, "a quoted phrase in Simplified finds its Traditional title")
check(search("网格员 十二本")["total"] == 1 and search("网格员 菜园")["total"] == 0, "AND of words")
check(search("党建", journal="社区生活")["total"] == 1, "journal filter")
check(search("党建", year=2024)["total"] == 1, "year filter")
check(search("党建", section="邻里")["total"] == 1, "section filter")
paged = search("工作", limit=2, offset=2)
check(paged["total"] > 4 and len(paged["hits"]) == 2 and paged["offset"] == 2, "offset/limit")
st, _, body = get(srv, "/api/search?q=" + q("。，"))
check(st == 400 and b"no word" in body, f"a query of punctuation: {st}")
# the CLI searches the same way
cli = lambda text: [line.split("\t")[2] for line in
                    folio("archive", "search", archive, text).stdout.splitlines()]
check(cli("黨建") == cli("党建") and len(cli("党建")) == simp["total"], "archive search folds too")

# ---- the hit opens the PDF at the article's page ----------------------------------------
hit = next(h for h in search("推动机关党建")["hits"] if "机关党建" in h["title"])
url, page = hit["pdf_url"].split("#page=")
st, h, pdf = get(srv, url)
check(st == 200 and h["content-type"] == "application/pdf" and pdf[:5] == b"%PDF-", f"PDF: {st}")
pdf_path = os.path.join(WORK, "hit.pdf")
open(pdf_path, "wb").write(pdf)
text = subprocess.run(["pdftotext", "-f", page, "-l", page, pdf_path, "-"], capture_output=True,
                      text=True).stdout
check(hit["title"][:6] in text.replace("\n", ""),
      f"page {page} of the PDF does not hold '{hit['title']}'")
art = json.loads(get(srv, hit["api_url"])[2])
check(art["title"] == hit["title"] and art["pdf_page"] == int(page) and len(art["text"]) > 200,
      "the article's API entry")
check(art["edition"]["id"] == hit["edition"] and "previous" in art and "next" in art,
      "the article's neighbours")
st, _, html = get(srv, hit["url"])
html = html.decode()
check(f'#page={page}"' in html and "在 PDF 中打开" in html, "the article page's PDF link")
ed = json.loads(get(srv, f"/api/editions/{ids['城乡治理与交流']}")[2])
info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True).stdout
pdf_pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
check(len(ed["articles"]) == 25 and ed["pages"] == pdf_pages and ed["epub_url"].endswith(".epub"),
      f"the edition's API entry: {len(ed['articles'])} articles, {ed['pages']} pages of {pdf_pages}")
# every article of the edition opens at the page that holds its title
wrong = []
for a in ed["articles"]:
    page_text = subprocess.run(["pdftotext", "-f", str(a["pdf_page"]), "-l", str(a["pdf_page"]),
                                pdf_path, "-"], capture_output=True, text=True).stdout
    if re.sub(r"\s", "", a["title"])[:6] not in re.sub(r"\s", "", page_text):
        wrong.append((a["title"], a["pdf_page"]))
check(not wrong, f"articles whose PDF page does not hold their title: {wrong}")

# ---- the HTML search page gives the API's hits, in its order -----------------------------
st, _, page_html = get(srv, "/search?q=" + q("黨建"))
page_titles = [re.sub(r"<[^>]+>", "", t) for t in
               re.findall(r'<article class="hit"><h3><a href="[^"]*">(.*?)</a>', page_html.decode())]
check(page_titles == titles(trad)[:10], f"page {page_titles} vs API {titles(trad)}")

# ---- pages in Chromium: titles, lang, no console error, screenshots ------------------------
edition_path = f"/editions/{ids['基層治理通訊']}"
log_mark = len(srv.stderr())
pages = {
    "home": "/",
    "editions": "/editions?journal=" + q("城乡治理与交流"),
    "edition": f"/editions/{ids['城乡治理与交流']}",
    "article": edition_path + "/articles/1?q=" + q("党建"),
    "search": "/search?q=" + q("黨建 社區"),
    "search-more": "/search?q=" + q("工作") + "&page=2",
}
for name, path in pages.items():
    st, h, body = get(srv, path)
    body = body.decode()
    check(st == 200 and h["content-type"] == "text/html; charset=utf-8", f"{path}: {st}")
    check('<html lang="zh-CN">' in body and re.search(r"<title>[^<]+ · 期刊档案</title>", body),
          f"{path}: lang or title")
    dom, log = chromium(["--dump-dom", srv.url + path.lstrip("/")])
    check("</html>" in dom, f"{path}: Chromium gave no DOM")
    if "CONSOLE" in log or "Failed to load resource" in log:
        fail(f"{path} logs to the console in Chromium:\n" +
             "\n".join(line for line in log.splitlines() if "CONSOLE" in line or "Failed" in line))
    if name == "search":
        check("<mark>黨建</mark>" in dom and "共找到" in dom, "the search page's marks and count")
    if name == "article":
        check("<mark>黨建</mark>" in dom and "下一篇" in dom, "the article page's marks, neighbours")
    for size, tag in (("1200,1400", "desktop"), ("390,1200", "phone")):
        png = os.path.join(WORK, f"{name}-{tag}.png")
        chromium(["--hide-scrollbars", f"--window-size={size}", f"--screenshot={png}",
                  srv.url + path.lstrip("/")])
        check(os.path.getsize(png) > 10000, f"no screenshot of {path} ({tag})")
# what Chromium fetched for the pages (covers, the pages themselves) was all there
fetched = [line for line in srv.stderr()[log_mark:].splitlines() if '"GET ' in line]
missing = [line for line in fetched if not re.search(r'" (200|304) ', line)]
check(fetched and not missing, f"Chromium's requests failed: {missing[:3]}")
check(any("folio-cover.png" in line for line in fetched), "Chromium loaded no cover")
# without JavaScript the search form still works: it is a plain GET form
check('<form action="/search" method="get"' in page_html.decode(), "search form")

# ---- files: types, ETag, Last-Modified, HEAD, ranges --------------------------------------
bag = f"/bags/{ids['城乡治理与交流']}"
pdf_url = next(u for u in [ed["pdf_url"]])
st, h, body = get(srv, pdf_url, method="HEAD")
size = int(h["content-length"])
check(st == 200 and body == b"" and size == len(pdf) and h["accept-ranges"] == "bytes",
      f"HEAD of the PDF: {st} {h}")
etag, lm = h["etag"], h["last-modified"]
check(get(srv, pdf_url, headers={"If-None-Match": etag})[0] == 304, "If-None-Match: 304")
check(get(srv, pdf_url, headers={"If-Modified-Since": lm})[0] == 304, "If-Modified-Since: 304")
check(get(srv, pdf_url, headers={"If-None-Match": '"other"'})[0] == 200, "a stale ETag: 200")
st, h, part = get(srv, pdf_url, headers={"Range": "bytes=1000-1999"})
check(st == 206 and part == pdf[1000:2000] and h["content-range"] == f"bytes 1000-1999/{size}",
      f"Range: {st} {h.get('content-range')}")
st, h, part = get(srv, pdf_url, headers={"Range": "bytes=-100"})
check(st == 206 and part == pdf[-100:], "a suffix range")
st, h, part = get(srv, pdf_url, headers={"Range": f"bytes={size}-"})
check(st == 416 and h["content-range"] == f"bytes */{size}", f"an unsatisfiable range: {st}")
st, h, part = get(srv, pdf_url, headers={"Range": "bytes=0-1,5-9"})
check(st == 200 and len(part) == size, "several ranges: the whole file")
st, h, part = get(srv, pdf_url, headers={"Range": "bytes=0-99", "If-Range": '"old"'})
check(st == 200 and len(part) == size, "If-Range of another version: the whole file")
for path, ctype in ((ed["epub_url"], "application/epub+zip"),
                    (bag + "/folio-cover.png", "image/png"),
                    (bag + "/bag-info.txt", "text/plain; charset=utf-8")):
    st, h, _ = get(srv, path)
    check(st == 200 and h["content-type"] == ctype, f"{path}: {st} {h.get('content-type')}")

# ---- the access log: one common-log-format line a request ---------------------------------
log = srv.stderr()[len(log_before):]
clf = re.compile(r'^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] '
                 r'"(GET|HEAD) \S+ HTTP/1\.[01]" \d{3} (\d+|-)$')
lines = [line for line in log.splitlines() if line]
bad = [line for line in lines if not clf.match(line)]
check(not bad and len(lines) >= 40, f"log lines not in common log format: {bad[:3]}")
check(any('"HEAD ' in line and " 200 -" in line for line in lines), "HEAD logged with no body")
check(any(" 206 1000" in line for line in lines), "a range logged with its bytes")

# ---- SIGINT stops it cleanly -----------------------------------------------------------
rc = srv.stop(signal.SIGINT)
check(rc == 0, f"exit status {rc} after SIGINT")
print(f"{NAME}: ok ({len(lines)} requests logged; screenshots in {WORK})")
