// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry {

// What a file was besides its bytes and time, where both systems have it
// (docs/protocol.md, OFFER). Always false for folders.
struct FileAttributes {
  bool executable = false;  // Linux: the owner may execute it (Windows has no such bit)
  bool read_only = false;   // Linux: the owner may not write it; Windows: FILE_ATTRIBUTE_READONLY
  bool operator==(const FileAttributes&) const = default;
};

}  // namespace ferry
