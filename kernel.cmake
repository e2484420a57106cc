# SPDX-License-Identifier: Apache-2.0
# The kernel image of the configuration in .config (TESSERA_CONFIG): idlc's
# glue and kconfig's autoconf.h for it, one static archive per component,
# and the link. Every component is compiled (against the configuration's
# headers), but the linker takes only what the generated glue reaches:
# the selected components. Run as a script (cmake -P kernel.cmake) it does
# two steps of the build: the kconfig step (tested by
# tests/boot/kconfig_warnings_check.sh) and listing idlc's headers.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.20) # the policies of the project, for the functions below
endif()

# The kconfig step: kconfig-conf writes autoconf.h and auto.conf from the
# configuration and the menus. Unlike Linux's syncconfig it never rewrites
# the configuration: a warning, an unknown symbol, a value out of range or
# a symbol the file does not set (a new one) fails the build, so the image
# is always the one the file describes.
function(tessera_kconfig_step)
  foreach(var KCONFIG_CONFIG KCONFIG_AUTOHEADER KCONFIG_AUTOCONFIG TESSERA_GEN_KCONFIG KCONFIG_ROOT)
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "kernel.cmake: the kconfig step needs -D${var}=...")
    endif()
    set(ENV{${var}} ${${var}})
  endforeach()
  # Without this, kconfig-conf fixes what it dislikes and rewrites the file.
  set(ENV{KCONFIG_NOSILENTUPDATE} 1)
  # Written beside the real files and copied only when their bytes change:
  # a Kconfig edit that changes no setting (a help text) then rebuilds
  # nothing that includes autoconf.h.
  set(ENV{KCONFIG_AUTOHEADER} ${KCONFIG_AUTOHEADER}.new)
  set(ENV{KCONFIG_AUTOCONFIG} ${KCONFIG_AUTOCONFIG}.new)
  execute_process(COMMAND kconfig-conf --silentoldconfig ${KCONFIG_ROOT}
    INPUT_FILE /dev/null OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
  if(status EQUAL 0 AND NOT log MATCHES "[Ww]arning")
    foreach(file ${KCONFIG_AUTOHEADER} ${KCONFIG_AUTOCONFIG})
      file(COPY_FILE ${file}.new ${file} ONLY_IF_DIFFERENT)
      file(REMOVE ${file}.new)
    endforeach()
    return()
  endif()
  tessera_kconfig_changes(changes)
  string(STRIP "${log}" log)
  message(NOTICE "${log}\n${changes}\n"
    "kconfig: ${KCONFIG_CONFIG} does not match the menus: Kconfig warns, or it would\n"
    "have to change the file (an unknown symbol, an invalid or out-of-range value, a\n"
    "setting it overrides, a symbol the file does not set). The build does not rewrite\n"
    "it: fix it, or let Kconfig update it with `make olddefconfig` (defaults for what\n"
    "is new), `make oldconfig` (asks) or `make menuconfig`.")
  message(FATAL_ERROR "kconfig: Kconfig warnings are errors")
endfunction()

# The settings (CONFIG_X=... and "# CONFIG_X is not set" lines) of a file.
function(tessera_kconfig_settings file out)
  file(STRINGS ${file} lines REGEX "^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# What `make olddefconfig` would change in KCONFIG_CONFIG, worked out on a
# copy: the lines it drops or replaces and the lines it writes instead.
function(tessera_kconfig_changes out)
  set(copy ${CMAKE_CURRENT_BINARY_DIR}/kconfig-check.config)
  configure_file(${KCONFIG_CONFIG} ${copy} COPYONLY)
  set(ENV{KCONFIG_CONFIG} ${copy})
  execute_process(COMMAND kconfig-conf --olddefconfig ${KCONFIG_ROOT}
    INPUT_FILE /dev/null OUTPUT_QUIET ERROR_QUIET)
  set(ENV{KCONFIG_CONFIG} ${KCONFIG_CONFIG})
  tessera_kconfig_settings(${KCONFIG_CONFIG} given)
  tessera_kconfig_settings(${copy} wanted)
  file(REMOVE ${copy} ${copy}.old)
  set(text "")
  foreach(line IN LISTS given)
    if(NOT line IN_LIST wanted)
      string(APPEND text "  the file has:    ${line}\n")
    endif()
  endforeach()
  foreach(line IN LISTS wanted)
    if(NOT line IN_LIST given)
      string(APPEND text "  Kconfig wants:   ${line}\n")
    endif()
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The list of the headers idlc wrote under KGEN (-DKGEN=...), rewritten
# only when it changes: the glue step's second command (see below).
function(tessera_list_headers)
  file(GLOB_RECURSE headers ${KGEN}/include/*.h)
  list(SORT headers)
  string(REPLACE ";" "\n" text "${headers}\n")
  set(list_file ${KGEN}/headers.list)
  if(EXISTS ${list_file})
    file(READ ${list_file} old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE ${list_file} "${text}")
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  if(TESSERA_STEP STREQUAL "headers")
    tessera_list_headers()
  else()
    tessera_kconfig_step()
  endif()
  return()
endif()

set(TESSERA_CONFIG ${PROJECT_SOURCE_DIR}/.config CACHE FILEPATH "The kernel configuration")
set(KDIR ${PROJECT_BINARY_DIR}/kernel)
set(KGEN ${KDIR}/gen)
set(KGLUE ${KGEN}/bind.c ${KGEN}/init.c ${KGEN}/syscall_table.c ${KGEN}/syscall_desc.c)

# The glue also writes the headers every kernel object includes. Ninja sees
# a header that a step of the same build rewrites only if the header is one
# of the step's outputs; otherwise a changed .config leaves objects compiled
# against the old binding (stale objects, even the wrong component linked).
# So the step lists its headers (headers.list) and CMake, run again when
# the list changes, declares them as its byproducts; idlc rewrites only the
# headers whose bytes change, so only their includers recompile.
set(KHEADERS_LIST ${KGEN}/headers.list)
if(NOT EXISTS ${KHEADERS_LIST})
  file(WRITE ${KHEADERS_LIST} "")
endif()
file(STRINGS ${KHEADERS_LIST} KGEN_HEADERS)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${KHEADERS_LIST})

add_custom_command(OUTPUT ${KGLUE}
  BYPRODUCTS ${KGEN_HEADERS}
  COMMAND $<TARGET_FILE:idlc> --root ${PROJECT_SOURCE_DIR} --config ${TESSERA_CONFIG}
          --headers ${KGEN} --bind ${KGEN} --syscalls ${KGEN}
          --depfile ${KGEN}/idlc.d --dep-target ${KGEN}/bind.c ${TESSERA_SPEC_INPUTS}
  COMMAND ${CMAKE_COMMAND} -DTESSERA_STEP=headers -DKGEN=${KGEN} -P ${PROJECT_SOURCE_DIR}/kernel.cmake
  DEPFILE ${KGEN}/idlc.d
  DEPENDS idlc ${TESSERA_CONFIG} ${TESSERA_SPEC_FILES}
  COMMENT "idlc: kernel glue for ${TESSERA_CONFIG}")

set(KAUTOCONF ${KDIR}/include/generated/autoconf.h)
# autoconf.h and auto.conf are byproducts (Ninja's restat): the step keeps
# them when their bytes do not change, and its stamp records that it ran.
add_custom_command(OUTPUT ${KDIR}/kconfig.stamp
  BYPRODUCTS ${KAUTOCONF} ${KDIR}/auto.conf
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KDIR}/include/generated ${KDIR}/include/config
  COMMAND ${CMAKE_COMMAND} -DKCONFIG_CONFIG=${TESSERA_CONFIG} -DKCONFIG_AUTOHEADER=${KAUTOCONF}
          -DKCONFIG_AUTOCONFIG=${KDIR}/auto.conf -DTESSERA_GEN_KCONFIG=${TESSERA_KCONFIG_FRAGMENT}
          -DKCONFIG_ROOT=${PROJECT_SOURCE_DIR}/Kconfig -P ${PROJECT_SOURCE_DIR}/kernel.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${KDIR}/kconfig.stamp
  WORKING_DIRECTORY ${KDIR}
  DEPENDS ${TESSERA_CONFIG} ${TESSERA_KCONFIG_FRAGMENT} ${PROJECT_SOURCE_DIR}/Kconfig
          ${PROJECT_SOURCE_DIR}/kernel.cmake
  COMMENT "kconfig: autoconf.h for ${TESSERA_CONFIG}"
  VERBATIM)
add_custom_target(kernel_generated DEPENDS ${KGLUE} ${KDIR}/kconfig.stamp)

# Everything compiled for the kernel sees the generated headers.
add_library(tessera_kernel_includes INTERFACE)
target_include_directories(tessera_kernel_includes INTERFACE ${KGEN}/include ${KDIR}/include)
target_link_libraries(tessera_kernel_includes INTERFACE tessera_kernel_flags)

set(KCOMPONENT_LIBS)
file(GLOB KMANIFESTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/components/*/*/component.idl)
foreach(manifest IN LISTS KMANIFESTS)
  get_filename_component(dir ${manifest} DIRECTORY)
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.c)
  if(NOT sources)
    continue()
  endif()
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR}/components ${dir})
  string(REPLACE "/" "_" lib "kcomp_${rel}")
  add_library(${lib} STATIC ${sources})
  target_link_libraries(${lib} PRIVATE tessera_kernel_includes tessera_platform_headers)
  add_dependencies(${lib} kernel_generated)
  list(APPEND KCOMPONENT_LIBS ${lib})
endforeach()

# The platform's own component (the direct map) is linked as objects.
tessera_kernel_image(tessera.elf
  SOURCES ${KGLUE} ${PROJECT_SOURCE_DIR}/platform/x86_64/memmap.c
  LIBRARIES tessera_platform tessera_kernel_includes "$<LINK_GROUP:RESCAN,${KCOMPONENT_LIBS}>")
add_dependencies(tessera.elf.objects kernel_generated)
