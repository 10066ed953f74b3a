# SPDX-License-Identifier: Apache-2.0
# Shared by the interop scripts (sourced): running ferry-cli on either side
# and waiting for a receiver's port. Needs $linux_cli, $windows_cli,
# $wine_run and $config_root (each side's identity folder lives below it).

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
