# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=sh
# A tree's manifest: one line per folder and per file (with its SHA-256), in
# byte order, so that two trees are identical exactly when their manifests
# are. Plain POSIX sh: sourced by ktls-vm.sh on the host and by the guest's
# /init under busybox.
#
#   tree_manifest DIR

tree_manifest() {
  (
    cd "$1" || exit 1
    find . -mindepth 1 -type d | LC_ALL=C sort | sed 's/^/folder /'
    find . -type f | LC_ALL=C sort | while IFS= read -r file; do
      echo "file $(sha256sum <"$file" | cut -d ' ' -f 1) $file"
    done
  )
}
