# SPDX-License-Identifier: Apache-2.0
# FERRY_SANITIZE=address builds every Ferry target with AddressSanitizer and
# UndefinedBehaviorSanitizer (any finding aborts); FERRY_SANITIZE=thread with
# ThreadSanitizer. g++ only; the asan and tsan presets set it.
#
# Their test presets leave out test_load and test_offer_memory (they bound a
# receiver's resident memory, which the sanitizers' shadow memory and
# quarantine inflate; test_load also takes many minutes instrumented) and test_syscalls (it counts system calls, which the sanitizer
# runtimes add to). asan leaves out test_descriptor_exhaustion too: UBSan's
# vptr check tests that a vtable is readable through a pipe, so in a receiver
# that has run out of descriptors on purpose it reports a bad object at the
# next virtual call.
set(FERRY_SANITIZE "" CACHE STRING "Sanitizer build: address (ASan + UBSan), thread (TSan) or empty")
set_property(CACHE FERRY_SANITIZE PROPERTY STRINGS "" address thread)

if(FERRY_SANITIZE STREQUAL "address")
  set(FERRY_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(FERRY_SANITIZE STREQUAL "thread")
  set(FERRY_SANITIZE_FLAGS -fsanitize=thread)
elseif(NOT FERRY_SANITIZE STREQUAL "")
  message(FATAL_ERROR "FERRY_SANITIZE must be address, thread or empty, not '${FERRY_SANITIZE}'")
endif()

if(FERRY_SANITIZE_FLAGS)
  if(WIN32 OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "FERRY_SANITIZE is for the Linux g++ build")
  endif()
  # Directory-wide, so that test executables and their support library are
  # instrumented like the engine they drive.
  add_compile_options(${FERRY_SANITIZE_FLAGS} -fno-omit-frame-pointer)
  add_link_options(${FERRY_SANITIZE_FLAGS})
endif()
