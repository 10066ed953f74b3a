#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The window speaks the language chosen in Settings (issue 17 item 8): a
# Ferry set to German and one set to Simplified Chinese, each started for
# real, open their settings through their translated File menu (the access
# keys of the translation: Alt+D, S and Alt+F, S) and the dialog's title is
# the translated one. A Ferry in English switched to German in its Settings
# (key presses on the language box, Enter for OK) speaks German at once: its
# File menu opens with the German access keys and, on Linux, its tray menu
# quits with the German one (Wine's tray is not reliable enough, see
# CMakeLists.txt).
source "$(dirname "$0")/lib.sh"

if [[ -n ${FERRY_GUI_WINE_RUN-} ]]; then start_desktop; else start_desktop tray; fi

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

make_instance ann
set_language ann en
start_ferry ann
keys "$(main_window "$ann_pid")" alt+f s
wait_until 30 "ann's settings in English" window_of "$ann_pid" '^Ferry Settings$'
# Alt+L: the language box; Down: from English to Deutsch; Enter: OK.
keys "$(window_of "$ann_pid" '^Ferry Settings$')" alt+l Down Return
wait_until 15 "ann's settings to close" no_window "$ann_pid" '^Ferry Settings$'
open_settings ann alt+d 'Ferry-Einstellungen'
log "ann switched to German without a restart"
if [[ -z ${FERRY_GUI_WINE_RUN-} ]]; then
  quit_from_tray ann b  # &Beenden
fi
