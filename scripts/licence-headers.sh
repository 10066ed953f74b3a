#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every source file in git names Ferry's licence in an SPDX line near its top
# (after a shebang): C and C++ with //, scripts and CMake with #.
#   scripts/licence-headers.sh          check; non-zero and the files without one
#   scripts/licence-headers.sh --fix    add the line where it is missing
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly tag="SPDX-License-Identifier: Apache-2.0"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' '*.c' '*.h' '*.sh' '*.cmake' '*CMakeLists.txt' '*.py' '*.awk' \
  '*.gp' installer/linux/AppRun .ci/run)

comment_for() {
  case $1 in
    *.cpp | *.hpp | *.c | *.h) echo "// $tag" ;;
    *) echo "# $tag" ;;
  esac
}

missing=()
for file in "${sources[@]}"; do
  head -n 3 "$file" | grep -qF "$tag" || missing+=("$file")
done
((${#missing[@]})) || exit 0

if [[ ${1:-} != --fix ]]; then
  echo "licence-headers: no \"$tag\" line at the top of (scripts/licence-headers.sh --fix):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
for file in "${missing[@]}"; do
  line=$(comment_for "$file")
  if [[ $(head -c 2 "$file") == '#!' ]]; then
    sed -i "1a $line" "$file"
  else
    sed -i "1i $line" "$file"
  fi
done
echo "licence-headers: added the line to ${#missing[@]} files"
