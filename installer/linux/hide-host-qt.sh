#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# hide-host-qt.sh HOST_QT_PROGRAM QT_PLUGINS_DIR COMMAND...
# Runs COMMAND as on a machine without the host's Qt: in a private mount
# namespace, /dev/null is mounted over every Qt library in the folder that
# HOST_QT_PROGRAM (a program built against the host's Qt) loads QtCore from,
# and an empty tmpfs over Qt's plugin folder. HOST_QT_PROGRAM --version must then fail, or the hiding did
# not work. Without mount namespaces (not root), runs COMMAND as it is and
# says so.
set -euo pipefail

if [[ -z ${FERRY_HOST_QT_HIDDEN-} ]]; then
  if ! unshare --mount true 2>/dev/null; then
    echo "hide-host-qt: no private mount namespace here (needs root): the host's Qt stays visible"
    exec "${@:3}"
  fi
  exec env FERRY_HOST_QT_HIDDEN=1 unshare --mount --propagation private "$0" "$@"
fi

host_program=$1
qt_plugins=$2
shift 2
qt_core=$(ldd "$host_program" | awk '$1 ~ /^libQt6Core/ { print $3 }')
if [[ -z $qt_core ]]; then
  echo "hide-host-qt: $host_program does not load QtCore" >&2
  exit 1
fi
mapfile -t qt_libraries < <(find "$(dirname "$(readlink -f "$qt_core")")" -maxdepth 1 -type f -name 'libQt6*.so*')
for library in "${qt_libraries[@]}"; do mount --bind /dev/null "$library"; done
mount -t tmpfs hidden-qt-plugins "$qt_plugins"
if "$host_program" --version >/dev/null 2>&1; then
  echo "hide-host-qt: $host_program still starts: the host's Qt is not hidden" >&2
  exit 1
fi
echo "hide-host-qt: ${#qt_libraries[@]} Qt libraries and $qt_plugins hidden"
exec "$@"
