# SPDX-License-Identifier: Apache-2.0
# cmake -DROOT=<repo> -DFOLDER=<folder of ROOT> -DFORBIDDEN=<include prefix> -P forbidden_includes.cmake
# Fails, naming every offending line, when a C++ file under FOLDER includes a
# header whose path starts with FORBIDDEN (tests/CMakeLists.txt says which
# layer may not see which).
file(GLOB_RECURSE files LIST_DIRECTORIES false "${ROOT}/${FOLDER}/*.hpp" "${ROOT}/${FOLDER}/*.h"
     "${ROOT}/${FOLDER}/*.cpp")
list(LENGTH files file_count)
if(file_count EQUAL 0)
  message(FATAL_ERROR "no C++ files under ${ROOT}/${FOLDER}")
endif()

set(offending "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]${FORBIDDEN}")
  file(RELATIVE_PATH relative "${ROOT}" "${file}")
  foreach(line IN LISTS lines)
    string(APPEND offending "\n  ${relative}: ${line}")
  endforeach()
endforeach()
if(offending)
  message(FATAL_ERROR "${FOLDER}/ must not include ${FORBIDDEN} headers:${offending}")
endif()
message(STATUS "${file_count} files under ${FOLDER}/, none includes ${FORBIDDEN}")
