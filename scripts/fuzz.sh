#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fuzzes the wire protocol codec with libFuzzer for SECONDS (default 600):
# builds the fuzz preset (clang, AddressSanitizer + UndefinedBehaviorSanitizer),
# writes the seed corpus (one frame of every type, two session streams), then
# runs fuzz_codec (arbitrary byte streams decoded) for four fifths of the time
# and fuzz_roundtrip (arbitrary messages encoded, then decoded) for the rest.
# The corpora grow in build/fuzz/corpus/ from one run to the next. Exits
# non-zero on any crash, failed check, leak or timeout, naming the input.
#   scripts/fuzz.sh         # 10 minutes
#   scripts/fuzz.sh 3600    # an hour
set -euo pipefail

seconds=${1:-600}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 2)); then
  echo "usage: scripts/fuzz.sh [SECONDS]   (at least 2; default 600)" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

out=build/fuzz
bin=$out/tests/fuzz
rm -rf "$out/seeds"
"$bin/make_seed_corpus" "$out/seeds/codec"

# run TARGET SECONDS [SEED_FOLDER...]
run() {
  local target=$1 time=$2
  shift 2
  local corpus=$out/corpus/$target crashes=$out/crashes/$target log=$out/logs/$target.log
  mkdir -p "$corpus" "$crashes" "$out/logs"
  echo "fuzz: $target for ${time}s (log: $log)"
  local status=0
  "$bin/$target" "$corpus" "$@" -max_total_time="$time" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" >"$log" 2>&1 || status=$?
  if ((status != 0)); then
    tail -n 40 "$log" >&2
    local input
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz: $target FAILED (exit $status); the input: ${input:-see $log}" >&2
    echo "fuzz: reproduce with: $bin/$target ${input:-INPUT}" >&2
    return 1
  fi
  grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
}

roundtrip_seconds=$((seconds / 5 > 0 ? seconds / 5 : 1))
run fuzz_codec $((seconds - roundtrip_seconds)) "$out/seeds/codec"
run fuzz_roundtrip "$roundtrip_seconds"
echo "fuzz: no failures in ${seconds}s"
