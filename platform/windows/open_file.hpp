// SPDX-License-Identifier: Apache-2.0
#pragma once
// CreateFileW as every Ferry file handle needs it.
#include <windows.h>

#include <string>

#include "unique_handle.hpp"

namespace ferry::platform::windows_impl {

// Opens or creates `wide_path` (see extended_path) with `access`. Others may
// keep reading, writing, renaming and deleting the file, as on Linux. On
// failure the handle is invalid and GetLastError() says why.
inline UniqueHandle open_file(const std::wstring& wide_path, DWORD access, DWORD disposition, DWORD flags) {
  return UniqueHandle(::CreateFileW(wide_path.c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                    nullptr, disposition, flags, nullptr));
}

}  // namespace ferry::platform::windows_impl
