# SPDX-License-Identifier: Apache-2.0
# Runs the Windows tests under Wine: ctest starts every test executable through
# CMAKE_CROSSCOMPILING_EMULATOR, here tests/windows/run-qt-test.sh with the
# generated wine-run.sh, which puts the DLL folders on WINEPATH.
find_program(FERRY_WINE wine REQUIRED)

# The mingw runtime (libstdc++, libgcc, winpthread) as the compiler finds it.
set(FERRY_WINE_DLL_DIRS)
foreach(dll IN ITEMS libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${dll}
                  OUTPUT_VARIABLE found OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  if(NOT IS_ABSOLUTE "${found}")
    message(FATAL_ERROR "${CMAKE_CXX_COMPILER} does not find ${dll}")
  endif()
  get_filename_component(dir "${found}" DIRECTORY)
  file(REAL_PATH "${dir}" dir)
  list(APPEND FERRY_WINE_DLL_DIRS "${dir}")
endforeach()
list(REMOVE_DUPLICATES FERRY_WINE_DLL_DIRS)

# Wine sees the Linux file system as drive Z:. Qt's DLLs only when the build has Qt.
set(FERRY_WINEPATH)
if(TARGET Qt6::Core)
  list(APPEND FERRY_WINEPATH "Z:$<TARGET_FILE_DIR:Qt6::Core>")
endif()
foreach(dir IN LISTS FERRY_WINE_DLL_DIRS)
  list(APPEND FERRY_WINEPATH "Z:${dir}")
endforeach()
list(JOIN FERRY_WINEPATH ";" FERRY_WINEPATH)
file(READ ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh.in FERRY_WINE_RUN_TEMPLATE)
string(CONFIGURE "${FERRY_WINE_RUN_TEMPLATE}" FERRY_WINE_RUN_CONTENT @ONLY)
set(FERRY_WINE_RUN ${CMAKE_BINARY_DIR}/wine-run.sh)
file(GENERATE OUTPUT ${FERRY_WINE_RUN} CONTENT "${FERRY_WINE_RUN_CONTENT}"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CMAKE_CROSSCOMPILING_EMULATOR ${PROJECT_SOURCE_DIR}/tests/windows/run-qt-test.sh ${FERRY_WINE_RUN})

# Linux ferry-cli <-> ferry-cli.exe under Wine over 127.0.0.1, both ways, every
# strategy. Needs the Linux build's ferry-cli (scripts/test-windows.sh passes it).
set(FERRY_LINUX_CLI "" CACHE FILEPATH "ferry-cli of a Linux build, for the interop test")
function(ferry_add_interop_test)
  if(NOT FERRY_LINUX_CLI)
    message(STATUS "FERRY_LINUX_CLI not set: no Linux <-> Windows interop test")
    return()
  endif()
  add_test(NAME interop_linux_windows
           COMMAND ${PROJECT_SOURCE_DIR}/tests/windows/interop.sh
                   ${FERRY_LINUX_CLI} $<TARGET_FILE:ferry-cli> ${FERRY_WINE_RUN})
  set_tests_properties(interop_linux_windows PROPERTIES TIMEOUT 900)
  # Names Windows cannot store, and the read-only flag, both ways.
  add_test(NAME interop_names_linux_windows
           COMMAND ${PROJECT_SOURCE_DIR}/tests/windows/interop_names.sh
                   ${FERRY_LINUX_CLI} $<TARGET_FILE:ferry-cli> ${FERRY_WINE_RUN})
  set_tests_properties(interop_names_linux_windows PROPERTIES TIMEOUT 300)
  # A text with an offer, and a receiver taking a part of one, both ways.
  add_test(NAME interop_text_linux_windows
           COMMAND ${PROJECT_SOURCE_DIR}/tests/windows/interop_text.sh
                   ${FERRY_LINUX_CLI} $<TARGET_FILE:ferry-cli> ${FERRY_WINE_RUN})
  set_tests_properties(interop_text_linux_windows PROPERTIES TIMEOUT 300)
  # Discovery between both, in network namespaces it makes (root only: skipped otherwise).
  add_test(NAME discovery_linux_windows
           COMMAND ${PROJECT_SOURCE_DIR}/tests/windows/discovery_interop.sh
                   ${FERRY_LINUX_CLI} $<TARGET_FILE:ferry-cli> ${FERRY_WINE_RUN})
  set_tests_properties(discovery_linux_windows PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endfunction()
