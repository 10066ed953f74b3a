#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds Ferry for Windows (mingw-w64 cross build, "windows" preset) and runs
# its tests under Wine: installs what is missing, builds Qt and OpenSSL for
# mingw into their cache folders when absent (scripts/build-qt-mingw.sh,
# scripts/build-openssl-mingw.sh), then configures, builds and runs ctest.
# The interop test talks to the Linux ferry-cli, and the desktop app's GUI
# tests use two host helpers (tests/gui: a slow relay, a drag source): the
# linux preset's by default (build it first), or $FERRY_LINUX_CLI,
# $FERRY_LINUX_TEST_RELAY and $FERRY_LINUX_DRAG_SOURCE.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/build-qt-mingw.sh
scripts/build-openssl-mingw.sh

linux_cli=${FERRY_LINUX_CLI:-$PWD/build/linux/app/cli/ferry-cli}
linux_relay=${FERRY_LINUX_TEST_RELAY:-$PWD/build/linux/tests/gui/ferry-test-relay}
linux_drag_source=${FERRY_LINUX_DRAG_SOURCE:-$PWD/build/linux/tests/gui/ferry-drag-source}
for program in "$linux_cli" "$linux_relay" "$linux_drag_source"; do
  if [[ ! -x $program ]]; then
    echo "test-windows: $program is missing: build the linux preset first" >&2
    exit 1
  fi
done

# Creates the Wine prefix now, so its one-time setup is not part of a test's
# time; without Mono and Gecko, which Wine would otherwise offer to download.
WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=;mshtml=' wine wineboot --init >/dev/null 2>&1

cmake --preset windows -DFERRY_LINUX_CLI="$linux_cli" -DFERRY_LINUX_TEST_RELAY="$linux_relay" \
  -DFERRY_LINUX_DRAG_SOURCE="$linux_drag_source"
cmake --build --preset windows
ctest --preset windows
