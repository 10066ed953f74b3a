// SPDX-License-Identifier: Apache-2.0
// Copies the embedded squashfs out to a directory, without FUSE.
#pragma once

#include <sys/types.h>

// Writes every file, folder and symlink of the squashfs at offset in image
// below dir (created when missing; existing files are replaced). Returns 0,
// or -1 after saying on stderr which entry failed and why.
int extract_image(const char *image, off_t offset, const char *dir);
