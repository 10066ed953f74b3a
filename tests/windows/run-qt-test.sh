#!/bin/sh
# ctest's emulator for the Windows test executables:
#   run-qt-test.sh WINE_RUN TEST.exe [ARGS...]
# Qt Test output written to a pipe is lost under Wine, so the test writes its
# log to a file, printed here afterwards; the exit status is the test's.
wine_run=$1
test_exe=$2
shift 2
log="$(basename "$test_exe" .exe)-wine-log.txt"
rm -f "$log"
"$wine_run" "$test_exe" "$@" -o "$log,txt"
status=$?
cat "$log" 2>/dev/null || echo "run-qt-test: $test_exe wrote no log (exit status $status)"
exit "$status"
