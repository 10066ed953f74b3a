// SPDX-License-Identifier: Apache-2.0
// Where the payload starts: the size of the runtime's own ELF file.
#pragma once

#include <sys/types.h>

// The number of bytes the ELF file open on fd occupies (headers, sections,
// segments and the section header table), or -1 with errno set (ENOEXEC when
// fd holds no 64-bit ELF of this machine's byte order).
off_t elf_file_size(int fd);
