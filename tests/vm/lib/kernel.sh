# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Debian's stock kernel for the VM, fetched as a package and unpacked, never
# installed. Sourced by ktls-vm.sh.
#
#   vm_kernel_fetch CACHE    sets vm_kernel_image (the vmlinuz) and
#                            vm_kernel_modules (its /lib/modules/VERSION)
#
# linux-image-amd64 is only a meta package: its versioned dependency (e.g.
# linux-image-6.1.0-57-amd64 on Debian 12) holds the kernel. Each version is
# unpacked into CACHE/<package>_<version> once; without apt (offline), the
# newest one already there is used.

vm_kernel_fetch() {
  local cache=$1 package version unpacked
  mkdir -p "$cache"
  package=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n 1)
  if [[ -n $package ]]; then
    version=$(apt-cache policy "$package" | sed -n 's/^ *Candidate: //p')
    unpacked=$cache/${package}_$version
    [[ -d $unpacked/boot ]] || vm_kernel_unpack "$package" "$version" "$unpacked" || return 1
  else
    unpacked=$(find "$cache" -mindepth 1 -maxdepth 1 -type d -name 'linux-image-*' | sort -V | tail -n 1)
    [[ -n $unpacked ]] || { echo "ktls-vm: apt knows no linux-image-amd64 and $cache holds no kernel (apt-get update?)" >&2; return 1; }
  fi
  vm_kernel_image=$(find "$unpacked/boot" -name 'vmlinuz-*' | head -n 1)
  vm_kernel_modules=$(find "$unpacked/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [[ -f $vm_kernel_image && -d $vm_kernel_modules ]] || { echo "ktls-vm: $unpacked holds no kernel" >&2; return 1; }
}

vm_kernel_unpack() {
  local package=$1 version=$2 unpacked=$3 download status
  # apt downloads as its _apt user: into a folder of its own that it can reach.
  download=$(mktemp -d "${TMPDIR:-/tmp}/ferry-vm-kernel.XXXXXX")
  chmod 0777 "$download"
  echo "ktls-vm: downloading $package $version (once; cached in $(dirname "$unpacked"))" >&2
  status=1
  if (cd "$download" && apt-get download -q "$package=$version" >&2) &&
     dpkg -x "$download"/*.deb "$download/root"; then
    rm -rf "$unpacked" "$unpacked.partial" && mv "$download/root" "$unpacked.partial" &&
      mv "$unpacked.partial" "$unpacked" && status=0
  fi
  rm -rf "$download"
  ((status == 0)) || echo "ktls-vm: apt-get download $package=$version or its unpacking failed" >&2
  # Older kernels unpacked here are 400 MB each: keep only this one.
  ((status == 0)) && find "$(dirname "$unpacked")" -mindepth 1 -maxdepth 1 -type d -name 'linux-image-*' \
    ! -path "$unpacked" -exec rm -rf {} +
  return $status
}
