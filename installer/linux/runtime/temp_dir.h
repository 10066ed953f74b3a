// SPDX-License-Identifier: Apache-2.0
// Private temporary directories for the mount point and extract-and-run.
#pragma once

#include <limits.h>

// Creates a new directory "$TMPDIR/<prefix>XXXXXX" (TMPDIR defaults to /tmp),
// writing its path to out. Returns 0, or -1 after saying why on stderr.
int make_temp_dir(const char *prefix, char out[PATH_MAX]);

// Deletes dir and everything below it, never following symlinks. Returns 0, or
// -1 after saying on stderr what could not be removed.
int remove_tree(const char *dir);
