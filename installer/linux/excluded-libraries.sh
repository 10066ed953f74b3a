# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Sourced by bundle-libraries.sh and test-appimage.sh: is_host_library SONAME
# succeeds when excluded-libraries.txt says the host provides that library.
host_library_patterns=()
while IFS= read -r line; do
  [[ -z $line || $line == \#* ]] || host_library_patterns+=("$line")
done <"$(dirname "${BASH_SOURCE[0]}")/excluded-libraries.txt"

is_host_library() {
  local pattern
  for pattern in "${host_library_patterns[@]}"; do
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    [[ $1 == $pattern ]] && return 0
  done
  return 1
}
