#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds OUT_DIR/Ferry-<version>-x64.msi from a configured and built
# windows-preset tree. The tree is installed (stripped) into
# BUILD_DIR/installer/windows/msi-stage; its bin/ folder becomes
# Program Files\Ferry, joined by the Qt plugins the app loads at run time, the
# DLLs the executables and plugins import (dll-closure.sh, from the Qt and
# mingw runtime folders) and a qt.conf; wixl-heat lists those files, wixl
# builds the package and msi-ui.sh adds its dialogs. The version is the
# project's unless --version says.
#   build-msi.sh BUILD_DIR OUT_DIR [--version X.Y.Z]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
  echo "usage: build-msi.sh BUILD_DIR OUT_DIR [--version X.Y.Z]" >&2
  exit 2
}
(($# == 2 || $# == 4)) || usage
build=$(realpath "$1")
out=$2
version=""
if (($# == 4)); then
  [[ $3 == --version && $4 =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage
  version=$4
fi

# What CMake knows about this build (installer/windows/CMakeLists.txt).
config=$build/installer/windows/msi-config.txt
if [[ ! -f $config ]]; then
  echo "build-msi: $config is missing: configure BUILD_DIR with the windows preset" >&2
  exit 1
fi
declare -A cfg=()
while IFS='=' read -r key value; do cfg[$key]=$value; done <"$config"
version=${version:-${cfg[version]}}

stage=$build/installer/windows/msi-stage
root=$stage/bin
rm -rf "$stage"
cmake --install "$build" --prefix "$stage" --strip >/dev/null
for extra in "$stage"/*; do
  [[ $extra == "$root" ]] || echo "build-msi: not packaged (not for Windows): ${extra#"$stage"/}"
done

# Plugins are loaded by name at run time, so no import table lists them.
IFS=';' read -r -a plugins <<<"${cfg[qt_plugins]}"
for plugin in "${plugins[@]}"; do  # e.g. platforms/qwindows.dll, next to the executables
  category=$(basename "$(dirname "$plugin")")
  mkdir -p "$root/$category"
  cp "$plugin" "$root/$category/"
done
# Qt would also look for plugins under the folder above its DLLs
# (C:\Program Files\plugins): only the install's own are to be loaded.
printf '[Paths]\nPrefix = .\nPlugins = .\n' >"$root/qt.conf"

# The mingw runtime lives in the compiler's library folders.
runtime_dirs=$("${cfg[cxx]}" -print-search-dirs | sed -n 's/^libraries: =//p')
mapfile -t binaries < <(find "$root" -iname '*.exe' -o -iname '*.dll')
closure=$("$here/dll-closure.sh" "${cfg[objdump]}" "${cfg[qt_bin]}:$runtime_dirs" "${binaries[@]}")
mapfile -t dlls <<<"$closure"
cp "${dlls[@]}" "$root/"
chmod -R u+w "$root"
find "$root" -iname '*.dll' -exec "${cfg[strip]}" --strip-unneeded {} +

# Ferry's licence, and the notices of what is built in or shipped: Qt and
# OpenSSL are built from Debian's source packages (their copyright files are
# those of Debian's own builds), the mingw runtime DLLs are Debian's.
cp "$here/../../LICENSE" "$root/LICENSE.txt"
notices=("Qt 6 (built for Windows from Debian's qt6-base source)=libqt6core6"
  "OpenSSL (built for Windows from Debian's openssl source)=libssl3"
  Boost=/usr/include/boost/version.hpp:BSL-1.0 spdlog=/usr/include/spdlog/spdlog.h fmt=/usr/include/fmt/format.h
  xxHash=/usr/include/xxhash.h)
for dll in "${dlls[@]}"; do
  dll=$(realpath "$dll")
  if dpkg -S "$dll" >/dev/null 2>&1; then notices+=("${dll##*/}=$dll"); fi
done
"$here/../third-party-notices.sh" "$root/THIRD-PARTY-NOTICES.txt" "${notices[@]}"

mkdir -p "$out"
msi=$(realpath "$out")/Ferry-$version-x64.msi
wxs=$build/installer/windows/files.wxs
find "$root" -type f | LC_ALL=C sort |
  wixl-heat -p "$root/" --var var.SourceDir --directory-ref INSTALLDIR --component-group FerryFiles --win64 >"$wxs"
# wixl finds sources only by paths relative to where it runs.
(cd "$root" && wixl --arch x64 -I "$here" -D Version="$version" -D SourceDir=. -D Win64=yes \
  -D TcpPort="${cfg[tcp_port]}" -D UdpPort="${cfg[udp_port]}" -o "$msi" "$here/ferry.wxs" "$wxs")
# wixl builds no dialogs: msi-ui.sh adds them (the licence page, progress, finish).
"$here/msi-ui.sh" "$msi" "$here/../../LICENSE"
echo "build-msi: $msi ($(find "$root" -type f | wc -l) files: ${dlls[*]##*/})"
