#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs everything Ferry needs to build and test on Debian 12, with apt-get.
# Does nothing (and needs no network) when every package is already installed.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config
  libboost1.81-dev liburing-dev libspdlog-dev libfmt-dev libxxhash-dev
  # TLS (Boost.Asio ssl); the Windows build gets OpenSSL's static libraries
  # from this package's source version (scripts/build-openssl-mingw.sh).
  libssl-dev
  qt6-base-dev
  # The desktop app's translations: lupdate and lrelease (the Windows build
  # uses the host's lrelease too), and Qt's own German and Chinese ones,
  # embedded in both builds (scripts/check-translations.sh, docs/translations.md).
  qt6-l10n-tools qt6-translations-l10n
  # The app's dark/light detection is tested through the real gsettings
  # (GNOME's interface schema, with its keyfile backend).
  libglib2.0-bin gsettings-desktop-schemas
  # The desktop app's PNG icons are rendered from resources/ferry.svg;
  # scripts/screenshot.sh runs it under Xvfb.
  librsvg2-bin xvfb xauth
  strace util-linux coreutils diffutils findutils
  # scripts/fuzz.sh: clang and its libFuzzer, ASan and UBSan runtimes
  # (libclang_rt.fuzzer-x86_64.a is in libclang-rt-14-dev).
  clang-14 libclang-rt-14-dev
  # scripts/check-style.sh: the house style and the engine's lint.
  clang-format-14 clang-tidy-14
  # ferry-bench: system call counts, the tar | nc baseline, its charts.
  linux-perf netcat-openbsd gnuplot-nox
  # Windows cross build and its tests under Wine (scripts/test-windows.sh);
  # dpkg-dev and xz-utils unpack Debian's qt6-base and openssl sources for
  # Qt and OpenSSL for mingw; Qt is built with the host's Qt tools
  # (qt6-base-dev-tools).
  g++-mingw-w64-x86-64-posix wine wine64
  dpkg-dev xz-utils qt6-base-dev-tools
  # Installers (installer/): the AppImage runtime is built from squashfuse and
  # FUSE 3, the image from squashfs-tools and patchelf, checked by
  # desktop-file-validate, appstreamcli and libappimage; the MSI by wixl, its
  # dialogs added by msibuild (msitools); its licence page's text is read back
  # through the X clipboard (xclip).
  libsquashfuse-dev libfuse3-dev fuse3 squashfs-tools patchelf
  liblz4-dev liblzo2-dev desktop-file-utils appstream libappimage-dev
  # The image ships Qt's Wayland plugins; its test screenshots the GUI.
  qt6-wayland imagemagick
  # The MSI test finds the installed app's window with xwininfo.
  x11-utils
  wixl wixl-data msitools xclip
  # The kernel-TLS test (tests/vm) boots Debian's kernel package (fetched by
  # apt-get download, unpacked by dpkg) in QEMU from a busybox initramfs
  # (cpio), with an ext4 image made and read back by e2fsprogs; ss (iproute2)
  # finds listening ports there and in the GUI tests.
  qemu-system-x86 busybox-static cpio e2fsprogs iproute2
  # The end-to-end GUI tests (tests/gui): a window manager, a system tray,
  # real key presses and clicks; widgets found by accessible name through
  # AT-SPI (its bus and registry, its Python bindings, a session D-Bus).
  openbox wmdocker xdotool
  at-spi2-core gir1.2-atspi-2.0 python3-gi dbus
)

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

missing=()
for package in "${packages[@]}"; do
  is_installed "$package" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: error: not root and sudo is missing" >&2; exit 1; }
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
