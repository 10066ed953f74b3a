// SPDX-License-Identifier: Apache-2.0
#include "elf_size.h"

#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static int read_exact(int fd, void *buf, size_t size, off_t offset) {
  ssize_t got = pread(fd, buf, size, offset);
  if (got == (ssize_t)size) return 0;
  if (got >= 0) errno = ENOEXEC;  // truncated file
  return -1;
}

static off_t max_off(off_t a, off_t b) { return a > b ? a : b; }

off_t elf_file_size(int fd) {
  Elf64_Ehdr eh;
  if (read_exact(fd, &eh, sizeof eh, 0) != 0) return -1;
  const unsigned char host_order = __BYTE_ORDER == __LITTLE_ENDIAN ? ELFDATA2LSB : ELFDATA2MSB;
  if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_ident[EI_DATA] != host_order || eh.e_shentsize != sizeof(Elf64_Shdr) ||
      (eh.e_phnum != 0 && eh.e_phentsize != sizeof(Elf64_Phdr))) {
    errno = ENOEXEC;
    return -1;
  }

  // With 0xff00 sections or more, e_shnum is 0 and section 0 holds the count.
  Elf64_Xword shnum = eh.e_shnum;
  if (shnum == 0 && eh.e_shoff != 0) {
    Elf64_Shdr first;
    if (read_exact(fd, &first, sizeof first, (off_t)eh.e_shoff) != 0) return -1;
    shnum = first.sh_size;
  }

  off_t end = max_off((off_t)sizeof eh, (off_t)(eh.e_phoff + (Elf64_Off)eh.e_phnum * sizeof(Elf64_Phdr)));
  end = max_off(end, (off_t)(eh.e_shoff + shnum * sizeof(Elf64_Shdr)));
  for (Elf64_Xword i = 0; i < shnum; ++i) {
    Elf64_Shdr sh;
    if (read_exact(fd, &sh, sizeof sh, (off_t)(eh.e_shoff + i * sizeof sh)) != 0) return -1;
    if (sh.sh_type != SHT_NOBITS) end = max_off(end, (off_t)(sh.sh_offset + sh.sh_size));
  }
  for (Elf64_Half i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    if (read_exact(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) != 0) return -1;
    end = max_off(end, (off_t)(ph.p_offset + ph.p_filesz));
  }
  return end;
}
