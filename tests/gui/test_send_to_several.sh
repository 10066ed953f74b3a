#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One drop to two devices. Alice knows Bob and Carol; she selects both (a
# click, then Ctrl+A) and drags a folder from another program onto the
# selection once: Bob and Carol each get their own offer, accept it, and
# receive the whole folder; alice's history has one row per recipient. Then
# the selection is kept as a group (File → Save Selection as Group…), and
# the group, reached by Tab and sent to with Enter and the file dialog,
# sends again to both.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob
start_ferry carol
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"
add_peer alice Carol "127.0.0.1:$(port_of "$carol_pid")"

window=$(main_window "$alice_pid")
xdotool windowmove --sync "$window" 300 200
read -r rx ry < <(peer_row_centre "$window")
focus "$window"
xdotool mousemove --sync "$rx" "$ry" click 1
keys "$window" ctrl+a

make_sample "$work/samples/shared"
drag_folder "$work/samples/shared" "$rx" "$ry"
keys "$(wait_for_offer bob)" Return
keys "$(wait_for_offer carol)" Return
wait_until 60 "the folder at bob" same_tree "$work/samples/shared" "$work/bob/received/shared"
wait_until 60 "the folder at carol" same_tree "$work/samples/shared" "$work/carol/received/shared"
wait_until 30 "two sends in alice's history" history_reaches alice 2 ok
(($(history_count alice) == 2)) || fail "alice's history has $(history_count alice) rows, not 2"
log "one drop reached both, one history row each"

# The selection as a group named Team.
keys "$window" alt+f g
wait_until 15 "the group name dialog" window_of "$alice_pid" '^Save Selection as Group$'
dialog=$(window_of "$alice_pid" '^Save Selection as Group$')
type_text "$dialog" Team
keys "$dialog" Return
wait_until 15 "the group name dialog to close" no_window "$alice_pid" '^Save Selection as Group$'

# From the peer list, Tab reaches the groups; Enter opens the file dialog.
focus "$window"
xdotool mousemove --sync "$rx" "$ry" click 1
keys "$window" Tab Return
wait_until 15 "the file dialog for the group" window_of "$alice_pid" '^Send Files to Team$'
dialog=$(window_of "$alice_pid" '^Send Files to Team$')
echo "for the team" >"$work/samples/team.txt"
keys "$dialog" ctrl+a
type_text "$dialog" "$(app_path "$work/samples")"
keys "$dialog" Return
keys "$dialog" ctrl+a
type_text "$dialog" '"team.txt"'
keys "$dialog" Return
wait_until 15 "the file dialog to close" no_window "$alice_pid" '^Send Files to Team$'
keys "$(wait_for_offer bob)" Return
keys "$(wait_for_offer carol)" Return
wait_until 60 "team.txt at bob" cmp -s "$work/samples/team.txt" "$work/bob/received/team.txt"
wait_until 60 "team.txt at carol" cmp -s "$work/samples/team.txt" "$work/carol/received/team.txt"
wait_until 30 "four sends in alice's history" history_reaches alice 4 ok
log "the group sent to both"

quit_with_keys alice
quit_with_keys bob
quit_with_keys carol
log "PASS"
