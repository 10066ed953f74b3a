# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Assertions over what the VM run left behind. Sourced by ktls-vm.sh.
#
#   check DESCRIPTION COMMAND...   PASS or FAIL line; failures counted in
#                                  check_failures
#   session_mode JSON_FILE         the mode of the session_started event
#   file_strategies JSON_FILE      the strategies of the file_done events,
#                                  sorted and unique, one line
#   same_trees EXPECTED ACTUAL     two manifests, equal and not empty
#   ktls_sends STRACE_LOG KEY      a value from lib/ktls-sends.awk

check_failures=0

check() {
  local description=$1
  shift
  if "$@"; then
    echo "PASS: $description"
  else
    echo "FAIL: $description"
    check_failures=$((check_failures + 1))
  fi
}

json_values() {  # FILE TYPE FIELD
  grep "\"type\":\"$2\"" "$1" 2>/dev/null | sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"
}

session_mode() { json_values "$1" session_started mode | head -n 1; }

file_strategies() { json_values "$1" file_done strategy | sort -u | paste -sd ' ' -; }

same_trees() {
  [[ -s $1 ]] && cmp -s "$1" "$2"
}

ktls_sends() {
  awk -f "$(dirname "${BASH_SOURCE[0]}")/ktls-sends.awk" "$1" 2>/dev/null | sed -n "s/^$2 //p"
}

equals() { [[ $1 == "$2" ]]; }
at_least() { [[ -n $1 && -n $2 ]] && (($1 >= $2)); }
status_ok() { [[ -f $1 && $(cat "$1") == 0 ]]; }
