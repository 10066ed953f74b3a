#!/usr/bin/env bash
# Installs what is missing, builds with the linux preset and runs every test.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset linux
cmake --build --preset linux
ctest --preset linux
