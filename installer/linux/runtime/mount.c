// SPDX-License-Identifier: Apache-2.0
#define FUSE_USE_VERSION 32
#define _GNU_SOURCE
#include "mount.h"

#include <squashfuse/ll.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "temp_dir.h"

// squashfuse's low-level operations do the file system work; this file only
// wires them to a session.
static const struct fuse_lowlevel_ops squashfs_ops = {
    .lookup = sqfs_ll_op_lookup,
    .forget = sqfs_ll_op_forget,
    .getattr = sqfs_ll_op_getattr,
    .readlink = sqfs_ll_op_readlink,
    .open = sqfs_ll_op_open,
    .read = sqfs_ll_op_read,
    .release = sqfs_ll_op_release,
    .opendir = sqfs_ll_op_opendir,
    .readdir = sqfs_ll_op_readdir,
    .releasedir = sqfs_ll_op_releasedir,
    .statfs = stfs_ll_op_statfs,
    .getxattr = sqfs_ll_op_getxattr,
    .listxattr = sqfs_ll_op_listxattr,
    .create = sqfs_ll_op_create,
};

// "-o" option values separate with commas; libfuse takes "\," for a literal one.
static int append_escaped(char *out, size_t cap, const char *text) {
  size_t used = strlen(out);
  for (; *text != '\0'; ++text) {
    if (used + 3 > cap) return -1;
    if (*text == ',' || *text == '\\') out[used++] = '\\';
    out[used++] = *text;
  }
  out[used] = '\0';
  return 0;
}

static struct fuse_session *new_session(const char *image, struct sqfs_ll *fs) {
  char options[PATH_MAX * 2 + 64] = "ro,nodev,nosuid,subtype=appimage,fsname=";
  if (append_escaped(options, sizeof options, image) != 0) return NULL;
  char *argv[] = {"appimage-runtime", "-o", options, NULL};
  struct fuse_args args = FUSE_ARGS_INIT(3, argv);
  struct fuse_session *session = fuse_session_new(&args, &squashfs_ops, sizeof squashfs_ops, fs);
  fuse_opt_free_args(&args);
  return session;
}

static void *serve(void *session) {
  fuse_session_loop(session);
  return NULL;
}

static void close_fs(struct sqfs_ll *fs) {
  sqfs_ll_destroy(fs);
  free(fs);
}

int mount_image(struct image_mount *m, const char *image, off_t offset) {
  m->fs = sqfs_ll_open(image, (size_t)offset);
  if (m->fs == NULL) {
    fprintf(stderr, "appimage runtime: no squashfs file system at offset %jd of %s\n",
            (intmax_t)offset, image);
    return -1;
  }
  fcntl(m->fs->fs.fd, F_SETFD, FD_CLOEXEC);  // the app has no use for the image's fd
  const char *name = strrchr(image, '/');
  char prefix[16];
  snprintf(prefix, sizeof prefix, ".mount_%.6s", name != NULL ? name + 1 : image);
  if (make_temp_dir(prefix, m->dir) != 0) goto free_fs;
  m->session = new_session(image, m->fs);
  if (m->session == NULL) {
    fprintf(stderr, "appimage runtime: cannot set up a FUSE session for %s\n", image);
    goto remove_dir;
  }
  if (fuse_session_mount(m->session, m->dir) != 0) {
    // libfuse has said why just before (e.g. "fuse: device not found").
    fprintf(stderr,
            "appimage runtime: cannot mount %s on %s through FUSE; "
            "--appimage-extract-and-run runs the image without FUSE\n",
            image, m->dir);
    goto destroy_session;
  }
  int error = pthread_create(&m->server, NULL, serve, m->session);
  if (error == 0) return 0;
  fprintf(stderr, "appimage runtime: cannot start the FUSE thread: %s\n", strerror(error));
  fuse_session_unmount(m->session);
destroy_session:
  fuse_session_destroy(m->session);
remove_dir:
  rmdir(m->dir);
free_fs:
  close_fs(m->fs);
  return -1;
}

void unmount_image(struct image_mount *m) {
  fuse_session_exit(m->session);
  fuse_session_unmount(m->session);
  pthread_join(m->server, NULL);
  fuse_session_destroy(m->session);
  if (rmdir(m->dir) != 0)
    fprintf(stderr, "appimage runtime: cannot remove the mount point %s: %s\n", m->dir, strerror(errno));
  close_fs(m->fs);
}
