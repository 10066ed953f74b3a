# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# The VM's initramfs: a folder staged on the host, packed as a gzipped cpio.
# Sourced by ktls-vm.sh.
#
#   vm_stage_program ROOT SOURCE DEST   copies a program to ROOT/DEST without
#                                       its debug sections, and every shared
#                                       library it loads (per ldd) to the same
#                                       path under ROOT
#   vm_stage_modules ROOT MODULES NAME...
#                                       copies the kernel modules NAME... and
#                                       the modules they depend on from
#                                       MODULES (/lib/modules/VERSION) and
#                                       writes ROOT/etc/vm-modules, the files
#                                       to insmod in order (dependencies first)
#   vm_pack_initramfs ROOT OUT          packs ROOT as newc cpio + gzip

vm_stage_program() {
  local root=$1 source=$2 dest=$3 library
  mkdir -p "$root/$(dirname "$dest")"
  objcopy --strip-debug "$source" "$root/$dest" || return 1
  while read -r library; do
    [[ -e $root/$library ]] && continue
    mkdir -p "$root/$(dirname "$library")"
    cp -L "$library" "$root/$library" || return 1
  done < <(ldd "$source" | sed -n -e 's/^.*=> \(\/[^ ]*\) .*$/\1/p' -e 's/^[[:space:]]*\(\/[^ ]*\) .*$/\1/p')
}

vm_stage_modules() {
  local root=$1 modules=$2 name
  shift 2
  local -A module_files=() staged=()
  local file key
  while read -r file; do
    key=$(basename "$file")
    key=${key%%.ko*}
    module_files[${key//-/_}]=$file
  done < <(find "$modules/kernel" -name '*.ko' -o -name '*.ko.xz')
  mkdir -p "$root/etc" "$root/lib/modules"
  : >"$root/etc/vm-modules"
  for name in "$@"; do
    vm_stage_module "${name//-/_}" || return 1
  done
}

# Depth first, so that a module is listed after everything it depends on.
vm_stage_module() {
  local key=$1 source dest dependency
  [[ -n ${staged[$key]:-} ]] && return 0
  staged[$key]=1
  source=${module_files[$key]:-}
  [[ -n $source ]] || { echo "ktls-vm: kernel module $key not found in $modules" >&2; return 1; }
  dest=/lib/modules/$key.ko
  case $source in
    *.xz) xz -dc "$source" >"$root$dest" ;;
    *) cp "$source" "$root$dest" ;;
  esac || return 1
  for dependency in $(objcopy -O binary --only-section=.modinfo "$root$dest" /dev/stdout |
                      tr '\0' '\n' | sed -n 's/^depends=//p' | tr ',' ' '); do
    vm_stage_module "${dependency//-/_}" || return 1
  done
  echo "$dest" >>"$root/etc/vm-modules"
}

vm_pack_initramfs() {
  local root=$1 out=$2
  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -1 >"$out"
}
