#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quit quits: from the File menu and from the tray's menu, with and without an
# offer waiting for an answer; during a running send Ferry asks first (No
# keeps it running, Yes ends it). Each time the process must end by itself
# and free its port, and the next launch listens again.
source "$(dirname "$0")/lib.sh"

start_desktop tray
start_ferry alice
start_ferry bob
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"
make_sample "$work/samples/one"

# File menu, nothing pending.
quit_from_menu bob
start_ferry bob
readd_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

# File menu with an offer waiting.
send_folder_from_menu alice "$work/samples/one"
wait_for_offer bob >/dev/null
quit_from_menu bob
wait_until 30 "alice's send to fail" history_reaches alice 1 failed
start_ferry bob
readd_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

# Tray menu with an offer waiting.
send_folder_from_menu alice "$work/samples/one"
wait_for_offer bob >/dev/null
quit_from_tray bob
wait_until 30 "alice's send to fail" history_reaches alice 2 failed

# Tray menu, nothing pending.
start_ferry bob
quit_from_tray bob

# During a send (through a slow relay): Ctrl+Q asks; No keeps Ferry going,
# Yes ends it.
start_ferry bob
bob_port=$(port_of "$bob_pid")
"$FERRY_TEST_RELAY" slow 500000 "$bob_port" >"$work/relay.port" &
wait_until 10 "the relay" test -s "$work/relay.port"
readd_peer alice Slow "127.0.0.1:$(cat "$work/relay.port")"
head -c 20000000 /dev/urandom >"$work/samples/big.bin"
mkdir -p "$work/samples/big" && mv "$work/samples/big.bin" "$work/samples/big/"
send_folder_from_menu alice "$work/samples/big"
keys "$(wait_for_offer bob)" Return
wait_until 30 "bytes arriving at bob" part_file_in "$work/bob/received"
keys "$(main_window "$alice_pid")" ctrl+q
wait_until 15 "alice's question" window_of "$alice_pid" '^Quit Ferry\?$'
keys "$(window_of "$alice_pid" '^Quit Ferry\?$')" alt+n
wait_until 15 "the question to close" no_window "$alice_pid" '^Quit Ferry\?$'
kill -0 "$alice_pid" || fail "alice ended although the user said No"
keys "$(main_window "$alice_pid")" ctrl+q
wait_until 15 "alice's question" window_of "$alice_pid" '^Quit Ferry\?$'
keys "$(window_of "$alice_pid" '^Quit Ferry\?$')" alt+y
wait_exit "$alice_pid" 20
log "alice asked during a send, stayed on No, quit on Yes"
# Bob still receives (the relay keeps his side open): he is asked too.
bob_port=$(port_of "$bob_pid")
keys "$(main_window "$bob_pid")" ctrl+q
wait_until 15 "bob's question" window_of "$bob_pid" '^Quit Ferry\?$'
keys "$(window_of "$bob_pid" '^Quit Ferry\?$')" alt+y
wait_exit "$bob_pid" 20
! listens_on_port "$bob_port" || fail "port $bob_port still in use after bob quit"
log "PASS"
