#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds qtbase for Windows (mingw-w64) from Debian's own qt6-base source
# package, the same version as the host's Qt tools, and installs it into a
# cache folder outside the repo. Does nothing when that install exists.
#   scripts/build-qt-mingw.sh            (prefix printed at the end)
# The prefix is $FERRY_QT_MINGW_DIR, default ${XDG_CACHE_HOME:-$HOME/.cache}/ferry/qt6-mingw-6.4.2,
# the same default cmake/ferry-windows.cmake uses.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${FERRY_QT_MINGW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry/qt6-mingw-6.4.2}

# Only the modules Ferry's Windows build uses: Core, Gui, Widgets (the desktop
# app, with the windows and offscreen platform plugins) and Test; a module the
# build needs later goes on here, and the changed options rebuild the cache.
# Debian's dfsg tarball lacks wintab (tabletevent off); OpenGL stays at its
# default, since turning it off breaks the Windows platform plugin in 6.4.2.
qt_options=(
  -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF
  -DFEATURE_network=OFF -DFEATURE_tabletevent=OFF
  -DFEATURE_sql=OFF -DFEATURE_dbus=OFF -DFEATURE_printsupport=OFF -DFEATURE_concurrent=OFF
  -DFEATURE_xml=OFF -DFEATURE_vulkan=OFF -DFEATURE_openssl=OFF
  -DFEATURE_jpeg=OFF -DFEATURE_gif=OFF
)
# The install records the options it was built with; other options rebuild it.
stamp_name=ferry-qt-options.txt
if [[ -f $prefix/lib/cmake/Qt6/Qt6Config.cmake && -f $prefix/$stamp_name ]] &&
   [[ $(cat "$prefix/$stamp_name") == "$(printf '%s\n' "${qt_options[@]}")" ]]; then
  echo "build-qt-mingw: Qt for mingw is installed in $prefix"
  exit 0
fi
# The same build, prebuilt in the project's shared folder, when its stamp matches.
source "$repo/scripts/lib/shared-cache.sh"
if shared_cache_install qt6-mingw-6.4.2.tar.xz qt6-mingw-6.4.2 "$stamp_name" \
     "$(printf '%s\n' "${qt_options[@]}")" "$prefix"; then
  exit 0
fi

host_version=$(dpkg-query -W -f='${Version}' qt6-base-dev-tools)
[[ $host_version == 6.4.2+* ]] || { echo "build-qt-mingw: host Qt tools are $host_version, expected 6.4.2" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-qt-mingw.XXXXXX")
trap 'rm -rf "$work"' EXIT

source "$repo/scripts/lib/debian-source.sh"
debian_source_setup "$work"
source_dir=$work/qt6-base
debian_source_fetch qt6-base "$host_version" "$source_dir"

echo "build-qt-mingw: building in $work/build"
cmake -S "$source_dir" -B "$work/build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DQT_HOST_PATH=/usr \
  -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
  "${qt_options[@]}"
nice -n 10 cmake --build "$work/build" --parallel "$(nproc)"

# Installed under a temporary name first, so a half-finished install is
# never mistaken for a complete one (the install is relocatable).
rm -rf "$prefix.partial"
cmake --install "$work/build" --prefix "$prefix.partial"
printf '%s\n' "${qt_options[@]}" >"$prefix.partial/$stamp_name"
rm -rf "$prefix"
mv "$prefix.partial" "$prefix"
echo "build-qt-mingw: Qt for mingw is installed in $prefix"
