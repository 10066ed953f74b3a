#!/usr/bin/env bash
# Installs what is missing, builds with the linux preset and runs every test,
# then builds the engine, ferry-cli and the core, platform and end-to-end tests
# under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset) and under
# ThreadSanitizer (tsan preset) and runs those tests with each, then fuzzes
# the protocol codec for 40 s (scripts/fuzz.sh); then the Windows
# build (mingw-w64 cross build with Qt for mingw, built into its cache folder
# the first time) and its tests under Wine, the desktop app's included, and
# the Linux ferry-cli <-> ferry-cli.exe interop test: scripts/test-windows.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset linux
cmake --build --preset linux
ctest --preset linux
# Only what the sanitizers add something to: no desktop app, GUI or VM tests.
for sanitizer in asan tsan; do
  cmake --preset "$sanitizer"
  cmake --build --preset "$sanitizer"
  ctest --preset "$sanitizer"
done
# The protocol codec under libFuzzer, briefly (about a minute with its build);
# scripts/fuzz.sh alone runs it for longer.
scripts/fuzz.sh 40

FERRY_LINUX_CLI="$PWD/build/linux/app/cli/ferry-cli" scripts/test-windows.sh
