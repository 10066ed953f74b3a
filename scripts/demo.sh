#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Ferry's main job: installs what is missing, builds, and starts the desktop
# app when there is a display. Without one (or with FERRY_DEMO=headless) it
# sends a fresh sample set over loopback with ferry-cli and proves that the
# received tree is identical (names, contents, empty folders).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$repo_root/build/linux/app/cli/ferry-cli"
large_file_mib=64  # above the default 32 MiB direct threshold

cd "$repo_root"
scripts/install-deps.sh
cmake --preset linux >/dev/null
cmake --build --preset linux

if [[ ${FERRY_DEMO:-} != headless && ( -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ) ]]; then
  exec "$repo_root/build/linux/app/gui/ferry"
fi

# On disk, not tmpfs, so direct I/O meets a real filesystem.
work="$(mktemp -d /var/tmp/ferry-demo.XXXXXX)"
receiver_pid=""
cleanup() {
  if [[ -n "$receiver_pid" ]] && kill -0 "$receiver_pid" 2>/dev/null; then
    kill "$receiver_pid" 2>/dev/null || true
    wait "$receiver_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

samples="$work/samples"
received="$work/received"
receiver_log="$work/receiver.log"

make_samples() {
  mkdir -p "$samples/Fotos/Ürlaub 2024" "$samples/日本語" "$samples/folder/nested/empty"
  printf 'Ferry says hello\n' > "$samples/héllo wörld.txt"
  printf 'quotes, spaces & more\n' > "$samples/it's \"quoted\" & spaced.txt"
  : > "$samples/empty file.txt"
  head -c 4097 /dev/urandom > "$samples/Fotos/Ürlaub 2024/strand 🌊.jpg"
  printf '# メモ\n' > "$samples/日本語/メモ.md"
  head -c 1000 /dev/urandom > "$samples/folder/nested/data.bin"
  head -c "$((large_file_mib * 1024 * 1024))" /dev/urandom > "$samples/large.bin"
}

# The receiver picks a free loopback port and announces it on its first line.
start_receiver() {
  mkdir -p "$received"
  timeout 300 "$cli" receive --dir "$received" --bind 127.0.0.1 --port 0 --accept-all --once \
    > "$receiver_log" 2>&1 &
  receiver_pid=$!
}

# Prints the receiver's port once it listens.
receiver_port() {
  local port=""
  for _ in $(seq 100); do
    port="$(sed -n 's/^Listening on .*:\([0-9][0-9]*\), receiving into .*/\1/p' "$receiver_log")"
    if [[ -n "$port" ]]; then
      echo "$port"
      return 0
    fi
    kill -0 "$receiver_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "demo: the receiver did not start listening:" >&2
  cat "$receiver_log" >&2
  return 1
}

# One line per file, "<sha256>  ./path", and one per folder, "folder  ./path".
tree_listing() {
  (
    cd "$1"
    find . -mindepth 1 -type d -printf 'folder  %p\n' | LC_ALL=C sort
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
  )
}

verify() {
  local ok=0
  echo "== diff -r"
  if diff -r "$samples" "$received/samples"; then echo "identical"; else ok=1; fi
  echo "== sha256 listings"
  tree_listing "$samples" > "$work/sent.txt"
  tree_listing "$received/samples" > "$work/received.txt"
  cat "$work/sent.txt"
  if cmp -s "$work/sent.txt" "$work/received.txt"; then
    echo "received listing identical ($(wc -l < "$work/sent.txt") entries)"
  else
    diff "$work/sent.txt" "$work/received.txt" || true
    ok=1
  fi
  [[ -d "$received/samples/folder/nested/empty" ]] || { echo "empty folder missing"; ok=1; }
  if [[ -n "$(find "$received" -name '.ferry-*.part' -print -quit)" ]]; then
    echo "part files left behind"
    ok=1
  fi
  return "$ok"
}

make_samples
start_receiver
port="$(receiver_port)" || { echo "FAIL"; exit 1; }
echo "== sending $(find "$samples" -type f | wc -l) files to 127.0.0.1:$port"
send_status=0
timeout 300 "$cli" send "127.0.0.1:$port" "$samples" || send_status=$?
receive_status=0
wait "$receiver_pid" || receive_status=$?
receiver_pid=""
echo "== receiver output"
cat "$receiver_log"

verify_status=0
verify || verify_status=$?

echo "sender exit $send_status, receiver exit $receive_status, verification exit $verify_status"
if ((send_status == 0 && receive_status == 0 && verify_status == 0)); then
  echo "PASS"
else
  echo "FAIL"
  exit 1
fi
