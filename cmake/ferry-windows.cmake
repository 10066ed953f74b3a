# SPDX-License-Identifier: Apache-2.0
# Toolchain of the "windows" preset: mingw-w64 plus what the scripts build for
# it into Ferry's cache folder: Qt for mingw (scripts/build-qt-mingw.sh), set
# up the way Qt's own qt.toolchain.cmake would (its install prefix searched as
# a find root, Debian's host Qt tools through QT_HOST_PATH), and OpenSSL's
# static libraries (scripts/build-openssl-mingw.sh), found by FindOpenSSL
# under a find root of their own.
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-x86_64.cmake)

# VAR names the install folder: the cache variable, else the environment
# variable, else NAME in ${XDG_CACHE_HOME:-$HOME/.cache}/ferry (the script's
# default too).
macro(ferry_mingw_install var name description)
  if(NOT ${var})
    if(DEFINED ENV{${var}})
      set(${var} "$ENV{${var}}")
    elseif(DEFINED ENV{XDG_CACHE_HOME})
      set(${var} "$ENV{XDG_CACHE_HOME}/ferry/${name}")
    else()
      set(${var} "$ENV{HOME}/.cache/ferry/${name}")
    endif()
  endif()
  set(${var} "${${var}}" CACHE PATH "${description}")
  # try_compile projects get the toolchain file again, and need the same.
  list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ${var})
  list(PREPEND CMAKE_PREFIX_PATH "${${var}}")
  list(PREPEND CMAKE_FIND_ROOT_PATH "${${var}}")
endmacro()

ferry_mingw_install(FERRY_QT_MINGW_DIR qt6-mingw-6.4.2 "Qt 6 built for mingw-w64")
set(QT_HOST_PATH /usr CACHE PATH "Qt host tools (Debian's qt6-base-dev-tools)")

ferry_mingw_install(FERRY_OPENSSL_MINGW_DIR openssl-mingw-3.0 "OpenSSL 3 static libraries built for mingw-w64")
# FindOpenSSL then links what libcrypto imports: Winsock and the certificate
# store (ws2_32, crypt32); the mingw driver always links the rest (advapi32,
# user32, kernel32).
set(OPENSSL_USE_STATIC_LIBS ON)
