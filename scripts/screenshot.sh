#!/usr/bin/env bash
# Takes the README's screenshot of the desktop app during a real transfer:
# builds, then runs ferry-screenshot under Xvfb (a real X server, the xcb
# platform plugin) and writes docs/images/ferry-linux.png.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset linux >/dev/null
cmake --build --preset linux --target ferry-screenshot
mkdir -p docs/images
xvfb-run -a -s "-screen 0 1280x800x24" build/linux/app/gui/ferry-screenshot docs/images/ferry-linux.png
echo "screenshot: docs/images/ferry-linux.png"
