#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds with the linux preset, checks the style
# and lints the engine (scripts/check-style.sh), checks that every string of
# the desktop app is translated (scripts/check-translations.sh) and runs
# every test, then
# builds the engine, ferry-cli and the core, platform and end-to-end tests
# under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset) and under
# ThreadSanitizer (tsan preset) and runs those tests with each, then fuzzes
# the protocol codec for 40 s (scripts/fuzz.sh); then the Windows
# build (mingw-w64 cross build with Qt for mingw, built into its cache folder
# the first time) and its tests under Wine, the desktop app's included, and
# the Linux ferry-cli <-> ferry-cli.exe interop test: scripts/test-windows.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Each phase's end, in minutes since the start: CI's figures come from here.
mark() { printf 'test.sh: %s done after %dm%02ds\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }

scripts/install-deps.sh
mark "installing dependencies"
cmake --preset linux
cmake --build --preset linux
mark "linux build"
scripts/check-style.sh
scripts/check-translations.sh
mark "style (clang-format, clang-tidy) and translations"
ctest --preset linux
mark "linux tests"
# Only what the sanitizers add something to: no desktop app, GUI or VM tests.
for sanitizer in asan tsan; do
  cmake --preset "$sanitizer"
  cmake --build --preset "$sanitizer"
  ctest --preset "$sanitizer"
  mark "$sanitizer build and tests"
done
# The protocol codec under libFuzzer, briefly (about a minute with its build);
# scripts/fuzz.sh alone runs it for longer.
scripts/fuzz.sh 40
mark "fuzzing"

FERRY_LINUX_CLI="$PWD/build/linux/app/cli/ferry-cli" scripts/test-windows.sh
mark "windows build and tests"
