#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole send and receive flow by keyboard alone, no pointer: a peer added
# by address (Ctrl+N), two files chosen through File → Send Files… and its
# file dialog, the offer accepted with its access key (Alt+A, which the
# "Always accept" box no longer shares), the files on disk and identical to
# the sent ones, then both Ferrys quit by keyboard (File → Quit, Ctrl+Q) and
# their processes end.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob

add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

samples=$work/samples
mkdir -p "$samples"
head -c 5000000 /dev/urandom >"$samples/movie.bin"
echo "keyboard only" >"$samples/notes.txt"
send_files_from_menu alice "$samples" movie.bin notes.txt

offer=$(wait_for_offer bob)
keys "$offer" alt+a
wait_until 15 "the offer dialog to close" no_window "$bob_pid" '^Incoming files'
for name in movie.bin notes.txt; do
  wait_until 60 "$name at bob" cmp -s "$samples/$name" "$work/bob/received/$name"
done
wait_until 30 "alice's send in her history" history_reaches alice 1 ok
wait_until 30 "bob's receive in his history" history_reaches bob 1 ok
! part_file_in "$work/bob/received" || fail "a part file was left at bob"
log "both files arrived, byte for byte"

quit_from_menu alice
quit_with_keys bob
log "PASS"
