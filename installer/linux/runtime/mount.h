// SPDX-License-Identifier: Apache-2.0
// The embedded squashfs, mounted read-only through FUSE and served by a thread
// of the runtime for as long as the image runs.
#pragma once

#include <limits.h>
#include <pthread.h>
#include <sys/types.h>

struct fuse_session;
struct sqfs_ll;

struct image_mount {
  char dir[PATH_MAX];  // the mount point, a fresh directory under TMPDIR
  struct sqfs_ll *fs;
  struct fuse_session *session;
  pthread_t server;
};

// Opens the squashfs at offset in image, mounts it on a new temporary
// directory and starts serving it. Returns 0, or -1 after saying why on stderr
// (nothing is left mounted or created then).
int mount_image(struct image_mount *m, const char *image, off_t offset);

// Unmounts (lazily: the kernel detaches the mount at once and the thread
// serves whoever still has files open until they close them), waits for the
// server thread, and removes the mount point.
void unmount_image(struct image_mount *m);
