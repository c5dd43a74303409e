#!/usr/bin/env bash
# `folio archive serve` against hostile requests: only 4xx, nothing from outside the published
# files, slow clients, many connections, memory flat over a long run (serve_hostile.py).
set -euo pipefail
: "${FOLIO:?FOLIO must name the folio binary}" "${SRC:?}" "${WORK:?}"
exec /usr/bin/python3 "$SRC/tests/cli/serve_hostile.py"
