#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cancel and resume: a send through a slow relay is cancelled from the
# Transfers menu while bytes flow; Resume sends it again, the receiver
# accepts, and the folder arrives whole, the resumed session moving only the
# rest (the engine's resume; here: it arrives whole). A dead peer (its SYNs dropped): the send fails within the connect
# timeout, and Ferry stays usable.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob
"$FERRY_TEST_RELAY" slow 2000000 "$(port_of "$bob_pid")" >"$work/relay.port" &
wait_until 10 "the relay" test -s "$work/relay.port"
add_peer alice Bob "127.0.0.1:$(cat "$work/relay.port")"

mkdir -p "$work/samples/big"
head -c 24000000 /dev/urandom >"$work/samples/big/movie.bin"
send_folder_from_menu alice "$work/samples/big"
keys "$(wait_for_offer bob)" Return
wait_until 30 "bytes arriving at bob" part_file_larger_than "$work/bob/received" 4200000
keys "$(main_window "$alice_pid")" alt+t c
wait_until 30 "the cancelled send in alice's history" history_reaches alice 1 failed
# Bob's side ends once the cancel gets through the relay's backlog; a resume
# before that would find his part file still in use.
wait_until 30 "the cancelled receive in bob's history" history_reaches bob 1 failed
part_file_in "$work/bob/received" || fail "bob did not keep what arrived before the cancel"
log "cancelled; bob keeps the part that arrived"

keys "$(main_window "$alice_pid")" alt+t r
keys "$(wait_for_offer bob)" Return
wait_until 60 "the folder at bob" same_tree "$work/samples/big" "$work/bob/received/big"
wait_until 30 "the resumed send in alice's history" history_reaches alice 1 ok
log "resumed: the folder arrived whole"

# A dead peer: the send fails by itself in the connect timeout (10 s).
"$FERRY_TEST_RELAY" dead >"$work/dead.port" &
wait_until 10 "the dead peer" test -s "$work/dead.port"
readd_peer alice Dead "127.0.0.1:$(cat "$work/dead.port")"
mkdir -p "$work/samples/small" && echo hello >"$work/samples/small/a.txt"
start=$(date +%s)
send_folder_from_menu alice "$work/samples/small"
wait_until 40 "the send to the dead peer to fail" history_reaches alice 2 failed
grep -q "did not answer" "$(history_file alice)" || fail "the failure does not say the peer did not answer"
log "the dead peer failed after $(($(date +%s) - start)) s, in words"
quit_with_keys alice
quit_with_keys bob
log "PASS"
