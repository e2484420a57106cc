# SPDX-License-Identifier: Apache-2.0
# The build shared by the thread suite (here) and the sync suites
# (../sync): each suite runs against every provider of its interface,
# once per scheduling policy, on the simulated machine in host/. Included
# by both directories' CMakeLists.txt.
enable_language(ASM)

set(THREAD_WORLD_DIR ${CMAKE_CURRENT_LIST_DIR})
set(THREAD_WORLD_PLATFORM ${PROJECT_SOURCE_DIR}/platform/x86_64)
set(THREAD_WORLD_SOURCES
  ${THREAD_WORLD_DIR}/host/host_platform.c
  ${THREAD_WORLD_DIR}/host/host_context.c
  ${THREAD_WORLD_DIR}/host/host_world.c
  ${THREAD_WORLD_PLATFORM}/context.c
  ${THREAD_WORLD_PLATFORM}/switch.S
  ${PROJECT_SOURCE_DIR}/tests/conformance/ktap.c)
# The platform's context code runs unchanged; its two entry points are
# renamed so that host/host_context.c can wrap them (AddressSanitizer's
# fiber annotations, the simulated interrupt flag).
# switch.S has no .note.GNU-stack (the kernel links without one); say the
# stack is not executable, or the host linker warns and makes it so.
set_source_files_properties(${THREAD_WORLD_PLATFORM}/switch.S PROPERTIES
  COMPILE_DEFINITIONS platform_context_switch=host_raw_context_switch
  COMPILE_OPTIONS -Wa,--noexecstack)
set_source_files_properties(${THREAD_WORLD_PLATFORM}/context.c PROPERTIES
  COMPILE_DEFINITIONS platform_context_prepare=host_raw_context_prepare)

# The memory under the threads: the slab heap over the heap suite's pmm
# and memmap doubles, whose free-frame count shows every stack returned.
set(THREAD_WORLD_HEAP_DOUBLES ${PROJECT_SOURCE_DIR}/tests/conformance/heap/doubles)
set(THREAD_WORLD_MEMORY_DIRS ${PROJECT_SOURCE_DIR}/components/heap/slab
  ${THREAD_WORLD_HEAP_DOUBLES}/pmm ${THREAD_WORLD_HEAP_DOUBLES}/memmap)
set(THREAD_WORLD_MEMORY_CONFIG "CONFIG_HEAP_SLAB=y" "CONFIG_HEAP_DOUBLE_PMM=y"
  "CONFIG_HEAP_DOUBLE_MEMMAP=y")

# One host test: the suite against one provider of IFACE, bound to one
# thread provider and one scheduling policy.
function(thread_world_test name iface provider thread sched)
  cmake_parse_arguments(W "" "" "SUITE;CONFIG_LINES;COMPONENT_DIRS" ${ARGN})
  set(config)
  set(dirs)
  foreach(p IN ITEMS ${provider} ${thread} ${sched})
    string(REPLACE "|" ";" fields "${p}")
    list(GET fields 1 dir)
    list(GET fields 2 symbol)
    list(APPEND config "CONFIG_${symbol}=y")
    list(APPEND dirs ${dir})
  endforeach()
  list(REMOVE_DUPLICATES config)
  list(REMOVE_DUPLICATES dirs)
  string(REPLACE "|" ";" fields "${thread}")
  list(GET fields 2 thread_symbol)
  tessera_host_test(NAME ${name}
    # Bigger stacks than the kernel's 16 KiB: ASan's redzones and libc's
    # printf (a failing expectation reports from the thread) need them.
    CONFIG_LINES ${config} "CONFIG_${thread_symbol}_STACK_KIB=64" ${THREAD_WORLD_MEMORY_CONFIG}
                 ${W_CONFIG_LINES}
    COMPONENT_DIRS ${dirs} ${THREAD_WORLD_MEMORY_DIRS} ${W_COMPONENT_DIRS}
    SOURCES ${W_SUITE} ${THREAD_WORLD_SOURCES}
    LABELS conformance ${iface})
  # host/include/tessera/spinlock.h wraps tests/host/include's: it must come first.
  target_include_directories(${name} BEFORE PRIVATE ${THREAD_WORLD_DIR}/host/include)
  target_include_directories(${name} PRIVATE ${THREAD_WORLD_DIR}/host)
endfunction()

# thread_world_conformance(IFACE i SUITE s.c ... [CONFIG_LINES ...] [COMPONENT_DIRS ...])
# One test per provider of IFACE and scheduling policy:
# <iface>_conformance_<provider>_<sched>. The sync interfaces run on every
# thread provider too; its name joins the test's when there is more than one.
function(thread_world_conformance)
  cmake_parse_arguments(C "" "IFACE" "SUITE;CONFIG_LINES;COMPONENT_DIRS" ${ARGN})
  tessera_providers(${C_IFACE} providers)
  tessera_providers(thread threads)
  tessera_providers(sched scheds)
  if(NOT providers OR NOT threads OR NOT scheds)
    message(WARNING "${C_IFACE}: no provider, thread provider or scheduler: its suite runs against nothing")
  endif()
  list(LENGTH threads nthreads)
  foreach(p IN LISTS providers)
    string(REPLACE "|" ";" pfields "${p}")
    list(GET pfields 0 pname)
    foreach(t IN LISTS threads)
      string(REPLACE "|" ";" tfields "${t}")
      list(GET tfields 0 tname)
      if(C_IFACE STREQUAL "thread" AND NOT tname STREQUAL pname)
        continue()
      endif()
      set(base ${C_IFACE}_conformance_${pname})
      if(NOT C_IFACE STREQUAL "thread" AND nthreads GREATER 1)
        set(base ${base}_${tname})
      endif()
      foreach(s IN LISTS scheds)
        string(REPLACE "|" ";" sfields "${s}")
        list(GET sfields 0 sname)
        thread_world_test(${base}_${sname} ${C_IFACE} "${p}" "${t}" "${s}"
          SUITE ${C_SUITE} CONFIG_LINES ${C_CONFIG_LINES} COMPONENT_DIRS ${C_COMPONENT_DIRS})
      endforeach()
    endforeach()
  endforeach()
endfunction()
