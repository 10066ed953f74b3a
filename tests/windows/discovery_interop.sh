#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Discovery across OSes: the Linux ferry-cli and ferry-cli.exe under Wine on
# an Ethernet segment of network namespaces this script makes (a bridge in a
# namespace of its own, two hosts, 198.18.0.N/24: RFC 2544's test range);
# nothing outside them is touched. Wine creates sockets in its wineserver, so
# the Windows host gets a Wine prefix and wineserver of its own, started inside
# its namespace. Each side must list the other over IPv4 (Wine: IPv6 too), and
# a send to the address Linux discovered for the Windows receiver must land.
# Then the switch drops multicast, as snooping switches without a querier do,
# and each side must find the other through the unicast sweep of its /24.
# Needs root; exits 77 (skipped) otherwise.
#   discovery_interop.sh LINUX_FERRY_CLI WINDOWS_FERRY_CLI_EXE WINE_RUN
set -euo pipefail

linux_cli=$1
windows_cli=$2
wine_run=$3
if ((EUID != 0)); then
  echo "discovery_interop: needs root for network namespaces; skipped"
  exit 77
fi

work=$(mktemp -d "${PWD}/discovery-interop.XXXXXX")
net=ferry-test-$$-wine
export WINEPREFIX=$work/wine-prefix
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  ip netns exec "$net-host2" wineserver -k 2>/dev/null || true
  for name in host1 host2 switch; do ip netns delete "$net-$name" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$net-switch"
ip -n "$net-switch" link add br0 type bridge
ip -n "$net-switch" link set br0 up
for host in 1 2; do
  ip netns add "$net-host$host"
  ip netns exec "$net-host$host" sysctl -qw net.ipv6.conf.default.accept_dad=0
  ip -n "$net-switch" link add "port$host" type veth peer name eth0 netns "$net-host$host"
  ip -n "$net-switch" link set "port$host" master br0 up
  ip -n "$net-host$host" address add "198.18.0.$host/24" dev eth0
  ip -n "$net-host$host" link set eth0 up
done

linux() { FERRY_CONFIG_DIR=$work/linux-config ip netns exec "$net-host1" "$linux_cli" "$@"; }
windows() { FERRY_CONFIG_DIR=Z:$work/windows-config ip netns exec "$net-host2" "$wine_run" "$windows_cli" "$@"; }

WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=;mshtml=' ip netns exec "$net-host2" wine wineboot --init >/dev/null 2>&1

mkdir -p "$work/linux-received" "$work/windows-received"
linux receive --dir "$work/linux-received" --accept-all --name linux-host --announce-interval 1s \
  >"$work/linux-receiver.log" 2>&1 &
pids+=($!)
windows receive --dir "Z:$work/windows-received" --accept-all --name windows-host --announce-interval 1s \
  >"$work/windows-receiver.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
  grep -q '^Listening on' "$work/windows-receiver.log" && break
  sleep 0.1
done

windows peers --json --timeout 4 >"$work/windows-peers.json"
linux peers --json --timeout 4 >"$work/linux-peers.json"

fail() {
  echo "discovery_interop: $1" >&2
  cat "$work"/*.json "$work"/*.log >&2
  exit 1
}
# The final "peer" line about NAME in FILE.
peer_line() { grep '"type":"peer",' "$2" | grep "\"name\":\"$1\"" || true; }

seen_by_windows=$(peer_line linux-host "$work/windows-peers.json")
[[ $seen_by_windows == *'"os":"linux"'* ]] || fail "ferry-cli.exe did not list the Linux receiver"
[[ $seen_by_windows == *'"198.18.0.1:53740"'* ]] || fail "ferry-cli.exe did not hear the Linux receiver over IPv4"
[[ $seen_by_windows =~ \"\[fe80::[0-9a-f:]+%[0-9]+\]:53740\" ]] ||
  fail "ferry-cli.exe did not hear the Linux receiver over IPv6"
seen_by_linux=$(peer_line windows-host "$work/linux-peers.json")
[[ $seen_by_linux == *'"os":"windows"'* ]] || fail "the Linux ferry-cli did not list the Windows receiver"
[[ $seen_by_linux == *'"198.18.0.2:53740"'* ]] || fail "the Linux ferry-cli did not hear the Windows receiver over IPv4"

mkdir -p "$work/source/folder"
head -c 300001 /dev/urandom >"$work/source/folder/data.bin"
linux send 198.18.0.2:53740 "$work/source/folder" >"$work/send.log" 2>&1 || fail "send to the discovered Windows receiver failed"
diff -r "$work/source/folder" "$work/windows-received/folder" || fail "the received folder differs"

# Turning snooping off and on forgets the memberships learned so far; new ones
# expire after 10 ms, and no port floods groups nobody is a member of.
ip -n "$net-switch" link set br0 type bridge mcast_snooping 0
ip -n "$net-switch" link set br0 type bridge mcast_snooping 1 mcast_membership_interval 1
for host in 1 2; do bridge -n "$net-switch" link set dev "port$host" mcast_flood off; done
windows peers --json --timeout 5 -v >"$work/windows-peers-unicast.json" 2>"$work/windows-peers-unicast.log"
linux peers --json --timeout 5 -v >"$work/linux-peers-unicast.json" 2>"$work/linux-peers-unicast.log"
grep -q 'looking by unicast' "$work/windows-peers-unicast.log" || fail "ferry-cli.exe did not sweep without multicast"
grep -q 'looking by unicast' "$work/linux-peers-unicast.log" || fail "the Linux ferry-cli did not sweep without multicast"
[[ $(peer_line linux-host "$work/windows-peers-unicast.json") == *'"198.18.0.1:53740"'* ]] ||
  fail "ferry-cli.exe did not find the Linux receiver by unicast"
[[ $(peer_line windows-host "$work/linux-peers-unicast.json") == *'"198.18.0.2:53740"'* ]] ||
  fail "the Linux ferry-cli did not find the Windows receiver by unicast"
echo "discovery_interop: Linux and Windows found each other, with multicast and by unicast, and a send landed"
