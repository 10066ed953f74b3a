#!/usr/bin/env bash
# Installs what is missing, builds with the linux preset and runs every test;
# then cross-builds ferry-cli.exe (windows-cli preset, mingw-w64, no Qt) and
# runs it under Wine against the Linux ferry-cli, both ways, every strategy.
# The Windows Qt Test executables need Qt for mingw: scripts/test-windows.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset linux
cmake --build --preset linux
ctest --preset linux

# Creates the Wine prefix now, so its one-time setup is not part of a test's
# time; without Mono and Gecko, which Wine would otherwise offer to download.
WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=;mshtml=' wine wineboot --init >/dev/null 2>&1
cmake --preset windows-cli -DFERRY_LINUX_CLI="$PWD/build/linux/app/cli/ferry-cli"
cmake --build --preset windows-cli
ctest --preset windows-cli
