#!/usr/bin/env bash
# `folio archive serve` under a bounded load (ab: no failed request), while `archive add` files
# and replaces editions (readers never see half of one), and SIGTERM with a download in flight
# (serve_load.py).
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}"
exec /usr/bin/python3 "$SRC/tests/cli/serve_load.py"
