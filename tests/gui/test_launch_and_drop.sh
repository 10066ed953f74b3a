#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A second launch and files from elsewhere. A second `ferry` of the same user
# does not open a second app: it brings the running window back (here from
# minimized) and ends; given files (`ferry FILE…`, what "Open with Ferry"
# runs), the running Ferry asks to which peer to send them. A folder dragged
# from another program (a real XDND drag source) and dropped on a peer is
# sent to it.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"
alice_port=$(port_of "$alice_pid")

# Second launch, no files: the minimized window comes back; no second app.
xdotool windowminimize --sync "$(main_window "$alice_pid")"
wait_until 10 "alice minimized" no_window "$alice_pid" '^Ferry$'
run_ferry alice
second=$last_ferry_pid
wait_exit "$second" 20
wait_until 10 "alice's window back" main_window "$alice_pid"
[[ $(port_of "$alice_pid") == "$alice_port" ]] || fail "alice stopped listening on $alice_port"
log "a second launch brought the window back and ended"

# Second launch with a folder: the running Ferry asks for the peer.
make_sample "$work/samples/opened"
run_ferry alice "$(app_path "$work/samples/opened")"
second=$last_ferry_pid
wait_exit "$second" 20
wait_until 15 "the peer question" window_of "$alice_pid" '^Send to$'
keys "$(window_of "$alice_pid" '^Send to$')" Return
keys "$(wait_for_offer bob)" Return
wait_until 30 "the opened folder at bob" same_tree "$work/samples/opened" "$work/bob/received/opened"
log "files given to a second launch were sent by the first"

# Drag and drop from another program onto the peer row.
make_sample "$work/samples/dragged"
target=$(main_window "$alice_pid")
xdotool windowmove --sync "$target" 300 200
read -r rx ry < <(peer_row_centre "$target")
drag_folder "$work/samples/dragged" "$rx" "$ry"
keys "$(wait_for_offer bob)" Return
wait_until 30 "the dragged folder at bob" same_tree "$work/samples/dragged" "$work/bob/received/dragged"
log "a folder dragged from another program was sent"

quit_with_keys alice
quit_with_keys bob
log "PASS"
