#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The accessible names are really exposed, and work: with a session D-Bus
# and Qt's AT-SPI bridge on, alice's peer list is found on the accessibility
# bus by its name "Peers" and lists both peers added by address; a cell's
# action toggles its row in the selection (the list selects several), so
# Carol's takes her row out and Bob's puts his in, and the toolbar's "Send
# Files…" pressed through AT-SPI opens the file dialog for Bob. At bob, the
# offer dialog's "Accept" button is found by its name and pressed through
# AT-SPI, and the file arrives.
source "$(dirname "$0")/lib.sh"

: "${FERRY_ATSPI_PYTHON:=/usr/bin/python3}"  # Debian's, with python3-gi
atspi() { timeout -k 2 20 "$FERRY_ATSPI_PYTHON" "$(dirname "$0")/atspi.py" "$@"; }
peer_listed() { atspi "$1" children Peers | grep -x "$2" >/dev/null; }

start_desktop
# A session bus of this test's own, on this test's display: AT-SPI's bus
# launcher is started from it.
dbus-daemon --session --nofork --print-address=3 3>"$work/bus.address" 2>"$work/bus.log" &
wait_until 20 "the session bus" test -s "$work/bus.address"
DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$work/bus.address")
export DBUS_SESSION_BUS_ADDRESS QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
start_ferry alice
start_ferry bob
# Carol first: she is the selected row until AT-SPI deselects her.
add_peer alice Carol "127.0.0.1:9"
add_peer alice Bob "127.0.0.1:$(port_of "$bob_pid")"

wait_until 30 "alice's peer list on the accessibility bus" atspi "$alice_pid" find Peers
wait_until 15 "Bob in alice's peer list, read through AT-SPI" peer_listed "$alice_pid" Bob
peer_listed "$alice_pid" Carol || fail "Carol is not in alice's peer list on AT-SPI"
atspi "$alice_pid" press Carol "table cell" || fail "AT-SPI could not deselect Carol's row"
atspi "$alice_pid" press Bob "table cell" || fail "AT-SPI could not select Bob's row"
# Not waited for: the button opens a modal file dialog, and Qt answers the
# press only once that dialog is closed.
atspi "$alice_pid" press "Send Files…" "push button" >"$work/press.log" 2>&1 &
wait_until 15 "the file dialog for Bob" window_of "$alice_pid" '^Send Files to Bob'
log "Bob selected in the peer list and Send Files… pressed, both through AT-SPI"

dialog=$(window_of "$alice_pid" '^Send Files to Bob')
echo "found through AT-SPI" >"$work/note.txt"
keys "$dialog" ctrl+a
type_text "$dialog" "$work/note.txt"
keys "$dialog" Return
wait_until 15 "the file dialog to close" no_window "$alice_pid" '^Send Files to'

wait_for_offer bob >/dev/null
wait_until 30 "the offer's Accept button on the accessibility bus" atspi "$bob_pid" find Accept "push button"
atspi "$bob_pid" press Accept "push button" || fail "AT-SPI could not press Accept"
wait_until 15 "the offer dialog to close" no_window "$bob_pid" '^Incoming files'
wait_until 60 "the file at bob" cmp -s "$work/note.txt" "$work/bob/received/note.txt"
log "Accept found and pressed through AT-SPI; the file arrived"

quit_with_keys alice
quit_with_keys bob
log "PASS"
