# Toolchain of the "windows" preset: mingw-w64 plus the Qt for mingw that
# scripts/build-qt-mingw.sh installs, set up the way Qt's own
# qt.toolchain.cmake would (its install prefix searched as a find root,
# Debian's host Qt tools through QT_HOST_PATH).
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-x86_64.cmake)

if(NOT FERRY_QT_MINGW_DIR)
  if(DEFINED ENV{FERRY_QT_MINGW_DIR})
    set(FERRY_QT_MINGW_DIR "$ENV{FERRY_QT_MINGW_DIR}")
  elseif(DEFINED ENV{XDG_CACHE_HOME})
    set(FERRY_QT_MINGW_DIR "$ENV{XDG_CACHE_HOME}/ferry/qt6-mingw-6.4.2")
  else()
    set(FERRY_QT_MINGW_DIR "$ENV{HOME}/.cache/ferry/qt6-mingw-6.4.2")
  endif()
endif()
set(FERRY_QT_MINGW_DIR "${FERRY_QT_MINGW_DIR}" CACHE PATH "Qt 6 built for mingw-w64")
# try_compile projects get the toolchain file again, and need the same Qt.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES FERRY_QT_MINGW_DIR)

list(PREPEND CMAKE_PREFIX_PATH "${FERRY_QT_MINGW_DIR}")
list(PREPEND CMAKE_FIND_ROOT_PATH "${FERRY_QT_MINGW_DIR}")
set(QT_HOST_PATH /usr CACHE PATH "Qt host tools (Debian's qt6-base-dev-tools)")
