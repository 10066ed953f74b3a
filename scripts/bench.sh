#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Ferry's benchmark in one command: installs what is missing (perf, OpenBSD
# netcat, gnuplot), builds ferry-cli and ferry-bench with the linux preset and
# runs ferry-bench with the given options (none: every scenario), printing
# markdown tables on stdout. Scenario P needs root for its memory cgroup.
#   scripts/bench.sh --scenario L --size 1G --data data > L.md
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh >&2
cmake --preset linux >&2
cmake --build --preset linux --target ferry-cli ferry-bench >&2
exec build/linux/bench/ferry-bench "$@"
