#!/usr/bin/env bash
# Every C file of the project is as clang-format (the project's .clang-format) writes it:
# a change that is not formatted fails here rather than in the next reader's diff.
set -euo pipefail
cd "$SRC"
files=(src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h)
if ! out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1); then
  printf '%s\n' "$out" | grep -E '^[^ ].*(warning|error):' | head -20
  echo "style_format: not formatted; run make format" >&2
  exit 1
fi
echo "style_format: ${#files[@]} files formatted"
