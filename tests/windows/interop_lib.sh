# SPDX-License-Identifier: Apache-2.0
# Shared by the interop scripts (sourced): running ferry-cli on either side,
# waiting for a receiver's port, and one transfer between the sides. Needs
# $linux_cli, $windows_cli, $wine_run, $work and $config_root (each side's
# identity folder lives below it).

# run_side linux|windows ARGS...: ferry-cli natively, or ferry-cli.exe under
# Wine (paths as Z:, the drive Wine maps to /).
run_side() {
  local side=$1
  shift
  if [[ $side == linux ]]; then
    FERRY_CONFIG_DIR="$config_root/linux" "$linux_cli" "$@"
  else
    FERRY_CONFIG_DIR="Z:$config_root/windows" "$wine_run" "$windows_cli" "$@"
  fi
}

# path_for SIDE PATH: PATH as that side names it.
path_for() {
  if [[ $1 == linux ]]; then echo "$2"; else echo "Z:$2"; fi
}

# listening_port LOG PID: the port a receiver started in the background
# (PID, writing LOG) listens on, within 60 s; otherwise stops it, shows its
# log and fails.
listening_port() {
  local log=$1 receiver=$2 port=""
  for _ in $(seq 600); do
    port=$(sed -nE 's/^Listening on [^ ]*:([0-9]+),.*/\1/p' "$log")
    [[ -n $port ]] && break
    sleep 0.1
  done
  if [[ -z $port ]]; then
    kill "$receiver" 2>/dev/null || true
    echo "interop: the receiver did not start listening" >&2
    cat "$log" >&2
    return 1
  fi
  echo "$port"
}

# run_case FROM TO NAME RECEIVER-ARGS... -- SENDER-ARGS...: a fresh receiver
# on side TO (--accept-all --once), one send from side FROM (its standard
# input is the caller's); both must exit 0, or their logs are shown and the
# script fails. Sets case_dir; the files land in $case_dir/received.
run_case() {
  local from=$1 to=$2 name=$3
  shift 3
  local receiver_args=()
  while [[ $1 != -- ]]; do receiver_args+=("$1"); shift; done
  shift
  case_dir=$work/$name-$from-to-$to
  mkdir -p "$case_dir/received"
  : >"$case_dir/receiver.log"
  run_side "$to" receive --dir "$(path_for "$to" "$case_dir/received")" --port 0 --bind 127.0.0.1 \
    --accept-all --once --no-announce "${receiver_args[@]}" >"$case_dir/receiver.log" 2>&1 </dev/null &
  local receiver=$! port
  port=$(listening_port "$case_dir/receiver.log" "$receiver") || exit 1
  local sent=0 received=0
  run_side "$from" send --to "127.0.0.1:$port" "$@" >"$case_dir/sender.log" 2>&1 || sent=$?
  ((sent == 0)) || kill "$receiver" 2>/dev/null || true  # it would wait for an offer forever
  wait "$receiver" || received=$?
  if ((sent != 0 || received != 0)); then
    echo "interop: $name $from -> $to: sender exit $sent, receiver exit $received" >&2
    cat "$case_dir/sender.log" "$case_dir/receiver.log" >&2
    exit 1
  fi
}
