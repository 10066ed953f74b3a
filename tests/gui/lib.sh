# SPDX-License-Identifier: Apache-2.0
# Shared helpers of the end-to-end GUI tests (sourced by each scenario).
# Each scenario gets its own X server (Xvfb) with a real window manager
# (openbox) and, when asked, a system tray (wmdocker); each Ferry gets its own
# HOME, XDG folders and settings: port 0, bound to 127.0.0.1, discovery off,
# so nothing reaches the real network and nothing of the user's is touched.
# Every wait polls a condition with a deadline; nothing waits on a bare sleep.
#
# Environment: FERRY_GUI (the app), FERRY_GUI_WORK (a scratch folder),
# FERRY_DRAG_SOURCE (the drag helper, for drag-and-drop).
set -euo pipefail

: "${FERRY_GUI:?path of the ferry executable}"
: "${FERRY_GUI_WORK:?scratch folder}"
work=$FERRY_GUI_WORK
rm -rf "$work"
mkdir -p "$work"
unset DBUS_SESSION_BUS_ADDRESS SESSION_MANAGER QT_QPA_PLATFORMTHEME
export QT_QPA_PLATFORM=xcb
log() { printf '[%5.1fs] %s\n' "$(elapsed)" "$*"; }
start_ns=$(date +%s%N)
elapsed() {
  local tenths=$((($(date +%s%N) - start_ns) / 100000000))
  echo "$((tenths / 10)).$((tenths % 10))"
}

fail() {
  log "FAIL: $*" >&2
  [[ -n ${DISPLAY-} ]] && ! xdpyinfo >/dev/null 2>&1 && log "(the X server $DISPLAY is gone)" >&2
  [[ -s $work/xvfb.log ]] && sed 's/^/  xvfb: /' "$work/xvfb.log" >&2
  screenshot "failure" || true
  ferry_states >&2 || true
  [[ -n ${DISPLAY-} ]] && xwininfo -root -tree 2>/dev/null | grep -iE 'ferry|openbox' | sed 's/^ */  window: /' >&2 || true
  for f in "$work"/*/app.log; do
    [[ -s $f ]] && sed "s|^|  $(basename "$(dirname "$f")"): |" "$f" >&2
  done
  exit 1
}

# Each Ferry of this test still running: its state and what it waits in (a
# Ferry that shows no window says here whether it is busy or blocked).
ferry_states() {
  local f pid
  for f in "$work"/*/pid; do
    pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null || continue
    log "  $(basename "$(dirname "$f")"): $(ps -o pid=,stat=,etime=,time=,wchan:32= -p "$pid")"
    command -v gdb >/dev/null &&
      timeout -k 2 30 gdb -p "$pid" -batch -ex 'thread apply all bt 30' 2>/dev/null | grep '^#' | sed 's/^/    /'
  done
}

# Ends what this test started and still runs: its jobs, not a list of pids,
# since a pid reaped earlier (a Ferry that quit) may belong to another
# program by now (another test's X server, say).
cleanup() {
  local pids
  pids=$(jobs -p)
  if [[ -n $pids ]]; then
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null || true
    # shellcheck disable=SC2086
    wait $pids 2>/dev/null || true
  fi
  discard_instances
}
# What an instance holds beyond its logs and received files is let go at the
# end (the Wine build's prefixes are large); on Linux nothing large is left.
discard_instances() { :; }
trap cleanup EXIT
trap 'fail "unexpected failure at line $LINENO: $BASH_COMMAND"' ERR

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1 s.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$(($(date +%s%N) + seconds * 1000000000))
  until "$@" >/dev/null 2>&1; do
    (($(date +%s%N) < deadline)) || fail "timed out after ${seconds} s waiting for: $what"
    sleep 0.1
  done
}

# wait_briefly SECONDS COMMAND...: like wait_until, but returns 1 at the deadline.
wait_briefly() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000))
  shift
  until "$@" >/dev/null 2>&1; do
    (($(date +%s%N) < deadline)) || return 1
    sleep 0.1
  done
}

# An X server of this test's own: a free display number, and the server
# that holds its lock is ours (tests running side by side cannot swap them).
start_xvfb() {
  local attempt display pid
  for attempt in $(seq 30); do
    display=$((100 + RANDOM % 900))
    [[ -e /tmp/.X$display-lock ]] && continue
    Xvfb ":$display" -screen 0 1280x900x24 -nolisten tcp -noreset 2>>"$work/xvfb.log" &
    pid=$!
    if wait_briefly 20 xvfb_ready "$display" "$pid"; then
      export DISPLAY=:$display
      return
    fi
    kill "$pid" 2>/dev/null || true
  done
  fail "no X server after $attempt tries"
}
xvfb_ready() {
  kill -0 "$2" && (($(cat "/tmp/.X$1-lock") == $2)) && xdpyinfo -display ":$1" >/dev/null
}

# Starts Xvfb, openbox and (with `tray`) a system tray.
start_desktop() {
  start_xvfb
  # Openbox claims the root window (_NET_SUPPORTING_WM_CHECK) before it has
  # loaded its theme and taken the existing windows; a window mapped in
  # between was seen never to get a frame (nor to be shown). --startup runs
  # once it is up.
  rm -f "$work/openbox.ready"
  openbox --startup "touch $work/openbox.ready" >"$work/openbox.log" 2>&1 &
  wait_until 20 "the window manager" test -e "$work/openbox.ready"
  if [[ ${1-} == tray ]]; then
    wmdocker >"$work/tray.log" 2>&1 &
    wait_until 20 "the system tray" has_tray
  fi
  log "desktop on $DISPLAY (${1:-no tray})"
}

has_tray() { windows --classname '^docker$' | grep -q .; }

# Prepares the folders and settings of one Ferry called NAME.
make_instance() {
  local name=$1 dir=$work/$1
  mkdir -p "$dir/home" "$dir/config/Ferry" "$dir/data" "$dir/cache" "$dir/received"
  mkdir -m 700 -p "$dir/runtime"
  cat >"$dir/config/Ferry/Ferry.conf" <<CONF
[device]
name=$name
[network]
port=0
address=127.0.0.1
discovery=false
[receive]
folder=$dir/received
offerTimeout=${FERRY_OFFER_TIMEOUT:-120}
CONF
}

# set_language NAME CODE: Ferry NAME's language setting (Settings → Language).
set_language() { printf '[window]\nlanguage=%s\n' "$2" >>"$work/$1/config/Ferry/Ferry.conf"; }

# run_ferry NAME [ARGS...]: starts the app as Ferry NAME in the background;
# its process id is then in last_ferry_pid.
run_ferry() {
  local name=$1
  shift
  # shellcheck disable=SC2046
  env $(instance_env "$name") "$FERRY_GUI" "$@" >>"$work/$name/app.log" 2>&1 &
  last_ferry_pid=$!
}
# A path as the app takes it on its command line.
app_path() { echo "$1"; }
# Whether NAME's saved settings hold a peer at PORT / no peer at all.
peer_saved() { grep -q "^[0-9]*\\\\port=$2\$" "$work/$1/config/Ferry/Ferry.conf"; }
no_peer_saved() { ! grep -q '^1\\host=' "$work/$1/config/Ferry/Ferry.conf"; }
history_file() { echo "$work/$1/data/Ferry/Ferry/history.json"; }
identity_file() { echo "$work/$1/config/ferry/identity.pem"; }

# instance_env NAME: the environment of Ferry NAME, for env(1).
instance_env() {
  local dir=$work/$1
  echo HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache" \
    XDG_RUNTIME_DIR="$dir/runtime"
}

# start_ferry NAME [ARGS...]: starts Ferry NAME; sets NAME_pid. Waits for its
# window and its listening socket.
start_ferry() {
  local name=$1
  shift
  [[ -d $work/$name ]] || make_instance "$name"
  run_ferry "$name" "$@"
  local pid=$last_ferry_pid
  echo "$pid" >"$work/$name/pid"
  printf -v "${name}_pid" %s "$pid"
  # A first start makes the identity and Qt's caches: slow on a loaded machine.
  wait_until 60 "the window of $name" window_or_end "$pid"
  if exited "$pid"; then
    local status=0
    wait "$pid" || status=$?
    fail "$name (pid $pid) ended with status $status before it showed a window"
  fi
  wait_until 30 "$name listening" port_of "$pid"
  log "$name: pid $pid, port $(port_of "$pid")"
}

window_or_end() { main_window "$1" || exited "$1"; }

# The TCP port PID listens on.
port_of() {
  local port
  port=$(ss -ltnpH "src 127.0.0.1" | grep "pid=$1," | awk '{print $4}' | sed 's/.*://' | head -n1)
  [[ -n $port ]] && echo "$port"
}
listens() { [[ -n $(port_of "$1") ]]; }
listens_on_port() { ss -ltnH "src 127.0.0.1:$1" | grep -q .; }

# windows ARGS...: the ids of the windows that `xdotool search ARGS...` finds.
# xdotool stops with an X error (BadWindow) when a window it looks at is
# destroyed meanwhile (a dialog closing, of any program on the display; seen
# under Wine right after a message box closed): then it searches again.
windows() {
  local attempt
  for attempt in 1 2 3 4 5; do
    xdotool search "$@" 2>"$work/search.err" && return 0
    grep -q BadWindow "$work/search.err" || return 1
  done
  return 1
}
# The visible window of PID whose title matches the regular expression.
window_of() { windows --all --onlyvisible --pid "$1" --name "$2" | head -n1 | grep .; }
main_window() {
  local w
  for w in $(windows --all --onlyvisible --pid "$1" --name '^Ferry$'); do
    eval "$(xdotool getwindowgeometry --shell "$w")"
    ((WIDTH > 64)) && { echo "$w"; return 0; }
  done
  return 1
}
no_window() { ! window_of "$1" "$2"; }
window_count() { windows --all --onlyvisible --pid "$1" --name "$2" | wc -l; }

# Gives the window keyboard focus (through the window manager).
focus() {
  xdotool windowactivate --sync "$1" >/dev/null 2>&1 || true
  wait_until 10 "focus on window $1" is_focused "$1"
}
is_focused() { [[ $(xdotool getactivewindow 2>/dev/null) == "$1" ]]; }

# keys WINDOW KEY...: real key presses into WINDOW, focused first.
keys() {
  local window=$1
  shift
  focus "$window"
  xdotool key --clearmodifiers --delay 60 "$@"
}
type_text() {
  local window=$1
  shift
  focus "$window"
  xdotool type --clearmodifiers --delay 20 "$*"
}

# Clicks the close button in the window's title bar (openbox's decoration).
click_close_button() {
  local window=$1 frame x y width
  frame=$(frame_of "$window")
  eval "$(xdotool getwindowgeometry --shell "$frame")"
  x=$((X + WIDTH - 12))
  y=$((Y + 10))
  xdotool mousemove --sync "$x" "$y" click 1
}
# The window manager's frame around a client window: its child of the root.
frame_of() {
  local window=$1 parent
  while :; do
    parent=$(xwininfo -children -id "$window" | sed -n 's/^  Parent window id: \(0x[0-9a-f]*\).*/\1/p')
    [[ $(xwininfo -children -id "$window" | sed -n 's/^  Root window id: \(0x[0-9a-f]*\).*/\1/p') == "$parent" ]] &&
      { printf '%d\n' "$window"; return; }
    window=$parent
  done
}

# The centre of a window on the screen (embedded windows too).
window_centre() {
  xwininfo -id "$1" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF}
    /Width:/ {w=$NF} /Height:/ {h=$NF} END {print x + int(w / 2), y + int(h / 2)}'
}

screenshot() { import -window root "$work/$1.png" 2>/dev/null && log "screenshot: $work/$1.png"; }

exited() { ! kill -0 "$1" 2>/dev/null; }

# wait_exit PID SECONDS: the process must end by itself in time, with status 0.
wait_exit() {
  wait_until "$2" "process $1 to exit" exited "$1"
  local status=0
  wait "$1" || status=$?
  ((status == 0)) || fail "process $1 exited with status $status"
}

# Files of a tree, with sizes, sorted: compares a sent and a received folder.
tree_listing() { (cd "$1" && find . -printf '%y %s %p\n' | grep -v '^d [0-9]* \.$' | sed 's/^d [0-9]*/d/' | sort); }
same_tree() { diff <(tree_listing "$1") <(tree_listing "$2") && diff -r "$1" "$2"; }

# Fresh sample folder: a few files and an empty folder.
make_sample() {
  local dir=$1
  mkdir -p "$dir/sub/empty"
  head -c 200000 /dev/urandom >"$dir/photo.jpg"
  echo "notes" >"$dir/sub/notes.txt"
  head -c 3000000 /dev/urandom >"$dir/sub/video.bin"
}

# add_peer NAME PEER_NAME HOST:PORT: File → Add Peer… (Ctrl+N), typed in.
add_peer() {
  local pid_var=${1}_pid window dialog
  window=$(main_window "${!pid_var}")
  keys "$window" ctrl+n
  wait_until 15 "the Add Peer dialog" window_of "${!pid_var}" '^Add Peer$'
  dialog=$(window_of "${!pid_var}" '^Add Peer$')
  type_text "$dialog" "$2"
  keys "$dialog" Tab
  type_text "$dialog" "$3"
  keys "$dialog" Return
  wait_until 15 "the Add Peer dialog to close" no_window "${!pid_var}" '^Add Peer$'
  wait_until 30 "the peer in $1's settings" peer_saved "$1" "${3##*:}"
}

# send_folder_from_menu NAME FOLDER: File → Send Folder… to the selected peer;
# the path is typed into the folder dialog.
send_folder_from_menu() {
  local pid_var=${1}_pid window dialog
  window=$(main_window "${!pid_var}")
  keys "$window" alt+f o
  wait_until 15 "the folder dialog" window_of "${!pid_var}" '^Send Folder to'
  dialog=$(window_of "${!pid_var}" '^Send Folder to')
  keys "$dialog" ctrl+a
  type_text "$dialog" "$2"
  keys "$dialog" Return
  wait_until 15 "the folder dialog to close" no_window "${!pid_var}" '^Send Folder to'
}

# send_files_from_menu NAME FOLDER FILE...: File → Send Files… (Alt+F, F) to
# the selected peer; in the file dialog the folder is typed first (Enter
# opens it), then the files' names, quoted, together.
send_files_from_menu() {
  local pid_var=${1}_pid folder=$2 window dialog name names=""
  shift 2
  for name in "$@"; do names+="\"$name\" "; done
  window=$(main_window "${!pid_var}")
  keys "$window" alt+f f
  wait_until 15 "the file dialog" window_of "${!pid_var}" '^Send Files to'
  dialog=$(window_of "${!pid_var}" '^Send Files to')
  keys "$dialog" ctrl+a
  type_text "$dialog" "$(app_path "$folder")"
  keys "$dialog" Return
  keys "$dialog" ctrl+a
  type_text "$dialog" "$names"
  keys "$dialog" Return
  wait_until 15 "the file dialog to close" no_window "${!pid_var}" '^Send Files to'
}

# wait_for_offer NAME: the offer dialog's window id, once it shows.
wait_for_offer() {
  local pid_var=${1}_pid
  wait_until 30 "an offer at $1" window_of "${!pid_var}" '^Incoming (files|text) from'
  window_of "${!pid_var}" '^Incoming (files|text) from'
}

# history_count NAME [ok|failed]: entries in NAME's history of finished transfers.
history_count() {
  local file pattern='"finished"'
  file=$(history_file "$1")
  [[ ${2-} == ok ]] && pattern='"ok": *true'
  [[ ${2-} == failed ]] && pattern='"ok": *false'
  [[ -f $file ]] || { echo 0; return; }
  { grep -oE "$pattern" "$file" || true; } | wc -l
}
# history_reaches NAME COUNT [ok|failed]
history_reaches() { (($(history_count "$1" "${3-}") >= $2)); }

# quit_with_keys NAME: Ctrl+Q in the main window; the process must end and
# its port be free.
quit_with_keys() {
  local pid_var=${1}_pid pid port
  pid=${!pid_var}
  port=$(port_of "$pid")
  keys "$(main_window "$pid")" ctrl+q
  wait_exit "$pid" 20
  ! listens_on_port "$port" || fail "port $port still in use after $1 quit"
  log "$1 quit; port $port is free"
}

# quit_from_menu NAME: File → Quit (Alt+F, Q).
quit_from_menu() {
  local pid_var=${1}_pid pid port
  pid=${!pid_var}
  port=$(port_of "$pid")
  keys "$(main_window "$pid")" alt+f q
  wait_exit "$pid" 20
  ! listens_on_port "$port" || fail "port $port still in use after $1 quit"
  log "$1 quit from the File menu; port $port is free"
}

# quit_from_tray NAME [KEY]: right click on the tray icon, Quit (by its
# access key KEY, q unless the window speaks another language).
quit_from_tray() {
  local pid_var=${1}_pid pid port icon
  pid=${!pid_var}
  port=$(port_of "$pid")
  wait_until 30 "$1's tray icon" tray_icon_of "$pid"
  icon=$(tray_icon_of "$pid")
  read -r x y < <(window_centre "$icon")
  point_at "$x" "$y"
  # A click right after the pointer arrives is sometimes lost: click again
  # while no menu shows, a few times.
  local attempt
  for attempt in 1 2 3 4 5; do
    xdotool click 3
    wait_briefly 2 tray_menu_of "$pid" && break
  done
  tray_menu_of "$pid" >/dev/null || fail "no tray menu after $attempt right clicks on $1's tray icon"

  # The menu has the keyboard: Q is Quit's access key.
  xdotool key --delay 60 "${2:-q}"
  wait_exit "$pid" 20
  ! listens_on_port "$port" || fail "port $port still in use after $1 quit"
  log "$1 quit from the tray; port $port is free"
}
# Moves the pointer to X Y. Where it already was, xdotool's --sync was seen to
# wait 15 s for a move that never came (a restarted Ferry's tray icon docked
# where the last one was).
point_at() {
  local X Y SCREEN WINDOW
  eval "$(xdotool getmouselocation --shell)"
  ((X == $1 && Y == $2)) || xdotool mousemove --sync "$1" "$2"
}
# The tray icon: Ferry's small window that the tray holds.
tray_icon_of() {
  local w
  for w in $(windows --all --onlyvisible --pid "$1" --classname '^ferry$'); do
    eval "$(xdotool getwindowgeometry --shell "$w")"
    ((WIDTH <= 64 && HEIGHT <= 64)) && { echo "$w"; return 0; }
  done
  return 1
}
# The tray's menu: an override-redirect window of Ferry, larger than the icon.
tray_menu_of() {
  local w
  for w in $(windows --all --onlyvisible --pid "$1" --name ''); do
    xwininfo -id "$w" | grep -q 'Override Redirect State: yes' || continue
    eval "$(xdotool getwindowgeometry --shell "$w")"
    ((WIDTH > 64)) && { echo "$w"; return 0; }
  done
  return 1
}

# readd_peer NAME PEER_NAME HOST:PORT: replaces NAME's peers with this one.
readd_peer() {
  local pid_var=${1}_pid window
  window=$(main_window "${!pid_var}")
  keys "$window" alt+f r
  wait_until 30 "the peer removed" no_peer_saved "$1"
  add_peer "$@"
}

part_file_in() { find "$1" -name '.ferry-*.part' -size +0 | grep -q .; }
part_file_size() { find "$1" -name '.ferry-*.part' -printf '%s\n' | sort -n | tail -n1; }
part_file_larger_than() { local size; size=$(part_file_size "$1"); [[ -n $size ]] && ((size > $2)); }

# drag_folder FOLDER X Y: a real XDND drag of FOLDER from another program
# (FERRY_DRAG_SOURCE) to X Y, dropped there; the drop must be taken.
drag_folder() {
  local folder=$1 rx=$2 ry=$3 source_window sx sy step
  rm -f "$work/drag.out"
  "$FERRY_DRAG_SOURCE" "$folder" >"$work/drag.out" 2>"$work/drag.log" &
  wait_until 15 "the drag source" windows --onlyvisible --name '^Drag source$'
  source_window=$(windows --onlyvisible --name '^Drag source$' | head -n1)
  read -r sx sy < <(window_centre "$source_window")
  xdotool mousemove --sync "$sx" "$sy" mousedown 1
  for step in 1 2 3 4 5 6 7 8 9 10; do
    xdotool mousemove --sync $((sx + (rx - sx) * step / 10)) $((sy + (ry - sy) * step / 10))
    sleep 0.05  # let the drag follow the pointer (the XDND messages are asynchronous)
  done
  xdotool mousemove --sync $((rx + 1)) "$ry"
  xdotool mouseup 1
  wait_until 10 "the drag to end" grep -q . "$work/drag.out"
  grep -qx dropped "$work/drag.out" || fail "the drop was refused: $(cat "$work/drag.out")"
}

# The centre of the first row of the peer list in main window WINDOW: below
# the device line, the receive folder row and the list's header.
peer_row_centre() {
  xwininfo -id "$1" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF}
    END {print x + 60, y + 153}'
}

if [[ -n ${FERRY_GUI_WINE_RUN-} ]]; then
  # shellcheck source=lib_wine.sh
  source "$(dirname "${BASH_SOURCE[0]}")/lib_wine.sh"
fi
