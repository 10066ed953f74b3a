#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# ctest's emulator for the Windows test executables:
#   run-qt-test.sh WINE_RUN TEST.exe [ARGS...]
# Qt Test output written to a pipe is lost under Wine, so the test writes its
# log to a file, printed here afterwards; the exit status is the test's.
# Wine cannot create symbolic links, so a Unix one is made here for the tests
# that need one: $FERRY_WINE_LINK_FIXTURE\receive\link -> ..\outside.
wine_run=$1
test_exe=$2
shift 2
log="$(basename "$test_exe" .exe)-wine-log.txt"
rm -f "$log"
fixture=$(mktemp -d)
trap 'rm -rf "$fixture"' EXIT
mkdir "$fixture/receive" "$fixture/outside"
ln -s ../outside "$fixture/receive/link"
FERRY_WINE_LINK_FIXTURE="Z:$(printf '%s' "$fixture" | tr / '\\')"
export FERRY_WINE_LINK_FIXTURE
"$wine_run" "$test_exe" "$@" -o "$log,txt"
status=$?
cat "$log" 2>/dev/null || echo "run-qt-test: $test_exe wrote no log (exit status $status)"
exit "$status"
