#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Inside an X session (xvfb-run): starts COMMAND, waits until a window titled
# TITLE is viewable and the screen shows a drawing (at least 16 colours; an
# empty Xvfb screen has one or two), saves the screen as OUT.png and ends
# COMMAND. Fails when COMMAND exits first or after 90 s.
#   window-shot.sh TITLE OUT.png COMMAND...
set -euo pipefail

title=$1
out=$2
shift 2
"$@" &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT

viewable() {  # the first viewable window titled $title, if any
  local window
  for window in $(xwininfo -root -tree | sed -nE "s/^ *(0x[0-9a-f]+) \"$title\": .*/\1/p"); do
    if xwininfo -id "$window" | grep -q 'Map State: IsViewable'; then
      echo "$window"
      return
    fi
  done
}

colours=0
for _ in $(seq 90); do
  sleep 1
  if ! kill -0 "$app" 2>/dev/null; then
    echo "window-shot: $1 exited before drawing a window" >&2
    exit 1
  fi
  window=$(viewable)
  [[ -n $window ]] || continue
  import -window root "$out"
  colours=$(identify -format %k "$out")
  if ((colours >= 16)); then
    echo "window-shot: window $window \"$title\" drawn, $colours colours on screen"
    exit 0
  fi
done
echo "window-shot: no window \"$title\" drawn within 90 s (last screen: $colours colours); the windows:" >&2
xwininfo -root -tree | grep -v '(has no name)' >&2
exit 1
