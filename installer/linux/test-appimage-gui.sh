#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test-appimage-gui.sh IMAGE WORK_DIR
# Starts the desktop app from the image (FUSE mount) on a fresh Xvfb display,
# waits until a screenshot of the screen shows its window (many colours, where
# the empty screen has one), checks that Qt and the xcb plugin were loaded from
# the image and not the host, then ends the app through the runtime (SIGTERM,
# which the runtime passes on). Leaves the screenshot in WORK_DIR/screen.png.
set -euo pipefail

if [[ -z ${FERRY_TEST_IN_XVFB-} ]]; then
  exec env FERRY_TEST_IN_XVFB=1 timeout 150 xvfb-run -a -s "-screen 0 1024x768x24" "$0" "$@"
fi
image=$1
work=$2
fail() {
  echo "FAIL: $*" >&2
  [[ -f $work/app.log ]] && sed 's/^/  app: /' "$work/app.log" >&2
  exit 1
}

# A settings file of its own: any free port, so a Ferry running here is left
# alone, and no discovery datagrams on the real network.
mkdir -p "$work/config/Ferry" "$work/received"
mkdir -m 700 "$work/runtime"
printf '[network]\nport=0\ndiscovery=false\n[receive]\nfolder=%s\n' "$work/received" >"$work/config/Ferry/Ferry.conf"
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=xcb

"$image" >"$work/app.log" 2>&1 &
runtime=$!
trap 'kill "$runtime" 2>/dev/null || true' EXIT

colours=0
deadline=$((SECONDS + 60))
while ((colours < 64)); do
  ((SECONDS < deadline)) || fail "no window after 60 s (the screen has $colours colours)"
  kill -0 "$runtime" 2>/dev/null || fail "the app exited before it showed a window"
  sleep 0.5
  if import -window root "$work/screen.png" 2>/dev/null; then
    colours=$(identify -format %k "$work/screen.png")
  fi
done
echo "the window is up: the screen has $colours colours after $SECONDS s"

app=$(pgrep -P "$runtime") || fail "the runtime has no child process"
appdir=$(tr '\0' '\n' <"/proc/$app/environ" | sed -n 's/^APPDIR=//p')
[[ -n $appdir ]] || fail "the app has no APPDIR in its environment"
qt_files=$(grep -oE '/[^ ]*(libQt6[A-Za-z]*\.so[.0-9]*|libqxcb\.so)$' "/proc/$app/maps" | sort -u)
grep -q libqxcb.so <<<"$qt_files" || fail "the xcb plugin is not loaded"
if grep -v "^$appdir/" <<<"$qt_files"; then fail "Qt files above were loaded from outside the image"; fi
echo "Qt from the image: $(wc -l <<<"$qt_files") files under $appdir"

kill -TERM "$runtime"
deadline=$((SECONDS + 20))
while kill -0 "$runtime" 2>/dev/null; do
  ((SECONDS < deadline)) || fail "the app did not end 20 s after SIGTERM"
  sleep 0.1
done
status=0
wait "$runtime" || status=$?
((status == 143)) || fail "the runtime ended with status $status, not 143 (SIGTERM passed on)"
if grep -q " $appdir " /proc/self/mounts; then fail "$appdir is still mounted"; fi
[[ ! -e $appdir ]] || fail "the mount point $appdir is still there"
trap - EXIT
