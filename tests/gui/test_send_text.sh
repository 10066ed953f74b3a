#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A text through the clipboard, by keyboard: another program puts a text on
# the X clipboard; in alice's Ferry, Ctrl+T opens Send Text… for the peer,
# filled from the clipboard, and Alt+S sends it; bob accepts with Enter. The
# histories keep the rows but not the text on disk, and in bob's (Alt+Y:
# the History tab, the keyboard in it) Enter on the row puts the text on the
# clipboard for other programs.
source "$(dirname "$0")/lib.sh"

clipboard() { "$FERRY_CLIPBOARD" "$@"; }
clipboard_is() { [[ $(clipboard get) == "$1" ]]; }

start_desktop
start_ferry alice
start_ferry bob
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

text="Grüße from alice, 你好: code $RANDOM$RANDOM"
clipboard set "$text" >"$work/clipboard.log" 2>&1 &
wait_until 15 "the text on the clipboard" clipboard_is "$text"

keys "$(main_window "$alice_pid")" ctrl+t
wait_until 15 "the Send Text dialog" window_of "$alice_pid" '^Send Text to Bob$'
keys "$(window_of "$alice_pid" '^Send Text to Bob$')" alt+s
wait_until 15 "the Send Text dialog to close" no_window "$alice_pid" '^Send Text to'

offer=$(wait_for_offer bob)
keys "$offer" Return
wait_until 15 "the offer dialog to close" no_window "$bob_pid" '^Incoming text'
wait_until 30 "alice's send in her history" history_reaches alice 1 ok
wait_until 30 "bob's receive in his history" history_reaches bob 1 ok
for name in alice bob; do
  grep -q "\"textCharacters\":[1-9]" "$(history_file "$name")" || fail "$name's history has no text row"
  ! grep -qF "code ${text##*code }" "$(history_file "$name")" || fail "the text was written to $name's history file"
done
[[ -z $(ls -A "$work/bob/received") ]] || fail "the text left a file in bob's receive folder"
log "the text was sent and accepted; on disk only its length"

clipboard set "something else" >>"$work/clipboard.log" 2>&1 &
wait_until 15 "the clipboard to change" clipboard_is "something else"
keys "$(main_window "$bob_pid")" alt+y Return
wait_until 15 "bob's copy of the text on the clipboard" clipboard_is "$text"
log "Enter on bob's history row put the text on the clipboard"

quit_with_keys alice
quit_with_keys bob
log "PASS"
