#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# shellcheck source-path=SCRIPTDIR
# Kernel TLS tested for real: boots Debian's stock kernel (which has the "tls"
# module; the build machine's kernel may not) in QEMU with ferry-cli inside,
# and checks that encrypted sessions sent from the VM engage kernel TLS
# (sendfile below the threshold, direct-read blocks above it), that trees
# arrive identical over the VM's loopback and across QEMU's user network to
# and from this machine's ferry-cli, and that test_kernel_tls passes there.
#
#   tests/vm/ktls-vm.sh FERRY_CLI TEST_KERNEL_TLS
#
# Needs qemu-system-x86, busybox-static, cpio, e2fsprogs, strace and apt
# (scripts/install-deps.sh). The kernel package is downloaded once into
# $FERRY_VM_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/ferry/vm). The VM runs
# under software emulation, so it is slow: $FERRY_VM_TIMEOUT seconds (default
# 420) bound it. The work folder is removed after a pass (unless
# FERRY_VM_KEEP=1); after a failure its logs and results stay (the path is
# printed).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 FERRY_CLI TEST_KERNEL_TLS" >&2
  exit 2
fi
cli=$(realpath "$1")
test_kernel_tls=$(realpath "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${FERRY_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry/vm}
vm_timeout=${FERRY_VM_TIMEOUT:-420}
source "$here/lib/kernel.sh"
source "$here/lib/initramfs.sh"
source "$here/lib/manifest.sh"
source "$here/lib/checks.sh"

# Ports inside the VM (its own network stack) and the address at which the
# VM reaches this machine's receiver (QEMU's guestfwd).
guest_port=7100
guest_loopback_port=7000
host_address_in_guest=10.0.2.100
host_port_in_guest=7200

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-ktls-vm.XXXXXX")
started=()
finish() {
  local status=$? pid
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((status == 0)) && [[ ${FERRY_VM_KEEP:-} != 1 ]]; then
    rm -rf "$work"
  elif ((status == 0)); then
    echo "ktls-vm: work folder kept: $work" >&2
  else
    rm -rf "$work/disk.img" "$work/initramfs.gz" "$work/disk/large"
    echo "ktls-vm: logs and results kept in $work" >&2
  fi
}
trap finish EXIT

# A small tree with what breaks naive copies: an empty folder, an empty
# file, a unicode name, sizes off the 4 KiB grid.
make_tree() {  # DIR
  mkdir -p "$1/empty folder" "$1/nested"
  head -c 262144 /dev/urandom >"$1/small.bin"
  head -c 4097 /dev/urandom >"$1/nested/odd.bin"
  : >"$1/nested/zero.bin"
  echo "Grüße aus $(basename "$1") ✓" >"$1/unicode ü ✓.txt"
}

# Waits for a receiver's first line, "Listening on ADDR:PORT, ...", and prints PORT.
listening_port() {  # OUTPUT_FILE PID
  local waited
  for ((waited = 0; waited < 300; waited++)); do
    grep -q '^Listening on' "$1" 2>/dev/null && break
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  sed -n 's/^Listening on [^ ]*:\([0-9]*\),.*/\1/p' "$1" | head -n 1
}

unused_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . || break
  done
  echo "$port"
}

echo "ktls-vm: kernel"
vm_kernel_fetch "$cache"

echo "ktls-vm: disk image and initramfs"
mkdir -p "$work/disk/results" "$work/disk/large"
make_tree "$work/disk/tree"
make_tree "$work/host-tree"
# Above the 1 MiB threshold the VM's sender uses, and on ext4: O_DIRECT
# fails on the initramfs' RAM filesystem with a 6.1 kernel.
head -c $((48 * 1024 * 1024)) /dev/urandom >"$work/disk/large/large.bin"
mkfs.ext4 -q -F -L ferry-vm -d "$work/disk" "$work/disk.img" 256M

root=$work/initramfs
mkdir -p "$root/bin" "$root/etc"
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$here/guest-init.sh" "$root/init"
cp "$here/lib/manifest.sh" "$root/etc/manifest.sh"
cat >"$root/etc/vm.conf" <<EOF
VM_GUEST_PORT=$guest_port
VM_LOOPBACK_PORT=$guest_loopback_port
VM_HOST_ADDR=$host_address_in_guest
VM_HOST_PORT=$host_port_in_guest
EOF
vm_stage_program "$root" "$(command -v strace)" /usr/bin/strace
vm_stage_program "$root" "$cli" /ferry/bin/ferry-cli
vm_stage_program "$root" "$test_kernel_tls" /ferry/bin/test_kernel_tls
# The disk and network drivers, ext4 (and the checksum its metadata uses),
# and kernel TLS with the AES-GCM pieces it asks the crypto API for (a real
# system loads those on demand through modprobe; this one has none), the
# AES-NI ones included (QEMU's "max" CPU has AES-NI and PCLMULQDQ).
vm_stage_modules "$root" "$vm_kernel_modules" virtio_pci virtio_blk virtio_net crc32c_generic ext4 \
  tls gcm ghash_generic ctr aesni_intel ghash_clmulni_intel
vm_pack_initramfs "$root" "$work/initramfs.gz"

# The host's receiver for the VM's send, started first: QEMU connects its
# guestfwd to it when it starts, long before the VM sends (hence the idle
# timeout above the VM's own bound).
mkdir -p "$work/host-received"
timeout "$((vm_timeout + 60))" "$cli" receive --dir "$work/host-received" --bind 127.0.0.1 --port 0 --accept-all \
  --once --no-announce --idle-timeout 600 --config-dir "$work/host-receiver-config" \
  >"$work/host-receiver.out" 2>&1 &
host_receiver=$!
started+=("$host_receiver")
host_receiver_port=$(listening_port "$work/host-receiver.out" "$host_receiver") ||
  { cat "$work/host-receiver.out" >&2; exit 1; }
hostfwd_port=$(unused_port)

# The VM's network is QEMU's user-mode stack with restrict=on: the guest
# reaches nothing but the two forwards below, and this machine sees only
# loopback connections, so nothing leaves it. hostfwd listens on
# 127.0.0.1:$hostfwd_port here and connects to the guest's receiver; guestfwd
# makes $host_address_in_guest:$host_port_in_guest in the guest a connection
# from QEMU to this machine's receiver on 127.0.0.1.
echo "ktls-vm: booting the VM (software emulation; the serial console is in $work/serial.log)"
netdev="user,id=net,restrict=on,hostfwd=tcp:127.0.0.1:$hostfwd_port-:$guest_port"
netdev+=",guestfwd=tcp:$host_address_in_guest:$host_port_in_guest-tcp:127.0.0.1:$host_receiver_port"
vm_started=$SECONDS
timeout --kill-after=10 "$vm_timeout" qemu-system-x86_64 -nographic -no-reboot -machine accel=tcg -cpu max \
  -smp 2 -m 1024 -kernel "$vm_kernel_image" -initrd "$work/initramfs.gz" \
  -append "console=ttyS0 panic=-1 quiet" \
  -drive "file=$work/disk.img,format=raw,if=virtio" \
  -netdev "$netdev" -device virtio-net-pci,netdev=net \
  </dev/null >"$work/serial.log" 2>&1 &
vm=$!
started+=("$vm")

# Host -> VM, once the VM's receiver listens.
while kill -0 "$vm" 2>/dev/null && ! grep -q '^FERRY-VM: receiver ready ' "$work/serial.log"; do sleep 1; done
if grep -q '^FERRY-VM: receiver ready ' "$work/serial.log"; then
  echo "ktls-vm: sending to the VM"
  set +e
  timeout 150 "$cli" send --json --config-dir "$work/host-sender-config" "127.0.0.1:$hostfwd_port" \
    "$work/host-tree" >"$work/host-send.json" 2>"$work/host-send.err"
  echo $? >"$work/host-send.status"
  set -e
fi
set +e
wait "$vm"
vm_status=$?
set -e
echo "ktls-vm: the VM ran $((SECONDS - vm_started)) s (exit status $vm_status)"
# The host's receiver is done once its one session is; a VM that never
# sent leaves it waiting, so it gets a few seconds and then is stopped.
waited=0
while kill -0 "$host_receiver" 2>/dev/null && ((waited++ < 10)); do sleep 1; done
kill "$host_receiver" 2>/dev/null || true
set +e
wait "$host_receiver"
echo $? >"$work/host-receiver.status"
set -e

debugfs -R "rdump /results $work" "$work/disk.img" >/dev/null 2>&1 || true
results=$work/results
grep '^FERRY-VM:' "$work/serial.log" | sed 's/^/  /' || true

for trace in small large; do
  echo "ktls-vm: $trace: kernel-TLS sends in strace:" \
    "$(awk -f "$here/lib/ktls-sends.awk" "$results/$trace.strace" 2>/dev/null | paste -sd ' ')"
done
echo "ktls-vm: checks"
tree_manifest "$work/disk/tree" >"$work/tree.manifest"
tree_manifest "$work/disk/large" >"$work/large.manifest"
tree_manifest "$work/host-tree" >"$work/host-tree.manifest"
tree_manifest "$work/host-received/tree" >"$work/to-host.manifest" 2>/dev/null || true
tree_bytes=$(find "$work/disk/tree" -type f -printf '%s\n' | awk '{ sum += $1 } END { print sum }')
large_bytes=$(stat -c %s "$work/disk/large/large.bin")
check "the VM booted, ran its part and powered off" grep -q '^FERRY-VM: power off ' "$work/serial.log"
check "the tls module is loaded in the VM" grep -q '^tls ' "$results/lsmod"
check "test_kernel_tls passes in the VM" status_ok "$results/test-kernel-tls.status"

# Over the VM's loopback: zero-copy below the threshold.
check "loopback, small files: sent and received" status_ok "$results/small.status"
check "loopback, small files: the receiver finished" status_ok "$results/small.receiver.status"
check "loopback, small files: trees identical" same_trees "$work/tree.manifest" "$results/small.manifest"
check "loopback, small files: the receiver's session is encrypted" \
  grep -q ', encrypted)$' "$results/small.receiver.out"
check "loopback, small files: strategy zerocopy" equals "$(file_strategies "$results/small.out")" zerocopy
check "loopback, small files: the sender's session is encrypted-kernel-tls" \
  equals "$(session_mode "$results/small.out")" encrypted-kernel-tls
check "loopback, small files: sendfile moved all $tree_bytes bytes through a kernel-TLS socket" \
  equals "$(ktls_sends "$results/small.strace" sendfile_bytes)" "$tree_bytes"

# Over the VM's loopback: direct reads above the threshold.
check "loopback, large file: sent and received" status_ok "$results/large.status"
check "loopback, large file: the receiver finished" status_ok "$results/large.receiver.status"
check "loopback, large file: trees identical" same_trees "$work/large.manifest" "$results/large.manifest"
check "loopback, large file: the receiver's session is encrypted" \
  grep -q ', encrypted)$' "$results/large.receiver.out"
check "loopback, large file: strategy direct" equals "$(file_strategies "$results/large.out")" direct
check "loopback, large file: opened with O_DIRECT" grep -q 'large\.bin.*O_DIRECT' "$results/large.strace"
check "loopback, large file: the sender's session is encrypted-kernel-tls" \
  equals "$(session_mode "$results/large.out")" encrypted-kernel-tls
check "loopback, large file: all $large_bytes bytes written to a kernel-TLS socket" \
  at_least "$(ktls_sends "$results/large.strace" write_bytes)" "$large_bytes"
check "loopback, large file: written in blocks larger than one TLS record (16 KiB)" \
  at_least "$(ktls_sends "$results/large.strace" largest_write)" 16385

# Across QEMU's network: the VM's kernel TLS against this machine's user-space TLS.
check "VM -> host: sent" status_ok "$results/to-host.status"
check "VM -> host: the host's receiver finished" status_ok "$work/host-receiver.status"
check "VM -> host: trees identical" same_trees "$work/tree.manifest" "$work/to-host.manifest"
check "VM -> host: the VM's session is encrypted-kernel-tls" \
  equals "$(session_mode "$results/to-host.out")" encrypted-kernel-tls
check "VM -> host: the host's receiver's session is encrypted" grep -q ', encrypted)$' "$work/host-receiver.out"
check "host -> VM: sent" status_ok "$work/host-send.status"
check "host -> VM: the VM's receiver finished" status_ok "$results/from-host.receiver.status"
check "host -> VM: trees identical" same_trees "$work/host-tree.manifest" "$results/from-host.manifest"
check "host -> VM: the host's session is encrypted (user-space TLS)" \
  equals "$(session_mode "$work/host-send.json")" encrypted
check "host -> VM: the VM's receiver's session is encrypted" \
  grep -q ', encrypted)$' "$results/from-host.receiver.out"

# The kernel's own count of software kernel-TLS transmit sessions.
tls_stat() { sed -n "s/^$2[[:space:]]*//p" "$1" 2>/dev/null; }
tx_before=$(tls_stat "$results/tls_stat.before" TlsTxSw)
tx_after=$(tls_stat "$results/tls_stat.after" TlsTxSw)
echo "ktls-vm: kernel-TLS sessions in the VM's /proc/net/tls_stat: transmit ${tx_before:-?} before," \
  "${tx_after:-?} after; receive $(tls_stat "$results/tls_stat.after" TlsRxSw) after"
check "the VM's kernel counted a kernel-TLS transmit session for each of its 3 sends" \
  at_least "$((${tx_after:-0} - ${tx_before:-0}))" 3

if ((check_failures > 0)); then
  echo "ktls-vm: $check_failures check(s) failed"
  exit 1
fi
echo "ktls-vm: all checks passed"
