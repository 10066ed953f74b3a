#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Remove Peer while a send to that peer waits for its answer is refused,
# with a message saying why; the peer stays saved. Once the send has ended
# (declined), Remove Peer removes it.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob
bob_port=$(port_of "$bob_pid")
add_peer alice Bob "127.0.0.1:$bob_port"
make_sample "$work/samples/one"

send_folder_from_menu alice "$work/samples/one"
offer=$(wait_for_offer bob)

keys "$(main_window "$alice_pid")" alt+f r
wait_until 15 "alice's refusal to remove Bob" window_of "$alice_pid" '^Remove Peer$'
peer_saved alice "$bob_port" || fail "Bob was removed while a send to him was pending"
keys "$(window_of "$alice_pid" '^Remove Peer$')" Return
wait_until 15 "the refusal to close" no_window "$alice_pid" '^Remove Peer$'
log "Remove Peer refused while the offer waits"

keys "$offer" alt+d
wait_until 30 "alice's send to be declined" history_reaches alice 1 failed
keys "$(main_window "$alice_pid")" alt+f r
wait_until 30 "Bob removed" no_peer_saved alice
no_window "$alice_pid" '^Remove Peer$' || fail "Remove Peer was refused with no send pending"
log "Remove Peer removed Bob once the send ended"

quit_with_keys alice
quit_with_keys bob
log "PASS"
