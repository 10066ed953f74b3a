#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The window speaks the language chosen in Settings (issue 17 item 8): a
# Ferry set to German and one set to Simplified Chinese, each started for
# real, open their settings through their translated File menu (the access
# keys of the translation: Alt+D, S and Alt+F, S) and the dialog's title is
# the translated one.
source "$(dirname "$0")/lib.sh"

start_desktop

# open_settings NAME KEY TITLE: File menu by KEY, then Settings (S); waits
# for the window titled TITLE and closes it with Escape.
open_settings() {
  local pid_var=${1}_pid window dialog
  window=$(main_window "${!pid_var}")
  keys "$window" "$2" s
  wait_until 30 "$1's settings titled $3" window_of "${!pid_var}" "^$3\$"
  dialog=$(window_of "${!pid_var}" "^$3\$")
  keys "$dialog" Escape
  wait_until 15 "$1's settings to close" no_window "${!pid_var}" "^$3\$"
  log "$1: File menu by $2, settings titled $3"
}

make_instance hans
set_language hans de
start_ferry hans
open_settings hans alt+d 'Ferry-Einstellungen'

make_instance li
set_language li zh_CN
start_ferry li
open_settings li alt+f 'Ferry 设置'
log "both Ferrys speak their language"
