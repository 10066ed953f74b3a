# SPDX-License-Identifier: Apache-2.0
# The Windows build under Wine (sourced by lib.sh when FERRY_GUI_WINE_RUN, the
# build's wine-run.sh, is set): each Ferry gets a Wine prefix of its own (its
# registry holds its settings, its AppData its identity and history) and
# shows real Windows-build windows on the same X display, which openbox
# manages and xdotool drives as on Linux.

make_instance() {
  local name=$1 dir=$work/$1
  mkdir -p "$dir/received"
  export WINEPREFIX=$dir/wine
  timeout -k 5 240 wine wineboot --init >"$dir/wineboot.log" 2>&1 || fail "wineboot for $name"
  local key='HKCU\Software\Ferry\Ferry'
  reg_set "$key\\device" name "$name"
  free_port >"$dir/port"
  reg_set "$key\\network" port "$(cat "$dir/port")"
  reg_set "$key\\network" address 127.0.0.1
  reg_set "$key\\network" discovery false
  reg_set "$key\\receive" folder "$(app_path "$dir/received")"
  reg_set "$key\\receive" offerTimeout "${FERRY_OFFER_TIMEOUT:-120}"
  unset WINEPREFIX
}
# set_language NAME CODE: Ferry NAME's language setting, in its registry.
set_language() {
  export WINEPREFIX=$work/$1/wine
  reg_set 'HKCU\Software\Ferry\Ferry\window' language "$2"
  unset WINEPREFIX
}
# Each prefix is about 700 MB: five tests with two Ferrys each would leave
# 7 GB behind. Its Wine server is ended first, then the prefix goes; the
# instance's logs and received files stay for a failure's reader.
discard_instances() {
  local prefix
  for prefix in "$work"/*/wine; do
    [[ -d $prefix ]] || continue
    WINEPREFIX=$prefix timeout -k 5 30 wineserver -k 2>/dev/null || true
    rm -rf "$prefix"
  done
}
reg_set() { timeout -k 5 60 wine reg add "$1" /v "$2" /t REG_SZ /d "$3" /f >/dev/null 2>&1 || fail "reg add $1 $2"; }

# Wine's sockets are held by its server process too, so a port is not found
# by the app's process id: each Ferry gets a free port chosen here.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -ltnH "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}
port_of() {
  local dir
  dir=$(instance_dir "$1") && listens_on_port "$(cat "$dir/port")" && cat "$dir/port"
}
# The folder of the Ferry with process id PID.
instance_dir() {
  local dir
  for dir in "$work"/*/; do
    [[ -f $dir/pid && $(cat "$dir/pid") == "$1" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

instance_env() { echo WINEPREFIX="$work/$1/wine" WINEQT_QPA_PLATFORM=windows; }

run_ferry() {
  local name=$1
  shift
  # shellcheck disable=SC2046
  env $(instance_env "$name") "$FERRY_GUI_WINE_RUN" "$FERRY_GUI" "$@" >>"$work/$name/app.log" 2>&1 &
  last_ferry_pid=$!
}

# The settings as the running Wine has them (its registry files are written later).
peer_saved() {
  local index
  for index in 1 2 3; do
    env $(instance_env "$1") wine reg query "HKCU\\Software\\Ferry\\Ferry\\peers\\$index" /v port 2>/dev/null |
      grep -qiE "0x0*$(printf %x "$2")\b|REG_SZ +$2\b" && return 0
  done
  return 1
}
no_peer_saved() {
  ! env $(instance_env "$1") wine reg query 'HKCU\Software\Ferry\Ferry\peers\1' /v host >/dev/null 2>&1
}

# Wine sees the Linux file system as drive Z:.
app_path() { echo "Z:${1//\//\\}"; }
appdata() { echo "$work/$1/wine/drive_c/users/$(id -un)/AppData/Roaming"; }
history_file() { echo "$(appdata "$1")/Ferry/Ferry/history.json"; }
identity_file() { echo "$(appdata "$1")/Ferry/identity.pem"; }

# File → Send Folder… opens Wine's own folder picker ("Select Folder"): a
# typed folder is entered first, Open again picks it.
send_folder_from_menu() {
  local pid_var=${1}_pid window dialog attempt
  window=$(main_window "${!pid_var}")
  keys "$window" alt+f o
  wait_until 30 "the folder dialog" window_of "${!pid_var}" '^Select Folder$'
  dialog=$(window_of "${!pid_var}" '^Select Folder$')
  type_text "$dialog" "$(app_path "$2")"
  keys "$dialog" Return
  for attempt in 1 2 3 4 5; do
    wait_briefly 3 no_window "${!pid_var}" '^Select Folder$' && return 0
    keys "$dialog" Return
  done
  fail "the folder dialog stayed open"
}

# The first peer row: 24 pixels lower than on Linux, since the Windows style's
# buttons, spacing and list header above it are taller (measured on screen).
peer_row_centre() {
  xwininfo -id "$1" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF}
    END {print x + 60, y + 177}'
}

# Wine shows a tray icon through its explorer.exe (one per prefix), which
# docks it in the X tray (XEmbed): the icon is a window of that explorer, not
# of the app; of that explorer's small windows the one docked (_XEMBED_INFO),
# not its tooltip. The menu that a right click on it opens is the app's own.
tray_icon_of() {
  local w pid
  for w in $(windows --all --onlyvisible --classname '^explorer\.exe$'); do
    pid=$(xdotool getwindowpid "$w" 2>/dev/null) || continue
    grep -qxz "WINEPREFIX=$(instance_dir "$1")wine" "/proc/$pid/environ" 2>/dev/null || continue
    xprop -id "$w" _XEMBED_INFO | grep -q = || continue
    eval "$(xdotool getwindowgeometry --shell "$w")"
    ((WIDTH <= 64 && HEIGHT <= 64)) && { echo "$w"; return 0; }
  done
  return 1
}
