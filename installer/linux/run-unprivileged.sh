#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run-unprivileged.sh COMMAND...
# Runs COMMAND as the user nobody, so that an AppImage mounts itself the way it
# does for desktop users: through the setuid fusermount3. It runs in a private
# mount namespace whose /dev/fuse is readable and writable by all, as desktop
# systems have it (some containers make it root-only, and libfuse then fails
# on opening it before it tries fusermount3). Exits 77 when it cannot do
# that here (not root, no mount namespaces, no user nobody).
set -euo pipefail

if [[ -z ${FERRY_UNPRIVILEGED_NAMESPACE-} ]]; then
  if ((EUID != 0)) || ! id nobody >/dev/null 2>&1 || ! unshare --mount true 2>/dev/null; then
    echo "run-unprivileged: needs root, mount namespaces and a user nobody" >&2
    exit 77
  fi
  exec env FERRY_UNPRIVILEGED_NAMESPACE=1 unshare --mount --propagation private "$0" "$@"
fi

node_dir=$(mktemp -d)
mknod -m 666 "$node_dir/fuse" c "$((16#$(stat -c %t /dev/fuse)))" "$((16#$(stat -c %T /dev/fuse)))"
mount --bind "$node_dir/fuse" /dev/fuse
rm -r "$node_dir"  # the bind mount keeps the node
exec setpriv --reuid=nobody --regid=nogroup --clear-groups --reset-env -- "$@"
