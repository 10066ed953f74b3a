#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cross-OS interop over 127.0.0.1: the Linux ferry-cli sends to ferry-cli.exe
# under Wine and receives from it, with every strategy, encrypted (TLS 1.3,
# the default) and in fast mode (each side pinned the other with fast mode);
# the received tree must equal the sent one byte for byte, each session must
# report the mode expected, and each file the strategy that was asked for
# (auto: below the threshold zerocopy, else direct; inside TLS zerocopy is
# buffered).
#   interop.sh LINUX_FERRY_CLI WINDOWS_FERRY_CLI_EXE WINE_RUN
set -euo pipefail

linux_cli=$1
windows_cli=$2
wine_run=$3
threshold=$((1024 * 1024))

work=$(mktemp -d "${PWD}/interop.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Each mode ($mode: encrypted or fast) has its own identities under
# $config_root: the fast ones pin each other, the encrypted ones nobody.
source "$(dirname "${BASH_SOURCE[0]}")/interop_lib.sh"

# The data set: the sizes that break I/O code, a unicode name, nested and empty folders.
source_dir=$work/source
mkdir -p "$source_dir/tree/Ünïcödé 日本/deep" "$source_dir/tree/empty"
for size in 0 1 511 4097 $((threshold - 1)) $threshold $((threshold + 1)) $((24 * 1024 * 1024 + 3)); do
  head -c "$size" /dev/urandom >"$source_dir/file-$size.bin"
done
head -c 300000 /dev/urandom >"$source_dir/tree/Ünïcödé 日本/写真.jpg"
head -c 4096 /dev/urandom >"$source_dir/größe – ünïcödé.bin"  # a unicode name on the command line
head -c $((3 * threshold + 5)) /dev/urandom >"$source_dir/tree/Ünïcödé 日本/deep/big.bin"

fingerprint_of() {  # side: "ferry-cli identity" prints NAME  CODE  FINGERPRINT
  run_side "$1" identity | tr -d '\r' | awk '{print $NF}'
}

# In fast mode each side pins the other with fast mode allowed; the
# encrypted identities pin nobody.
pin_each_other_for_fast_mode() {
  local mode=fast config_root=$work/config/fast linux_id windows_id
  linux_id=$(fingerprint_of linux)
  windows_id=$(fingerprint_of windows)
  run_side linux trust "$windows_id" --fast >/dev/null
  run_side windows trust "$linux_id" --fast >/dev/null
}

expected_strategy() {  # strategy size
  local planned=$1
  if [[ $1 == auto ]]; then
    if (($2 < threshold)); then planned=zerocopy; else planned=direct; fi
  fi
  if [[ $mode == encrypted && $planned == zerocopy ]]; then planned=buffered; fi
  echo "$planned"
}

check_strategies() {  # strategy json_log
  local strategy=$1 line size reported
  if ! grep -q "\"type\":\"session_started\".*\"mode\":\"$mode\"" "$2"; then
    echo "interop: the session did not report mode $mode" >&2
    return 1
  fi
  while IFS= read -r line; do
    [[ $line == *'"type":"file_done"'* ]] || continue
    size=$(sed -E 's/.*"bytes":([0-9]+).*/\1/' <<<"$line")
    reported=$(sed -E 's/.*"strategy":"([a-z]+)".*/\1/' <<<"$line")
    if [[ $reported != "$(expected_strategy "$strategy" "$size")" ]]; then
      echo "interop: a $size-byte file reported strategy $reported with --strategy $strategy" >&2
      return 1
    fi
  done <"$2"
}

transfer() {  # sender_side receiver_side strategy
  local from=$1 to=$2 strategy=$3
  local case_dir=$work/$mode-$from-to-$to-$strategy
  local target=$case_dir/received
  mkdir -p "$target"
  : >"$case_dir/receiver.log"  # exists before the receiver starts, for the port poll below
  echo "interop: $from -> $to, $mode, --strategy $strategy"

  run_side "$to" receive --dir "$(path_for "$to" "$target")" --port 0 --bind 127.0.0.1 \
    --accept-all --once >"$case_dir/receiver.log" 2>&1 &
  local receiver=$! port
  port=$(listening_port "$case_dir/receiver.log" "$receiver") || return 1

  local sources=()
  for entry in "$source_dir"/*; do sources+=("$(path_for "$from" "$entry")"); done
  local sent=0
  run_side "$from" send --threshold "$threshold" --strategy "$strategy" --json \
    "127.0.0.1:$port" "${sources[@]}" >"$case_dir/sender.json" 2>"$case_dir/sender.log" || sent=$?
  local received=0
  wait "$receiver" || received=$?
  if ((sent != 0 || received != 0)); then
    echo "interop: sender exit $sent, receiver exit $received" >&2
    cat "$case_dir/sender.log" "$case_dir/sender.json" "$case_dir/receiver.log" >&2
    return 1
  fi
  diff -r "$source_dir" "$target"
  check_strategies "$strategy" "$case_dir/sender.json"
}

pin_each_other_for_fast_mode
for mode in encrypted fast; do
  config_root=$work/config/$mode
  for strategy in auto zerocopy direct buffered; do
    transfer linux windows "$strategy"
    transfer windows linux "$strategy"
  done
done
echo "interop: every case passed"
