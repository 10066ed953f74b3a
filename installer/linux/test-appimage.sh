#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test-appimage.sh BUILD_DIR APPIMAGE_INSPECT
# Builds the AppImage from BUILD_DIR with build-appimage.sh and checks it as a
# user's machine would run it: libappimage's view of it, its desktop file and
# AppStream data, Qt coming from the image and not the host, both programs
# through the FUSE mount and through --appimage-extract-and-run, the desktop
# app on an X server (Xvfb), and transfers between the image's ferry-cli and
# the build tree's over 127.0.0.1. Every wait is bounded.
set -euo pipefail

build_dir=$(readlink -f "$1")
inspect=$2
here=$(dirname "$(readlink -f "$0")")
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
# shellcheck source=/dev/null
source "$build_dir/installer/linux/appimage.env"  # FERRY_QT_PLUGINS_DIR
build_cli=$build_dir/app/cli/ferry-cli

work=$(mktemp -d "$build_dir/appimage-test.XXXXXX")
background=()
cleanup() {
  local pid
  for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  local mount_point  # a mount left by a failed check would keep rm from the folder
  while read -r mount_point; do
    umount -l "$mount_point" 2>/dev/null || fusermount3 -u -z "$mount_point" || true
  done < <(awk -v work="$work/" 'index($2, work) == 1 { print $2 }' /proc/self/mounts)
  rm -rf "$work"
}
trap cleanup EXIT
# Mount points and extracted copies go to TMPDIR: here, so leftovers show.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
unset LD_LIBRARY_PATH QT_PLUGIN_PATH QT_QPA_PLATFORM APPIMAGE_EXTRACT_AND_RUN

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

# Seconds since this script started, for the timing lines.
elapsed() { echo "$SECONDS s"; }

no_leftovers() {  # what: no mount of ours in the mount table and TMPDIR empty
  if grep -q " $TMPDIR/" /proc/self/mounts; then
    fail "$1: a mount is left: $(grep " $TMPDIR/" /proc/self/mounts)"
  fi
  if [[ -n $(ls -A "$TMPDIR") ]]; then fail "$1: left in TMPDIR: $(ls -A "$TMPDIR")"; fi
}

# Waits up to $2 seconds for process $1 to end; its exit status, or fails.
wait_bounded() {
  local pid=$1 deadline=$((SECONDS + $2)) status=0
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "process $pid ($3) still running after $2 s"
    sleep 0.1
  done
  wait "$pid" || status=$?
  return "$status"
}

step "building the image"
started=$SECONDS
"$here/build-appimage.sh" "$build_dir" "$work/out" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; fail "build-appimage.sh failed"; }
image=$work/out/Ferry-$version-x86_64.AppImage
[[ -x $image ]] || fail "$image was not written"
echo "built in $((SECONDS - started)) s, $(stat -c %s "$image") bytes"
grep -E '^bundle-libraries: [0-9]+ libraries' "$work/build.log"

step "libappimage reads it as type 2, at the offset the runtime reports"
magic=$(od -An -tx1 -j8 -N3 "$image" | tr -d ' ')
[[ $magic == 414902 ]] || fail "bytes 8..10 are $magic, not the type-2 magic 414902"
offset=$(timeout 20 "$image" --appimage-offset)
inspected=$("$inspect" "$image") || fail "appimage-inspect: $inspected"
[[ $inspected == "type=2 offset=$offset" ]] ||
  fail "libappimage says '$inspected', the runtime says offset $offset"
echo "$inspected"

step "extracted AppDir: Qt plugins, licence and notices, desktop file, AppStream data, icons"
(cd "$work" && timeout 60 "$image" --appimage-extract >/dev/null) || fail "--appimage-extract failed"
appdir=$work/squashfs-root
for file in AppRun ferry.desktop ferry.svg .DirIcon usr/bin/qt.conf usr/share/icons/hicolor/scalable/apps/ferry.svg; do
  [[ -e $appdir/$file ]] || fail "the AppDir has no $file"
done
for plugin in platforms/libqxcb.so platforms/libqoffscreen.so platforms/libqwayland-generic.so; do
  if [[ -e $FERRY_QT_PLUGINS_DIR/$plugin && ! -e $appdir/usr/plugins/$plugin ]]; then
    fail "the AppDir has no $plugin, which the Qt Ferry was built with has"
  fi
done
cmp -s "$here/../../LICENSE" "$appdir/usr/share/doc/ferry/LICENSE" || fail "the AppDir has no LICENSE, or another one"
notices=$appdir/usr/share/doc/ferry/THIRD-PARTY-NOTICES.txt
for shipped in "Boost (Debian package" "spdlog (Debian package" "fmt (Debian package" "xxHash (Debian package" \
  "liburing (Debian package" "(Debian package libqt6" "(Debian package libssl3 " "GNU LESSER GENERAL PUBLIC LICENSE"; do
  grep -qF "$shipped" "$notices" || fail "THIRD-PARTY-NOTICES.txt lacks: $shipped"
done
grep -q '<project_license>Apache-2.0</project_license>' "$appdir"/usr/share/metainfo/*.metainfo.xml ||
  fail "the AppStream data names no project licence"
desktop-file-validate "$appdir/usr/share/applications/ferry.desktop" || fail "desktop-file-validate"
metainfo=("$appdir"/usr/share/metainfo/*.metainfo.xml)
appstreamcli validate --no-net "${metainfo[@]}" || fail "appstreamcli validate"
for size in 16 24 32 48 64 128 256; do
  png=$appdir/usr/share/icons/hicolor/${size}x$size/apps/ferry.png
  [[ $(identify -format %wx%h "$png" 2>&1) == "${size}x$size" ]] || fail "$png is not ${size}x$size"
done

step "every library our ELF files need resolves inside the AppDir, or is one the host provides"
# shellcheck source=excluded-libraries.sh
source "$here/excluded-libraries.sh"
checked=0
while IFS= read -r elf; do
  [[ $(head -c 4 "$elf") == $'\x7fELF' ]] || continue
  checked=$((checked + 1))
  resolved=$(ldd "$elf")
  if grep 'not found' <<<"$resolved"; then fail "$elf: libraries above not found"; fi
  while read -r soname; do
    path=$(awk -v name="$soname" '$1 == name { print $3 }' <<<"$resolved")
    path=$(realpath -m "${path:-/unresolved}")
    [[ $path == "$appdir"/* ]] || is_host_library "$soname" ||
      fail "$elf: $soname resolves to the host's $path"
  done < <(objdump -p "$elf" | awk '$1 == "NEEDED" { print $2 }')
done < <(find "$appdir/usr/bin" "$appdir/usr/lib" "$appdir/usr/plugins" -type f)
libqt=$(ldd "$appdir/usr/bin/ferry" | grep -c "libQt6.* => $appdir/usr/bin/../lib/") || true
((libqt >= 3)) || fail "ferry does not load its Qt libraries from the AppDir"
echo "$checked ELF files checked, ferry loads $libqt Qt libraries from the AppDir"
rm -rf "$appdir"

# run_versions LABEL IMAGE_ARGS...: both programs print their version, and
# ferry-cli's exit code for a wrong command line comes through the runtime.
run_versions() {
  local label=$1 out
  shift
  out=$(timeout 30 "$image" "$@" --version 2>&1) || fail "$label: ferry --version: $out"
  [[ $out == "Ferry $version" ]] || fail "$label: ferry --version printed '$out'"
  out=$(timeout 30 "$image" "$@" ferry-cli --version 2>&1) || fail "$label: ferry-cli --version: $out"
  [[ $out == "ferry-cli $version" ]] || fail "$label: ferry-cli --version printed '$out'"
  local status=0
  timeout 30 "$image" "$@" ferry-cli --no-such-option >/dev/null 2>&1 || status=$?
  ((status == 2)) || fail "$label: a wrong ferry-cli command line exited $status, not 2"
  no_leftovers "$label"
  echo "$label: Ferry $version, ferry-cli $version"
}

step "both programs through the FUSE mount and through --appimage-extract-and-run"
run_versions "FUSE mount"
run_versions "extract-and-run" --appimage-extract-and-run
ln -s "$image" "$work/ferry-cli"
[[ $(timeout 30 "$work/ferry-cli" --version) == "ferry-cli $version" ]] ||
  fail "the image started as ferry-cli does not run ferry-cli"
no_leftovers "started as ferry-cli"

step "as an unprivileged user: mounted through fusermount3"
chmod 755 "$work" "$work/out"
chmod 1777 "$TMPDIR"
status=0
out=$("$here/run-unprivileged.sh" env TMPDIR="$TMPDIR" timeout 30 "$image" ferry-cli --version 2>&1) || status=$?
if ((status == 77)); then
  echo "skipped: $out"
else
  [[ $status == 0 && $out == "ferry-cli $version" ]] || fail "as user nobody (exit $status): $out"
  no_leftovers "as user nobody"
  echo "as user nobody: $out"
fi

step "the desktop app on an X server, with the host's Qt hidden"
"$here/hide-host-qt.sh" "$build_dir/app/gui/ferry" "$FERRY_QT_PLUGINS_DIR" \
  "$here/test-appimage-gui.sh" "$image" "$work/gui" || fail "the desktop app from the image"
no_leftovers "desktop app"
cp "$work/gui/screen.png" "$build_dir/appimage/test-screenshot.png"  # to look at

step "transfers between the image's ferry-cli and the build tree's"
source_dir=$work/source
mkdir -p "$source_dir/folder/empty" "$source_dir/folder/Ünïcödé 日本"
for size in 0 1 4097 $((3 * 1024 * 1024 + 5)); do head -c "$size" /dev/urandom >"$source_dir/file-$size.bin"; done
head -c 300000 /dev/urandom >"$source_dir/folder/Ünïcödé 日本/写真.jpg"

# transfer LABEL RECEIVER_COMMAND... -- SENDER_COMMAND...
transfer() {
  local label=$1 receiver=() sender=()
  shift
  while [[ $1 != -- ]]; do receiver+=("$1") && shift; done
  shift
  sender=("$@")
  local dir=$work/$label
  mkdir -p "$dir/received"
  : >"$dir/receiver.log"
  timeout 120 "${receiver[@]}" receive --dir "$dir/received" --port 0 --bind 127.0.0.1 --accept-all --once \
    >"$dir/receiver.log" 2>&1 &
  local receiver_pid=$!
  background+=("$receiver_pid")
  local port="" deadline=$((SECONDS + 30))
  while [[ -z $port ]]; do
    port=$(sed -nE 's/^Listening on [^ ]*:([0-9]+),.*/\1/p' "$dir/receiver.log")
    ((SECONDS < deadline)) || { cat "$dir/receiver.log" >&2; fail "$label: the receiver is not listening"; }
    [[ -n $port ]] || sleep 0.1
  done
  timeout 120 "${sender[@]}" send --threshold 1M "127.0.0.1:$port" "$source_dir"/* >"$dir/sender.log" 2>&1 ||
    { cat "$dir/sender.log" "$dir/receiver.log" >&2; fail "$label: the sender failed"; }
  wait_bounded "$receiver_pid" 30 "$label receiver" ||
    { cat "$dir/receiver.log" >&2; fail "$label: the receiver failed"; }
  diff -r "$source_dir" "$dir/received" || fail "$label: the received tree differs"
  echo "$label: identical"
}
transfer "build-to-image" "$image" ferry-cli -- "$build_cli"
transfer "image-to-build" "$build_cli" -- "$image" --appimage-extract-and-run ferry-cli
no_leftovers "transfers"

echo "PASS: the AppImage ($(elapsed))"
