# SPDX-License-Identifier: Apache-2.0
# One INTERFACE target carries the flags every Ferry target shares.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_package(Threads REQUIRED)
if(WIN32)
  include(${CMAKE_CURRENT_LIST_DIR}/FerryWindowsDeps.cmake)
else()
  find_package(Boost 1.81 REQUIRED)
  find_package(spdlog REQUIRED)
  find_package(fmt REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
  add_library(Ferry::xxhash ALIAS PkgConfig::XXHASH)
endif()
# TLS: Debian's libssl-dev on Linux; for mingw the static libraries that
# scripts/build-openssl-mingw.sh installs (found through cmake/ferry-windows.cmake).
find_package(OpenSSL 3 REQUIRED)

add_library(ferry_common INTERFACE)
target_compile_options(ferry_common INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
target_compile_definitions(ferry_common INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  FERRY_VERSION="${PROJECT_VERSION}")
target_link_libraries(ferry_common INTERFACE Threads::Threads)
if(WIN32)
  # Windows 10 APIs (FileStorageInfo, SetFileInformationByHandle); Winsock for Asio.
  target_compile_definitions(ferry_common INTERFACE _WIN32_WINNT=0x0A00 WIN32_LEAN_AND_MEAN NOMINMAX)
  target_link_libraries(ferry_common INTERFACE ws2_32 mswsock)
endif()
