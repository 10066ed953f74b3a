#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Choosing what to receive: alice sends a folder; in bob's offer dialog the
# tree gets the keyboard by its access key (Alt+F), typing "sub" goes to the
# subfolder, Space unticks it and Enter accepts the rest. The folder arrives
# without sub/, and alice's history says its two files were skipped by the
# receiver, not failed.
source "$(dirname "$0")/lib.sh"

start_desktop
start_ferry alice
start_ferry bob
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

sample=$work/samples/pick
make_sample "$sample"  # photo.jpg, sub/notes.txt, sub/video.bin, sub/empty/
send_folder_from_menu alice "$sample"
offer=$(wait_for_offer bob)
keys "$offer" alt+f
type_text "$offer" sub
keys "$offer" space Return
wait_until 15 "the offer dialog to close" no_window "$bob_pid" '^Incoming files'
wait_until 30 "alice's send to end" history_reaches alice 1
wait_until 30 "the photo at bob" cmp -s "$sample/photo.jpg" "$work/bob/received/pick/photo.jpg"
[[ ! -e $work/bob/received/pick/sub ]] || fail "bob received the subfolder he unticked: $(find "$work/bob/received/pick/sub")"
history_reaches alice 1 ok || fail "alice's send did not succeed"
grep -q '"filesSkipped": *2' "$(history_file alice)" || fail "alice's history does not say 2 files were skipped"
grep -q '"filesFailed": *0' "$(history_file alice)" || fail "alice's history counts failed files"
log "sub/ unticked with the keyboard: the photo arrived, sub/ did not, alice counts 2 skipped"

quit_with_keys alice
quit_with_keys bob
log "PASS"
