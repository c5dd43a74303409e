#!/usr/bin/env bash
# `folio archive serve`: pages in headless Chromium, search folding, the PDF at its page, the
# JSON API, files (types, ETag, HEAD, Range), the access log (tests/cli/serve_pages.py).
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}"
exec /usr/bin/python3 "$SRC/tests/cli/serve_pages.py"
