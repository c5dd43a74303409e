# epub_ace.sh — the EPUB to EPUB Accessibility 1.1 as Ace by DAISY checks it
# (issue 15): the sample in every layout built and checked by Ace in headless
# Chromium; any violation fails, and the report's outcome must be "pass".
# Ace is installed by .ci/install-deps (npm, into /opt/daisy-ace).
set -euo pipefail
: "${FOLIO:?}" "${WORK:?}" "${SRC:?}"
PY=/usr/bin/python3
ACE=${FOLIO_ACE:-/opt/daisy-ace/node_modules/.bin/ace-puppeteer}
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$ACE" ] || fail "Ace by DAISY is not installed at $ACE (run .ci/install-deps test)"
export PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium HOME="$WORK"
for layout in magazine a4; do
  "$FOLIO" build "$SRC/examples/sample" --layout "$layout" -o "$layout" >/dev/null 2>&1 ||
    fail "build ($layout)"
  timeout 300 "$ACE" -o "ace-$layout" "$layout/sample.epub" >"ace-$layout.log" 2>&1 ||
    fail "Ace did not run ($layout): $(tail -5 "ace-$layout.log")"
  $PY - "ace-$layout/report.json" "$layout" <<'PYEOF' || fail "Ace found violations ($layout)"
import json, sys
r = json.load(open(sys.argv[1]))
bad = [(a["earl:testSubject"]["url"], t["earl:test"]["dct:title"], t["earl:test"]["earl:impact"])
       for a in r["assertions"] for t in a.get("assertions", [])
       if t["earl:result"]["earl:outcome"] != "pass"]
for b in bad:
    print("epub_ace: %s: %s (%s)" % b)
print("epub_ace: %s: %s, %d violations" % (sys.argv[2], r["earl:result"]["earl:outcome"], len(bad)))
sys.exit(1 if bad or r["earl:result"]["earl:outcome"] != "pass" else 0)
PYEOF
done
