#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# First start, a peer added by address, a folder sent from the menu, and the
# incoming-offer dialog answered every way a user can: Enter (Accept), Alt+D
# (Decline), Escape, Alt+F4, the title bar's close button, and no answer until
# it times out. Each time the dialog must be gone and the files there (or not).
source "$(dirname "$0")/lib.sh"

export FERRY_OFFER_TIMEOUT=4
start_desktop
start_ferry alice
start_ferry bob
bob_port=$(port_of "$bob_pid")

# First start: an identity of its own, the receive folder made.
[[ -s $(identity_file alice) ]] || fail "alice has no identity file"
[[ -d $work/bob/received ]] || fail "bob's receive folder was not made"

add_peer alice Bob "127.0.0.1:$bob_port"

for answer in accept decline escape alt_f4 close_button timeout; do
  sample=$work/samples/$answer
  make_sample "$sample"
  sent_before=$(history_count alice)
  failed_before=$(history_count alice failed)
  send_folder_from_menu alice "$sample"
  offer=$(wait_for_offer bob)
  case $answer in
    accept) keys "$offer" Return ;;
    decline) keys "$offer" alt+d ;;
    escape) keys "$offer" Escape ;;
    alt_f4) keys "$offer" alt+F4 ;;
    close_button) click_close_button "$offer" ;;
    timeout) ;;  # nobody answers: declined after FERRY_OFFER_TIMEOUT s
  esac
  wait_until 15 "the offer dialog to close after $answer" no_window "$bob_pid" '^Incoming files'
  wait_until 30 "alice's send to end ($answer)" history_reaches alice $((sent_before + 1))
  if [[ $answer == accept ]]; then
    wait_until 30 "the files at bob" same_tree "$sample" "$work/bob/received/$answer"
  else
    [[ ! -e $work/bob/received/$answer ]] || fail "bob received the folder he declined ($answer)"
    history_reaches alice $((failed_before + 1)) failed || fail "alice's send was not refused ($answer)"
  fi
  log "$answer: the dialog closed; the files are $([[ $answer == accept ]] && echo there || echo not there)"
done

# Both still answer: the main windows are up, Ctrl+Q quits both.
quit_with_keys alice
quit_with_keys bob
log "PASS"
