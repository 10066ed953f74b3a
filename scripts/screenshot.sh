#!/usr/bin/env bash
# Takes the README's screenshots of the desktop app during a real transfer:
# ferry-screenshot under Xvfb, the Linux build (xcb platform plugin) into
# docs/images/ferry-linux.png and the Windows build under Wine (windows
# platform plugin) into docs/images/ferry-windows.png.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/build-qt-mingw.sh
scripts/build-openssl-mingw.sh
mkdir -p docs/images

cmake --preset linux >/dev/null
cmake --build --preset linux --target ferry-screenshot
xvfb-run -a -s "-screen 0 1280x800x24" build/linux/app/gui/ferry-screenshot docs/images/ferry-linux.png

WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=;mshtml=' wine wineboot --init >/dev/null 2>&1
cmake --preset windows >/dev/null
cmake --build --preset windows --target ferry-screenshot
WINEQT_QPA_PLATFORM=windows xvfb-run -a -s "-screen 0 1280x800x24" \
  build/windows/wine-run.sh build/windows/app/gui/ferry-screenshot.exe "Z:$PWD/docs/images/ferry-windows.png"
echo "screenshot: docs/images/ferry-linux.png docs/images/ferry-windows.png"
