#!/bin/busybox sh
# SPDX-License-Identifier: Apache-2.0
# /init of the kernel-TLS VM (tests/vm/ktls-vm.sh builds the image): loads
# the kernel modules, runs the guest's part of the test and powers off.
# Every step's output, exit status and strace go to /results on the virtio
# disk, which the host reads back; the serial console gets one
# "FERRY-VM: ..." line per step. Checking is the host's job.
# busybox ash has "local".
# shellcheck shell=sh disable=SC3043 source-path=SCRIPTDIR
/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp /mnt
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
export PATH=/ferry/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/tmp LANG=C.UTF-8
# shellcheck source=/dev/null
. /etc/vm.conf
# shellcheck source=lib/manifest.sh
. /etc/manifest.sh

say() { echo "FERRY-VM: $* (at $(cut -d ' ' -f 1 /proc/uptime) s)"; }

power_off() {
  sync
  umount /mnt 2>/dev/null
  say "power off"
  poweroff -f
}

wait_for() {  # SECONDS TEST...
  local seconds="$1"
  shift
  while ! "$@"; do
    [ "$seconds" -gt 0 ] || return 1
    seconds=$((seconds - 1))
    sleep 1
  done
}

# run NAME SECONDS COMMAND...: NAME.out, NAME.err and NAME.status in /results.
run() {
  local name="$1" seconds="$2"
  shift 2
  say "$name: start"
  timeout "$seconds" "$@" >"$results/$name.out" 2>"$results/$name.err"
  echo $? >"$results/$name.status"
  say "$name: exit status $(cat "$results/$name.status")"
}

# start_receiver NAME DIR ADDRESS PORT SECONDS: a ferry-cli receiver for one
# session in the background, returned once it listens.
start_receiver() {
  local name="$1" dir="$2" address="$3" port="$4" seconds="$5"
  mkdir -p "$dir"
  timeout "$seconds" ferry-cli receive --dir "$dir" --bind "$address" --port "$port" --accept-all --once \
    --no-announce --config-dir /tmp/receiver-config >"$results/$name.receiver.out" 2>"$results/$name.receiver.err" &
  receiver_pid=$!
  wait_for 60 grep -q '^Listening on' "$results/$name.receiver.out" || say "$name: the receiver did not start"
}

finish_receiver() {  # NAME
  wait "$receiver_pid"
  echo $? >"$results/$1.receiver.status"
}

# traced NAME SECONDS COMMAND...: run under strace -f, with every file
# descriptor named (-y) and no data (-s 0), into NAME.strace.
traced() {
  local name="$1" seconds="$2"
  shift 2
  run "$name" "$seconds" strace -f -y -s 0 -e signal=none \
    -e trace=openat,sendfile,write,writev,sendto,sendmsg,setsockopt,close,io_uring_enter \
    -o "$results/$name.strace" "$@"
}

hostname ferry-vm
say "kernel $(uname -r)"
while read -r module; do
  insmod "$module" || say "insmod $module failed"
done </etc/vm-modules
ip link set lo up
# QEMU's user network gives the guest 10.0.2.15/24.
{ ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up; } || say "no network"
if ! { wait_for 10 test -b /dev/vda && mount -t ext4 /dev/vda /mnt; }; then
  say "cannot mount the disk"
  power_off
fi
results=/mnt/results
mkdir -p "$results"
lsmod >"$results/lsmod"
cat /proc/net/tls_stat >"$results/tls_stat.before"

run test-kernel-tls 60 test_kernel_tls

# Guest -> host first: QEMU's guestfwd connected to the host's receiver when
# it started.
run to-host 180 ferry-cli send --json --config-dir /tmp/sender-config "$VM_HOST_ADDR:$VM_HOST_PORT" /mnt/tree

start_receiver small /mnt/recv-small 127.0.0.1 "$VM_LOOPBACK_PORT" 200
traced small 180 ferry-cli send --json --config-dir /tmp/sender-config "127.0.0.1:$VM_LOOPBACK_PORT" /mnt/tree
finish_receiver small
tree_manifest /mnt/recv-small/tree >"$results/small.manifest"

start_receiver large /mnt/recv-large 127.0.0.1 "$VM_LOOPBACK_PORT" 320
traced large 300 ferry-cli send --json --threshold 1M --config-dir /tmp/sender-config \
  "127.0.0.1:$VM_LOOPBACK_PORT" /mnt/large
finish_receiver large
tree_manifest /mnt/recv-large/large >"$results/large.manifest"

# Host -> guest: the host sends once it reads this marker on the console.
start_receiver from-host /mnt/from-host 0.0.0.0 "$VM_GUEST_PORT" 200
say "receiver ready"
finish_receiver from-host
tree_manifest /mnt/from-host/host-tree >"$results/from-host.manifest"

cat /proc/net/tls_stat >"$results/tls_stat.after"
dmesg >"$results/dmesg"
power_off
