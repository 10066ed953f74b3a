#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds both installers into one folder (default: dist/):
#   Ferry-<version>-x86_64.AppImage  from the linux preset's build
#   Ferry-<version>-x64.msi          from the windows preset's (mingw) build
# Installs what is missing and builds Qt and OpenSSL for mingw the first
# time, like scripts/test.sh. The packages' own tests:
# ctest --preset linux -L packaging, ctest --preset windows -L packaging.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out_dir=$(realpath -m "${1:-dist}")
scripts/install-deps.sh
scripts/build-qt-mingw.sh
scripts/build-openssl-mingw.sh

cmake --preset linux
cmake --build --preset linux --target ferry ferry-cli appimage-runtime
installer/linux/build-appimage.sh build/linux "$out_dir"

cmake --preset windows
cmake --build --preset windows --target ferry ferry-cli
installer/windows/build-msi.sh build/windows "$out_dir"

echo "package: $(ls "$out_dir"/Ferry-*)"
