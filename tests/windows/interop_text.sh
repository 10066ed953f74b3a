#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Texts and partial takes between the Linux ferry-cli and ferry-cli.exe under
# Wine, over 127.0.0.1 (issue 17, items 1 and 3; protocol version 6), both
# directions: a text with a file arrives whole in the receiver's output and
# nowhere on its disk; a receiver taking one folder of two (--only) gets
# exactly that folder, and the sender reports the other's files as skipped.
#   interop_text.sh LINUX_FERRY_CLI WINDOWS_FERRY_CLI_EXE WINE_RUN
set -euo pipefail

linux_cli=$1
windows_cli=$2
wine_run=$3

work=$(mktemp -d "${PWD}/interop-text.XXXXXX")
trap 'rm -rf "$work"' EXIT
config_root=$work/config
source "$(dirname "${BASH_SOURCE[0]}")/interop_lib.sh"

fail() {
  echo "interop_text: $*" >&2
  cat "$case_dir/sender.log" "$case_dir/receiver.log" >&2
  exit 1
}

kit=$work/kit
mkdir -p "$kit/keep" "$kit/leave"
head -c 3000 /dev/urandom >"$kit/keep/a.bin"
head -c 3001 /dev/urandom >"$kit/leave/b.bin"
head -c 3002 /dev/urandom >"$kit/note.bin"
# Read from standard input (--text -): its bytes reach ferry-cli.exe as they
# are, where Wine would convert an argument through the locale.
text='Grüße aus Ferry ✓'
printf '%s\n' "$text" >"$work/text.txt"

for pair in "linux windows" "windows linux"; do
  read -r from to <<<"$pair"
  run_case "$from" "$to" text -- --text - "$(path_for "$from" "$kit/note.bin")" <"$work/text.txt"
  grep -qF "$text" "$case_dir/receiver.log" || fail "the text did not reach the $to receiver's output"
  cmp -s "$kit/note.bin" "$case_dir/received/note.bin" || fail "note.bin did not arrive on $to"
  [[ $(find "$case_dir/received" -type f | wc -l) -eq 1 ]] || fail "more than the file landed on $to"

  run_case "$from" "$to" only --only kit/keep -- --json "$(path_for "$from" "$kit")"
  cmp -s "$kit/keep/a.bin" "$case_dir/received/kit/keep/a.bin" || fail "kit/keep/a.bin did not arrive on $to"
  [[ ! -e $case_dir/received/kit/leave && ! -e $case_dir/received/kit/note.bin ]] ||
    fail "$to took more than --only named"
  grep -q '"files_skipped":2' "$case_dir/sender.log" || fail "the $from sender did not count 2 files skipped"
  echo "interop_text: $from -> $to passed"
done
echo "interop_text: every case passed"
