#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The MSI under Wine, in a Wine prefix of its own: it installs (the staged
# files byte for byte, the Start menu shortcut, the uninstall entry, netsh asked
# for the firewall rules); the installed ferry-cli.exe runs and sends a file to
# the Linux ferry-cli over 127.0.0.1 with DLLs from the install folder only
# (no WINEPATH); the installed ferry.exe draws its window under Xvfb; a higher
# version replaces it; uninstalling leaves nothing behind.
#   test-msi.sh BUILD_DIR LINUX_FERRY_CLI
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(realpath "$1")
linux_cli=$2
start=$SECONDS

for tool in wine wineserver wixl wixl-heat msibuild xvfb-run xwininfo import identify; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-msi: $tool is missing (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-msi-test.XXXXXX")
export WINEPREFIX=$work/prefix WINEDEBUG=-all LC_ALL=C.UTF-8
# No Mono or Gecko to offer; no menu entries or .desktop files in $HOME.
export WINEDLLOVERRIDES='mscoree=;mshtml=;winemenubuilder.exe=d'
unset WINEPATH WINEQT_QPA_PLATFORM
cleanup() {
  local jobs_left
  mapfile -t jobs_left < <(jobs -p)
  if ((${#jobs_left[@]})); then kill "${jobs_left[@]}" 2>/dev/null || true; fi
  end_wine_session
  rm -rf "$work"
}
trap cleanup EXIT
end_wine_session() {
  timeout 30 wineserver -k 2>/dev/null || true
  timeout 30 wineserver -w 2>/dev/null || true
}

step() { echo "test-msi: [$((SECONDS - start)) s] $*"; }
fail() {
  echo "test-msi: FAILED: $1" >&2
  shift
  for log in "$@"; do echo "--- $log" >&2; cat "$log" >&2 || true; done
  exit 1
}

config=$build/installer/windows/msi-config.txt
setting() { sed -n "s/^$1=//p" "$config"; }
version=$(setting version)
IFS=. read -r major minor patch <<<"$version"
next=$major.$minor.$((patch + 1))
tcp_port=$(setting tcp_port)
udp_port=$(setting udp_port)
install_dir="$WINEPREFIX/drive_c/Program Files/Ferry"
cli='C:\Program Files\Ferry\ferry-cli.exe'
gui='C:\Program Files\Ferry\ferry.exe'

step "creating a Wine prefix while building Ferry $version and $next"
timeout -k 5 240 wine wineboot --init >"$work/wineboot.log" 2>&1 &
boot=$!
for v in "$version" "$next"; do
  timeout -k 5 300 "$here/build-msi.sh" "$build" "$work/msi" --version "$v" >"$work/build-$v.log" 2>&1 ||
    fail "build-msi.sh --version $v" "$work/build-$v.log"
  cp -r "$build/installer/windows/msi-stage/bin" "$work/staged-$v"  # each build strips anew
done
ls -l "$work/msi"
wait "$boot" || fail "wineboot --init" "$work/wineboot.log"

# msiexec NAME ARGS...: runs msiexec quietly, its output in $work/NAME.log.
# Wine's netsh is a stub that accepts any command and names its arguments
# in a "fixme" line: they show which firewall commands the custom actions ran.
msiexec() {
  local log=$work/$1.log
  shift
  WINEDEBUG=-all,fixme+netsh timeout -k 5 180 wine msiexec "$@" /qn >"$log" 2>&1 ||
    fail "msiexec $* exited $?" "$log"
}
netsh_ran() {  # log pattern...: netsh lines of the log match the patterns, in this order
  local log=$1 pattern after=0 line
  shift
  for pattern in "$@"; do
    line=$(grep -n "fixme:netsh:.*$pattern" "$log" | awk -F: -v after="$after" '$1 > after { print $1; exit }')
    [[ -n $line ]] || fail "netsh was not run with: $pattern (after line $after)" "$log"
    after=$line
  done
}
firewall_add=('L"add" L"rule" L"name=Ferry" .*L"protocol=TCP" L"localport='"$tcp_port"'"'
  'L"add" L"rule" L"name=Ferry" .*L"protocol=UDP" L"localport='"$udp_port"'"')
firewall_delete='L"delete" L"rule" L"name=Ferry"'

# Lines "ProductCode DisplayVersion" of the installed products named Ferry.
ferry_products() {
  { timeout -k 5 60 wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s || true; } |
    tr -d '\r' |
    awk '/^HKEY/ { n = split($0, p, "\\"); key = p[n] }
         $1 == "DisplayName" && $3 == "Ferry" { ferry[key] = 1 }
         $1 == "DisplayVersion" { ver[key] = $3 }
         END { for (k in ferry) print k, ver[k] }'
}
registry_version() {
  { timeout -k 5 60 wine reg query 'HKLM\Software\Ferry' /v Version 2>/dev/null || true; } | tr -d '\r' |
    awk '$1 == "Version" { print $3 }'
}
# loaded_from_install LOG DLL...: the program logged (WINEDEBUG=+loaddll) loading
# each DLL named from the install folder, and no DLL but Wine's own from elsewhere.
loaded_from_install() {
  local log=$1 dll outside
  local install_dir_dll="Loaded L\"C:\\\\Program Files\\\\Ferry\\\\"  # as the log writes it
  shift
  for dll in "$@"; do
    grep -qF "$install_dir_dll$dll\"" "$log" || fail "$dll was not loaded from the install folder" "$log"
  done
  outside=$(grep ': native$' "$log" | grep -vF "$install_dir_dll" || true)
  [[ -z $outside ]] || fail "DLLs loaded from outside the install folder: $outside"
}
shortcut() { find "$WINEPREFIX/drive_c" -path '*/Start Menu/Programs/Ferry.lnk' -print -quit; }
send_to() { find "$WINEPREFIX/drive_c" -path '*/SendTo/Ferry.lnk' -print -quit; }

# installed VERSION: one Ferry, of this version, its files equal to the staged ones.
installed() {
  diff -r "$work/staged-$1" "$install_dir" >"$work/diff.log" 2>&1 ||
    fail "Program Files\\Ferry differs from the staged files" "$work/diff.log"
  local products
  products=$(ferry_products)
  [[ $(wc -l <<<"$products") == 1 && ${products#* } == "$1" ]] ||
    fail "expected one Ferry $1 in the uninstall registry, found: ${products:-none}"
  [[ $(registry_version) == "$1" ]] || fail "HKLM\\Software\\Ferry Version is not $1"
  cmp -s "$here/../../LICENSE" "$install_dir/LICENSE.txt" || fail "Program Files\\Ferry has no LICENSE.txt, or another one"
  local shipped
  for shipped in "Qt 6 (built for Windows" "OpenSSL (built for Windows" "Boost (Debian package" "spdlog (Debian package" \
    "fmt (Debian package" "xxHash (Debian package" "(Debian package gcc-mingw-w64-x86-64-posix-runtime " "(Debian package mingw-w64-x86-64-dev "; do
    grep -qF "$shipped" "$install_dir/THIRD-PARTY-NOTICES.txt" || fail "THIRD-PARTY-NOTICES.txt lacks: $shipped"
  done
  local lnk
  lnk=$(shortcut)
  [[ -n $lnk ]] || fail "no Ferry.lnk in a Start menu"
  grep -aq 'Program Files\\Ferry\\ferry.exe' "$lnk" || fail "$lnk does not point at ferry.exe"
  lnk=$(send_to)
  [[ -n $lnk ]] || fail "no Ferry.lnk in Explorer's Send to folder"
  grep -aq 'Program Files\\Ferry\\ferry.exe' "$lnk" || fail "$lnk does not point at ferry.exe"
  local reported
  reported=$(timeout -k 5 60 wine "$cli" --version 2>&1) || fail "installed ferry-cli.exe --version: $reported"
  reported=${reported//$'\r'/}
  [[ $reported == "ferry-cli $version" ]] || fail "installed ferry-cli.exe --version said: $reported"
}

step "installing Ferry $version"
msiexec "install-$version" /i "Z:$work/msi/Ferry-$version-x64.msi"
installed "$version"
netsh_ran "$work/install-$version.log" "${firewall_add[@]}"

step "sending a file from the installed ferry-cli.exe to the Linux ferry-cli over 127.0.0.1"
mkdir -p "$work/received"
head -c $((5 * 1024 * 1024 + 7)) /dev/urandom >"$work/payload.bin"
timeout -k 5 180 "$linux_cli" receive --dir "$work/received" --port 0 --bind 127.0.0.1 --accept-all --once \
  >"$work/receiver.log" 2>&1 &
receiver=$!
port=""
for _ in $(seq 300); do
  port=$(sed -nE 's/^Listening on [^ ]*:([0-9]+),.*/\1/p' "$work/receiver.log")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || fail "the Linux receiver did not start listening" "$work/receiver.log"
WINEDEBUG=-all,+loaddll timeout -k 5 120 wine "$cli" send "127.0.0.1:$port" "Z:$work/payload.bin" \
  >"$work/sender.log" 2>&1 || fail "installed ferry-cli.exe send exited $?" "$work/sender.log" "$work/receiver.log"
wait "$receiver" || fail "the Linux receiver exited $?" "$work/receiver.log"
cmp "$work/payload.bin" "$work/received/payload.bin" || fail "the received file differs"
loaded_from_install "$work/sender.log" libstdc++-6.dll libwinpthread-1.dll

step "starting the installed ferry.exe under Xvfb"
# On a free port, so a Ferry already receiving on this machine is not in the
# way, and without discovery: no datagrams on the real network.
timeout -k 5 60 wine reg add 'HKCU\Software\Ferry\Ferry\network' /v port /t REG_DWORD /d 0 /f >/dev/null
timeout -k 5 60 wine reg add 'HKCU\Software\Ferry\Ferry\network' /v discovery /t REG_DWORD /d 0 /f >/dev/null
# A new Wine session: the desktop process (explorer.exe) of one started without
# DISPLAY would keep the app's windows off the Xvfb screen.
end_wine_session
WINEDEBUG=-all,+loaddll timeout -k 5 180 xvfb-run -a -s "-screen 0 1024x768x24" \
  "$here/window-shot.sh" Ferry "$work/ferry.png" wine "$gui" >"$work/gui.log" 2>&1 ||
  fail "ferry.exe did not draw its window" "$work/gui.log"
loaded_from_install "$work/gui.log" Qt6Widgets.dll 'platforms\\qwindows.dll' 'styles\\qwindowsvistastyle.dll'
cp "$work/ferry.png" "$build/installer/windows/msi-test-ferry.png"
end_wine_session  # ferry.exe may stay in the tray

step "upgrading to Ferry $next"
msiexec "install-$next" /i "Z:$work/msi/Ferry-$next-x64.msi"
installed "$next"
netsh_ran "$work/install-$next.log" "$firewall_delete" "${firewall_add[@]}"

step "refusing to go back to Ferry $version"
if timeout -k 5 180 wine msiexec /i "Z:$work/msi/Ferry-$version-x64.msi" /qn >"$work/downgrade.log" 2>&1; then
  fail "installing $version over $next succeeded" "$work/downgrade.log"
fi
installed "$next"

step "uninstalling"
msiexec uninstall /x "Z:$work/msi/Ferry-$next-x64.msi"
[[ ! -e $install_dir ]] || fail "Program Files\\Ferry is still there: $(find "$install_dir" | head)"
[[ -z $(shortcut) ]] || fail "$(shortcut) is still there"
[[ -z $(send_to) ]] || fail "$(send_to) is still there"
[[ -z $(ferry_products) ]] || fail "still registered: $(ferry_products)"
timeout -k 5 60 wine reg query 'HKLM\Software\Ferry' >/dev/null 2>&1 && fail "HKLM\\Software\\Ferry is still there"
netsh_ran "$work/uninstall.log" "$firewall_delete"
step "every check passed"
