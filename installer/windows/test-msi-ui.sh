#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The MSI's full-UI install under Wine, driven as a user would, in an X server
# of its own (Xvfb, openbox; xdotool's real clicks and key presses): Cancel on
# the licence page ends on the cancelled page, installing nothing; opened
# again, the licence page shows LICENSE (copied out of its text box through
# the X clipboard), Install does nothing before "I accept" is ticked (clicked,
# Enter, Alt+I) and is drawn otherwise once it is; a click on Install runs the
# install behind the progress dialog and ends on the finish page, whose Finish
# ends msiexec; the installed files are the staged ones; a silent uninstall
# removes them.
#   test-msi-ui.sh BUILD_DIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -z ${FERRY_MSI_UI_X-} ]]; then
  command -v xvfb-run >/dev/null || { echo "test-msi-ui: xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 1; }
  FERRY_MSI_UI_X=1 exec timeout -k 10 540 xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" "$0" "$@"
fi
build=$(realpath "$1")
start=$SECONDS

for tool in wine wineserver wixl msibuild openbox xdotool xclip xwininfo import compare; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-msi-ui: $tool is missing (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-msi-ui-test.XXXXXX")
export WINEPREFIX=$work/prefix WINEDEBUG=-all LC_ALL=C.UTF-8
export WINEDLLOVERRIDES='mscoree=;mshtml=;winemenubuilder.exe=d'
unset WINEPATH WINEQT_QPA_PLATFORM
cleanup() {
  local jobs_left
  mapfile -t jobs_left < <(jobs -p)
  if ((${#jobs_left[@]})); then kill "${jobs_left[@]}" 2>/dev/null || true; fi
  timeout 30 wineserver -k 2>/dev/null || true
  timeout 30 wineserver -w 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { echo "test-msi-ui: [$((SECONDS - start)) s] $*"; }
shot=$build/installer/windows/msi-ui-test-failure.png
fail() {
  echo "test-msi-ui: FAILED: $1 (the screen: $shot)" >&2
  import -window root "$shot" 2>/dev/null || true
  shift
  local file
  for file in "$@"; do echo "--- $file" >&2; tr -d '\0' <"$file" >&2 || true; done
  exit 1
}
# wait_until SECONDS WHAT COMMAND...: COMMAND succeeds within SECONDS.
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within the time" "$log"
    sleep 0.5
  done
}

step "starting openbox, creating a Wine prefix, building the MSI"
openbox --startup "touch $work/openbox.ready" >"$work/openbox.log" 2>&1 &
timeout -k 5 240 wine wineboot --init >"$work/wineboot.log" 2>&1 &
boot=$!
timeout -k 5 300 "$here/build-msi.sh" "$build" "$work/msi" >"$work/build.log" 2>&1 ||
  fail "build-msi.sh" "$work/build.log"
msi=$(find "$work/msi" -name 'Ferry-*-x64.msi' -print -quit)
wait "$boot" || fail "wineboot --init" "$work/wineboot.log"
wait_until 20 "openbox started" test -e "$work/openbox.ready"
install_dir="$WINEPREFIX/drive_c/Program Files/Ferry"

log=""  # msiexec's own log (/l*v) of the run under way: its actions and dialogs, in order
msiexec=""
logged() { [[ -f $log ]] && tr -d '\0' <"$log" | grep -q "$1"; }
dialog=""
setup_window() { dialog=$(xdotool search --onlyvisible --name '^Ferry Setup$' 2>/dev/null | head -n 1) && [[ -n $dialog ]]; }
# shown DIALOG: the log says DIALOG started, and a Ferry Setup window is up.
shown() { logged "Action start .*: $1\\." && setup_window; }
# open_msi NAME: msiexec opens the MSI with its dialogs (logged in NAME.log)
# and shows the licence page.
open_msi() {
  log=$work/$1.log
  timeout -k 5 300 wine msiexec /i "Z:$msi" /l*v "Z:$log" >"$work/$1.out" 2>&1 &
  msiexec=$!
  wait_until 120 "the licence page shown" shown LicenseDlg
  xdotool windowactivate --sync "$dialog" >/dev/null 2>&1 || true
  sleep 1
  # Sizes in the dialog tables are installer units; the 370 × 270 unit
  # dialogs are drawn WIDTH × HEIGHT pixels.
  eval "$(xdotool getwindowgeometry --shell "$dialog")"
}
click() {  # click X Y: a click at (X, Y) installer units in the dialog
  # No --sync: it waits for a pointer motion, which never comes when the
  # pointer is there already.
  xdotool mousemove --window "$dialog" $(($1 * WIDTH / 370)) $(($2 * HEIGHT / 270))
  sleep 0.3
  xdotool click 1
  sleep 0.5
}
# msiexec_ended: the msiexec started last has exited (a zombie has too).
msiexec_ended() { [[ $(ps -o stat= -p "$msiexec" || echo Z) == Z* ]]; }
install_button() {  # install_button FILE: the Install button as drawn
  import -window "$dialog" -crop "$((56 * WIDTH / 370))x$((17 * HEIGHT / 270))+$((236 * WIDTH / 370))+$((243 * HEIGHT / 270))" \
    "$1"
}

step "opening $(basename "$msi") with its dialogs, cancelling on the licence page"
open_msi cancelled
click 332 251  # Cancel
wait_until 60 "the cancelled page shown" shown UserExitDlg
click 332 251  # Finish
wait_until 60 "msiexec ended by Finish" msiexec_ended
if wait "$msiexec"; then fail "msiexec exited 0 after Cancel" "$log"; fi
[[ ! -e $install_dir ]] || fail "files were installed after Cancel" "$log"

step "opening it again"
open_msi installed
import -window "$dialog" "$build/installer/windows/msi-test-licence.png"

step "reading the licence out of its text box"
# The text box has the focus (the dialog's first control): select all, copy.
xdotool key --clearmodifiers ctrl+a ctrl+c
copied() { xclip -o -selection clipboard >"$work/shown.txt" 2>/dev/null && [[ -s $work/shown.txt ]]; }
wait_until 20 "the licence copied to the clipboard" copied
words() { tr -d '\r' <"$1" | tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//'; }
[[ $(words "$work/shown.txt") == "$(words "$here/../../LICENSE")" ]] ||
  fail "the licence page does not show LICENSE's words" "$work/shown.txt"

step "Install before 'I accept' is ticked"
install_button "$work/install-disabled.png"
click 264 251  # Install
xdotool key --clearmodifiers Return alt+i
sleep 3
setup_window || fail "the licence page went away before 'I accept' was ticked" "$log"
! logged 'Action start .*: ProgressDlg\.' || fail "Install ran before 'I accept' was ticked" "$log"
[[ ! -e $install_dir ]] || fail "files were installed before 'I accept' was ticked" "$log"

step "ticking 'I accept' and clicking Install"
click 26 214  # the check box
install_button "$work/install-enabled.png"
changed=$(compare -metric AE "$work/install-disabled.png" "$work/install-enabled.png" null: 2>&1 || true)
((${changed%% *} > 20)) || fail "Install is drawn the same after the tick ($changed pixels differ)"
click 264 251
wait_until 180 "the finish page shown" shown ExitDlg
logged 'Action start .*: ProgressDlg\.' || fail "no progress dialog was shown" "$log"
click 332 251  # Finish
wait_until 60 "msiexec ended by Finish" msiexec_ended
wait "$msiexec" || fail "msiexec exited $?" "$log" "$work/installed.out"

step "checking the installed files"
diff -r "$build/installer/windows/msi-stage/bin" "$install_dir" >"$work/diff.log" 2>&1 ||
  fail "Program Files\\Ferry differs from the staged files" "$work/diff.log"

step "uninstalling silently"
timeout -k 5 180 wine msiexec /x "Z:$msi" /qn >"$work/uninstall.log" 2>&1 || fail "msiexec /x exited $?" "$work/uninstall.log"
[[ ! -e $install_dir ]] || fail "Program Files\\Ferry is left after uninstalling"
rm -f "$shot"
step "passed"
