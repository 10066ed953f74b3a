// SPDX-License-Identifier: Apache-2.0
// appimage-inspect IMAGE: what Debian's libappimage (an implementation
// independent of ours) makes of an image: "type=N offset=M".
#include <appimage/appimage.h>

#include <stdint.h>
#include <stdio.h>

int main(int argc, char *argv[]) {
  if (argc != 2) {
    fprintf(stderr, "usage: appimage-inspect IMAGE\n");
    return 2;
  }
  int type = appimage_get_type(argv[1], false);
  off_t offset = appimage_get_payload_offset(argv[1]);
  printf("type=%d offset=%jd\n", type, (intmax_t)offset);
  return type < 0 ? 1 : 0;
}
