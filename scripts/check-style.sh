#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks the house style and the engine's lint: the licence line of every
# source file (licence-headers.sh), clang-format (.clang-format) over every
# C++ file in git, and clang-tidy (.clang-tidy) over core/ and platform/ with
# the linux preset's compile commands (configure it first).
#   scripts/check-style.sh          check; non-zero and the offending files when not clean
#   scripts/check-style.sh --fix    add licence lines, reformat the files in place (clang-tidy only checks)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')

if [[ ${1:-} == --fix ]]; then
  scripts/licence-headers.sh --fix
  clang-format-14 -i "${sources[@]}"
  exit 0
fi

scripts/licence-headers.sh

unformatted=()
for file in "${sources[@]}"; do
  clang-format-14 --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if ((${#unformatted[@]})); then
  echo "check-style: not formatted as .clang-format says (scripts/check-style.sh --fix):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi

[[ -f build/linux/compile_commands.json ]] || { echo "check-style: configure the linux preset first" >&2; exit 1; }
run-clang-tidy-14 -p build/linux -quiet -j "$(nproc)" "^$PWD/(core|platform)/" >build/linux/clang-tidy.log 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' build/linux/clang-tidy.log | grep -E "(error|warning):" | grep -v "^/usr" | sort -u >&2
  echo "check-style: clang-tidy found the above (all of it in build/linux/clang-tidy.log)" >&2
  exit 1
}
echo "check-style: licence lines present, formatted, and clang-tidy is clean on core/ and platform/"
