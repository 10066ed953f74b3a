// SPDX-License-Identifier: Apache-2.0
#define _XOPEN_SOURCE 700
#include "temp_dir.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int make_temp_dir(const char *prefix, char out[PATH_MAX]) {
  const char *tmp = getenv("TMPDIR");
  if (tmp == NULL || *tmp == '\0') tmp = "/tmp";
  if (snprintf(out, PATH_MAX, "%s/%sXXXXXX", tmp, prefix) >= PATH_MAX) {
    fprintf(stderr, "appimage runtime: TMPDIR is too long: %s\n", tmp);
    return -1;
  }
  if (mkdtemp(out) == NULL) {
    fprintf(stderr, "appimage runtime: cannot create a directory %s: %s\n", out, strerror(errno));
    return -1;
  }
  return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)type;
  (void)ftw;
  if (remove(path) != 0) {
    fprintf(stderr, "appimage runtime: cannot remove %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

int remove_tree(const char *dir) {
  return nftw(dir, remove_entry, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
