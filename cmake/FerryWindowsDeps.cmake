# SPDX-License-Identifier: Apache-2.0
# Header-only dependencies of the Windows build. Cross-building, Debian's
# Boost, spdlog, fmt and xxHash headers are OS-neutral, but /usr/include itself
# must never be on the cross compiler's include path (glibc headers would
# shadow mingw's), so the build folder gets a folder of symlinks to just these
# four. Building natively on Windows, they come with the toolchain's packages
# (e.g. MSYS2's mingw64/include).
if(CMAKE_CROSSCOMPILING)
  set(FERRY_HEADER_DIR "${CMAKE_BINARY_DIR}/host-headers")
  file(MAKE_DIRECTORY "${FERRY_HEADER_DIR}")
  foreach(entry IN ITEMS boost spdlog fmt xxhash.h)
    if(NOT EXISTS "/usr/include/${entry}")
      message(FATAL_ERROR "/usr/include/${entry} is missing: run scripts/install-deps.sh")
    endif()
    file(CREATE_LINK "/usr/include/${entry}" "${FERRY_HEADER_DIR}/${entry}" SYMBOLIC)
  endforeach()
else()
  find_path(FERRY_HEADER_DIR boost/asio.hpp REQUIRED)
endif()

function(ferry_header_only_target name)
  # Imported, so its include folder counts as a system one: warnings inside
  # these headers are not ours to fix.
  add_library(${name} INTERFACE IMPORTED)
  target_include_directories(${name} INTERFACE "${FERRY_HEADER_DIR}")
  target_compile_definitions(${name} INTERFACE ${ARGN})
endfunction()

ferry_header_only_target(Boost::headers)
ferry_header_only_target(fmt::fmt FMT_HEADER_ONLY)
# spdlog defines SPDLOG_HEADER_ONLY empty itself; the same empty value here
# keeps that from being a redefinition.
ferry_header_only_target(spdlog::spdlog SPDLOG_HEADER_ONLY= FMT_HEADER_ONLY)
ferry_header_only_target(Ferry::xxhash XXH_INLINE_ALL)
