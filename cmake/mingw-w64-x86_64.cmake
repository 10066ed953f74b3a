# SPDX-License-Identifier: Apache-2.0
# Cross toolchain: Windows x86-64 with Debian's mingw-w64, posix thread model
# (the win32 model has no std::mutex, which spdlog needs). Used for Ferry's
# "windows" preset and for building Qt for mingw (scripts/build-qt-mingw.sh).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(FERRY_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${FERRY_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${FERRY_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${FERRY_MINGW_TRIPLE}-windres)

# Libraries and packages come from the mingw sysroot only; programs (moc,
# host tools) from the build machine.
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${FERRY_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
