#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prints the DLLs that the given Windows executables and DLLs import, directly
# or through one another, one path a line: each import table is read with
# objdump -p and each DLL named there is looked up (ignoring case, as Windows
# does) in the search folders, the first folder first. A DLL found in none of
# them is the system's (KERNEL32, USER32, api-ms-win-*, ...): it is named on
# stderr and not followed. The given files themselves are not printed.
#   dll-closure.sh OBJDUMP DIR[:DIR...] FILE...
set -euo pipefail

objdump=$1
IFS=: read -r -a search_dirs <<<"$2"
shift 2

declare -A available=()  # lower-case DLL name -> path, from the search folders
for ((i = ${#search_dirs[@]} - 1; i >= 0; i--)); do
  for path in "${search_dirs[i]}"/*.[dD][lL][lL]; do
    if [[ -f $path ]]; then available[$(basename "${path,,}")]=$path; fi
  done
done

declare -A seen=()  # lower-case DLL name -> 1
for file in "$@"; do seen[$(basename "${file,,}")]=1; done
system_dlls=()
queue=("$@")
while ((${#queue[@]})); do
  imports=$("$objdump" -p "${queue[0]}" | sed -n 's/^[[:space:]]*DLL Name: //p')
  queue=("${queue[@]:1}")
  while IFS= read -r name; do
    [[ -n $name && ! -v seen[${name,,}] ]] || continue
    seen[${name,,}]=1
    if [[ -v available[${name,,}] ]]; then
      echo "${available[${name,,}]}"
      queue+=("${available[${name,,}]}")
    else
      system_dlls+=("$name")
    fi
  done <<<"$imports"
done
echo "dll-closure: left to the system: ${system_dlls[*]}" >&2
