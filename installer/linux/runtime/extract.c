// SPDX-License-Identifier: Apache-2.0
#define _GNU_SOURCE
#include "extract.h"

#include <squashfuse/squashfuse.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what, const char *path) {
  fprintf(stderr, "appimage runtime: cannot %s %s: %s\n", what, path, strerror(errno));
  return -1;
}

static int write_all(int fd, const char *data, size_t size) {
  while (size > 0) {
    ssize_t done = write(fd, data, size);
    if (done < 0 && errno == EINTR) continue;
    if (done < 0) return -1;
    data += done;
    size -= (size_t)done;
  }
  return 0;
}

static int extract_file(sqfs *fs, sqfs_inode *inode, const char *path) {
  unlink(path);  // replace, and never write through a symlink left there
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, inode->base.mode & 07777);
  if (fd < 0) return fail("create", path);
  static char buffer[1 << 16];
  for (sqfs_off_t at = 0; at < (sqfs_off_t)inode->xtra.reg.file_size;) {
    sqfs_off_t size = sizeof buffer;
    if (sqfs_read_range(fs, inode, at, &size, buffer) != SQFS_OK || size <= 0) {
      errno = EIO;
      close(fd);
      return fail("read from the image", path);
    }
    if (write_all(fd, buffer, (size_t)size) != 0) {
      close(fd);
      return fail("write", path);
    }
    at += size;
  }
  return close(fd) == 0 ? 0 : fail("write", path);
}

static int extract_symlink(sqfs *fs, sqfs_inode *inode, const char *path) {
  char target[PATH_MAX];
  size_t size = sizeof target;
  if (sqfs_readlink(fs, inode, target, &size) != SQFS_OK) {
    errno = EIO;
    return fail("read the link", path);
  }
  unlink(path);
  return symlink(target, path) == 0 ? 0 : fail("create the symlink", path);
}

static int extract_entry(sqfs *fs, sqfs_traverse *trv, const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, trv->path) >= (int)sizeof path) {
    errno = ENAMETOOLONG;
    return fail("write", trv->path);
  }
  sqfs_inode inode;
  if (sqfs_inode_get(fs, &inode, trv->entry.inode) != SQFS_OK) {
    errno = EIO;
    return fail("read the inode of", path);
  }
  switch (sqfs_mode(inode.base.inode_type) & S_IFMT) {
    case S_IFDIR:  // owner-writable so its entries can be written
      if (mkdir(path, (inode.base.mode & 07777) | S_IRWXU) != 0 && errno != EEXIST)
        return fail("create the folder", path);
      return 0;
    case S_IFREG:
      return extract_file(fs, &inode, path);
    case S_IFLNK:
      return extract_symlink(fs, &inode, path);
    default:  // devices, fifos and sockets have no place in an AppDir
      fprintf(stderr, "appimage runtime: skipping %s: not a file, folder or symlink\n", path);
      return 0;
  }
}

int extract_image(const char *image, off_t offset, const char *dir) {
  if (mkdir(dir, 0755) != 0 && errno != EEXIST) return fail("create the folder", dir);
  sqfs fs;
  if (sqfs_open_image(&fs, image, (size_t)offset) != SQFS_OK) {
    fprintf(stderr, "appimage runtime: no squashfs file system at offset %jd of %s\n",
            (intmax_t)offset, image);
    return -1;
  }
  sqfs_traverse trv;
  sqfs_err error = sqfs_traverse_open(&trv, &fs, sqfs_inode_root(&fs));
  if (error != SQFS_OK) {
    fprintf(stderr, "appimage runtime: cannot read the root folder of the squashfs in %s\n", image);
    sqfs_destroy(&fs);
    return -1;
  }
  int result = 0;
  while (result == 0 && sqfs_traverse_next(&trv, &error)) {
    if (!trv.dir_end) result = extract_entry(&fs, &trv, dir);
  }
  if (result == 0 && error != SQFS_OK) {
    fprintf(stderr, "appimage runtime: the squashfs in %s is damaged (error %d)\n", image, (int)error);
    result = -1;
  }
  sqfs_traverse_close(&trv);
  sqfs_destroy(&fs);
  return result;
}
