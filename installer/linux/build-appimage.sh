#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# build-appimage.sh BUILD_DIR OUT_DIR
# Writes OUT_DIR/Ferry-<version>-x86_64.AppImage from BUILD_DIR, a configured
# and built Linux tree: installs it into a DESTDIR (BUILD_DIR/appimage/AppDir),
# turns that into an AppDir (AppRun, desktop file and icon at the top, the
# libraries and Qt plugins it needs, see bundle-libraries.sh), and packs it:
# with appimagetool when one is on PATH, else as our runtime followed by a
# squashfs of the AppDir. Needs no network.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 BUILD_DIR OUT_DIR" >&2
  exit 2
fi
build_dir=$(readlink -f "$1")
out_dir=$2
here=$(dirname "$(readlink -f "$0")")
settings=$build_dir/installer/linux/appimage.env  # written by installer/linux/CMakeLists.txt
if [[ ! -f $settings ]]; then
  echo "build-appimage: $settings is missing: is $build_dir a configured Linux build of Ferry?" >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$settings"  # FERRY_VERSION, FERRY_QT_PLUGINS_DIR, FERRY_APPIMAGE_RUNTIME
[[ -x $FERRY_APPIMAGE_RUNTIME ]] || {
  echo "build-appimage: the runtime $FERRY_APPIMAGE_RUNTIME is not built (cmake --build $build_dir)" >&2
  exit 1
}

stage=$build_dir/appimage
appdir=$stage/AppDir
image=$out_dir/Ferry-$FERRY_VERSION-x86_64.AppImage
rm -rf "$stage"
mkdir -p "$stage" "$out_dir"

DESTDIR=$appdir cmake --install "$build_dir" --prefix /usr --strip >"$stage/install.log"

install -m 755 "$here/AppRun" "$appdir/AppRun"
ln -s usr/share/applications/ferry.desktop "$appdir/ferry.desktop"
ln -s usr/share/icons/hicolor/scalable/apps/ferry.svg "$appdir/ferry.svg"
ln -s usr/share/icons/hicolor/256x256/apps/ferry.png "$appdir/.DirIcon"
"$here/bundle-libraries.sh" "$appdir" "$FERRY_QT_PLUGINS_DIR"
# Ferry's licence, and the notices of what is built in (headers) or bundled.
install -D -m 644 "$here/../../LICENSE" "$appdir/usr/share/doc/ferry/LICENSE"
"$here/../third-party-notices.sh" "$appdir/usr/share/doc/ferry/THIRD-PARTY-NOTICES.txt" \
  Boost=/usr/include/boost/version.hpp:BSL-1.0 spdlog=/usr/include/spdlog/spdlog.h fmt=/usr/include/fmt/format.h \
  xxHash=/usr/include/xxhash.h liburing=/usr/include/liburing.h --libraries "$appdir/usr/lib"

rm -f "$image"
if command -v appimagetool >/dev/null; then
  echo "build-appimage: packing with $(command -v appimagetool)"
  ARCH=x86_64 appimagetool --no-appstream --runtime-file "$FERRY_APPIMAGE_RUNTIME" "$appdir" "$image"
else
  echo "build-appimage: packing with mksquashfs and $FERRY_APPIMAGE_RUNTIME"
  mksquashfs "$appdir" "$stage/AppDir.squashfs" -comp zstd -all-root -noappend -no-xattrs -quiet -no-progress
  cat "$FERRY_APPIMAGE_RUNTIME" "$stage/AppDir.squashfs" >"$image"
  rm "$stage/AppDir.squashfs"
  chmod 755 "$image"
fi
echo "build-appimage: wrote $image ($(du -h "$image" | cut -f1))"
