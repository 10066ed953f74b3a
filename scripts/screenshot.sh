#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Takes the docs' screenshots of the desktop app during a real transfer:
# ferry-screenshot under Xvfb, the Linux build (xcb platform plugin) and the
# Windows build under Wine (windows platform plugin). The README's main
# windows go to docs/images/ferry-linux.png and ferry-windows.png; every
# window in light and dark on Linux, and the main window in both on Windows,
# to docs/screenshots/ (docs/appearance.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/build-qt-mingw.sh
scripts/build-openssl-mingw.sh
mkdir -p docs/images docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# PNGs with at most 256 colours: the same pixels for flat widgets, a fraction of the bytes.
shrink() { convert "$1" -colors 256 "PNG8:$2"; }

cmake --preset linux >/dev/null
cmake --build --preset linux --target ferry-screenshot
linux_shot() { xvfb-run -a -s "-screen 0 1280x800x24" build/linux/app/gui/ferry-screenshot "$@"; }
linux_shot docs/images/ferry-linux.png
for scheme in light dark; do
  flag=()
  [[ $scheme == dark ]] && flag=(--dark)
  linux_shot "${flag[@]}" --every-window "$work/linux-$scheme"
  for window in main offer settings settings-advanced add-peer; do
    shrink "$work/linux-$scheme/$window.png" "docs/screenshots/linux-$scheme-$window.png"
  done
done

WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=;mshtml=' wine wineboot --init >/dev/null 2>&1
cmake --preset windows >/dev/null
cmake --build --preset windows --target ferry-screenshot
windows_shot() {
  WINEQT_QPA_PLATFORM=windows xvfb-run -a -s "-screen 0 1280x800x24" \
    build/windows/wine-run.sh build/windows/app/gui/ferry-screenshot.exe "$@"
}
windows_shot "Z:$PWD/docs/images/ferry-windows.png"
for scheme in light dark; do
  flag=()
  [[ $scheme == dark ]] && flag=(--dark)
  windows_shot "${flag[@]}" "Z:$work/windows-$scheme.png"
  shrink "$work/windows-$scheme.png" "docs/screenshots/windows-$scheme-main.png"
done
echo "screenshot: docs/images/ferry-linux.png docs/images/ferry-windows.png docs/screenshots/*.png"
