// SPDX-License-Identifier: Apache-2.0
// The AppImage type-2 runtime: the ELF at the start of every Ferry AppImage.
// The squashfs image of the AppDir follows it directly in the same file.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_size.h"
#include "extract.h"
#include "launch.h"
#include "mount.h"
#include "temp_dir.h"

// Update information for AppImageUpdate-style tools: empty, but where they look.
__attribute__((section(".upd_info"), used)) static const char update_info[1024];

static const char usage[] =
    "AppImage runtime options (the first argument; anything else goes to the app):\n"
    "  --appimage-extract          write the contents to ./squashfs-root\n"
    "  --appimage-extract-and-run  run from a temporary copy instead of a FUSE mount\n"
    "                              (also when APPIMAGE_EXTRACT_AND_RUN=1)\n"
    "  --appimage-offset           print where the squashfs starts in the file\n"
    "  --appimage-help             print this\n";

static int find_payload(const char *image, off_t *offset) {
  int fd = open(image, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "appimage runtime: cannot open %s: %s\n", image, strerror(errno));
    return -1;
  }
  *offset = elf_file_size(fd);
  int error = errno;
  close(fd);
  if (*offset < 0) {
    fprintf(stderr, "appimage runtime: cannot read the ELF headers of %s: %s\n", image, strerror(error));
    return -1;
  }
  return 0;
}

static _Noreturn void extract_and_run(const char *image, off_t offset, const char *argv0, char *const args[],
                                      const sigset_t *child_mask) {
  char dir[PATH_MAX];
  if (make_temp_dir("appimage_extracted_", dir) != 0) exit(127);
  int status = extract_image(image, offset, dir) == 0
                   ? launch_apprun(dir, image, argv0, args, child_mask)
                   : -1;
  remove_tree(dir);
  exit_like(status);
}

static _Noreturn void mount_and_run(const char *image, off_t offset, const char *argv0, char *const args[],
                                    const sigset_t *child_mask) {
  struct image_mount mount;
  if (mount_image(&mount, image, offset) != 0) exit(127);
  int status = launch_apprun(mount.dir, image, argv0, args, child_mask);
  unmount_image(&mount);
  exit_like(status);
}

int main(int argc, char *argv[]) {
  char image[PATH_MAX];
  ssize_t length = readlink("/proc/self/exe", image, sizeof image - 1);
  if (length < 0) {
    fprintf(stderr, "appimage runtime: cannot find its own file (/proc/self/exe): %s\n", strerror(errno));
    return 127;
  }
  image[length] = '\0';
  off_t offset;
  if (find_payload(image, &offset) != 0) return 127;

  const char *argv0 = argc > 0 ? argv[0] : image;
  const char *option = argc > 1 ? argv[1] : "";
  if (strcmp(option, "--appimage-offset") == 0) {
    printf("%jd\n", (intmax_t)offset);
    return 0;
  }
  if (strcmp(option, "--appimage-extract") == 0) return extract_image(image, offset, "squashfs-root") == 0 ? 0 : 1;
  if (strcmp(option, "--appimage-help") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  if (strncmp(option, "--appimage-", 11) == 0 && strcmp(option, "--appimage-extract-and-run") != 0) {
    fprintf(stderr, "appimage runtime: unknown option %s\n%s", option, usage);
    return 2;
  }

  sigset_t child_mask;
  launch_block_signals(&child_mask);
  const char *force_extract = getenv("APPIMAGE_EXTRACT_AND_RUN");
  if (strcmp(option, "--appimage-extract-and-run") == 0)
    extract_and_run(image, offset, argv0, argv + 2, &child_mask);
  if (force_extract != NULL && strcmp(force_extract, "1") == 0)
    extract_and_run(image, offset, argv0, argv + (argc > 0), &child_mask);
  mount_and_run(image, offset, argv0, argv + (argc > 0), &child_mask);
}
