#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Names Windows cannot store and file attributes between the Linux ferry-cli
# and ferry-cli.exe under Wine, over 127.0.0.1 (issue 17, item 4):
#  - Linux -> Windows: a colon, a reserved device name, a trailing dot, a tab
#    and a '?' arrive under the mapped names of docs/protocol.md section 6.1
#    instead of refusing the offer; a read-only file arrives read-only;
#  - Windows -> Linux: a read-only file (Wine reads a file without write
#    permission as FILE_ATTRIBUTE_READONLY) arrives without write permission.
#   interop_names.sh LINUX_FERRY_CLI WINDOWS_FERRY_CLI_EXE WINE_RUN
set -euo pipefail

linux_cli=$1
windows_cli=$2
wine_run=$3

work=$(mktemp -d "${PWD}/interop-names.XXXXXX")
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
config_root=$work/config
source "$(dirname "${BASH_SOURCE[0]}")/interop_lib.sh"

# Sends folder $3 from side $1 to a fresh receiver on side $2; prints the target.
transfer() {
  run_case "$1" "$2" names -- "$(path_for "$1" "$3")" </dev/null >&2
  echo "$case_dir/received"
}

same() {  # sent received
  if ! cmp -s "$1" "$2"; then
    echo "interop_names: '$2' is missing or differs from '$1'" >&2
    ls -la "$(dirname "$2")" >&2
    exit 1
  fi
}

read_only() {  # path: no write permission for anyone
  [[ $(( 8#$(stat -c %a "$1") & 8#222 )) -eq 0 ]]
}

# Linux -> Windows.
kit=$work/linux-kit/kit
mkdir -p "$kit/12:30" "$kit/CON"
head -c 1000 /dev/urandom >"$kit/12:30/call.txt"
head -c 1001 /dev/urandom >"$kit/CON/nul.txt"
head -c 1002 /dev/urandom >"$kit/tail."
head -c 1003 /dev/urandom >"$kit/$(printf 'tab\tname')"
head -c 1004 /dev/urandom >"$kit/why?.txt"
head -c 1005 /dev/urandom >"$kit/readonly.txt"
chmod 444 "$kit/readonly.txt"
got=$(transfer linux windows "$kit")/kit
same "$kit/12:30/call.txt" "$got/12_30/call.txt"
same "$kit/CON/nul.txt" "$got/_CON/_nul.txt"
same "$kit/tail." "$got/tail_"
same "$kit/$(printf 'tab\tname')" "$got/tab_name"
same "$kit/why?.txt" "$got/why_.txt"
same "$kit/readonly.txt" "$got/readonly.txt"
read_only "$got/readonly.txt" || { echo "interop_names: readonly.txt arrived writable on Windows" >&2; exit 1; }
echo "interop_names: Linux -> Windows passed"

# Windows -> Linux.
kit=$work/windows-kit/kit
mkdir -p "$kit"
head -c 2000 /dev/urandom >"$kit/readonly.txt"
head -c 2001 /dev/urandom >"$kit/plain.txt"
chmod 444 "$kit/readonly.txt"
got=$(transfer windows linux "$kit")/kit
same "$kit/readonly.txt" "$got/readonly.txt"
same "$kit/plain.txt" "$got/plain.txt"
read_only "$got/readonly.txt" || { echo "interop_names: readonly.txt arrived writable on Linux" >&2; exit 1; }
if read_only "$got/plain.txt"; then echo "interop_names: plain.txt arrived read-only" >&2; exit 1; fi
echo "interop_names: every case passed"
