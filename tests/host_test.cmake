# SPDX-License-Identifier: Apache-2.0
# Host builds of components, for unit and conformance tests under ASan and
# UBSan. idlc reads the whole spec and generates the glue for a small
# configuration (the component under test plus whatever the test binds to
# its requirements), so a component is compiled exactly as in the kernel,
# against the same headers.

# The component directories of the tree whose manifest provides `iface`,
# as a list of "name;dir;SYMBOL" triples flattened with '|' separators.
function(tessera_providers iface out)
  file(GLOB manifests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/components/*/*/component.idl)
  set(result)
  foreach(m IN LISTS manifests)
    file(READ ${m} text)
    if(text MATCHES "provides[ \t\r\n]+${iface}[ \t\r\n]*[{;]")
      string(REGEX MATCH "component[ \t\r\n]+([A-Za-z0-9_]+)" _ "${text}")
      set(name ${CMAKE_MATCH_1})
      string(REGEX MATCH "config[ \t\r\n]*=[ \t\r\n]*([A-Z0-9_]+)" _ "${text}")
      get_filename_component(dir ${m} DIRECTORY)
      list(APPEND result "${name}|${dir}|${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# tessera_host_test(NAME n CONFIG_LINES "CONFIG_A=y" ... COMPONENT_DIRS d ...
#                   SOURCES s.c ... [LABELS l ...])
# Builds the sources of every component directory listed (their *.c, not
# their tests/), the test's own sources and the generated bind.c/init.c
# into one host executable, and registers it with ctest.
function(tessera_host_test)
  cmake_parse_arguments(T "" "NAME" "CONFIG_LINES;COMPONENT_DIRS;SOURCES;LABELS" ${ARGN})
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}.gen)
  set(config ${gen}/test.config)
  string(REPLACE ";" "\n" config_text "${T_CONFIG_LINES}")
  file(WRITE ${config}.in "${config_text}\n")
  configure_file(${config}.in ${config} COPYONLY)

  set(component_sources)
  foreach(dir IN LISTS T_COMPONENT_DIRS)
    file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.c)
    list(APPEND component_sources ${srcs})
  endforeach()
  add_custom_command(
    OUTPUT ${gen}/bind.c ${gen}/init.c
    COMMAND $<TARGET_FILE:idlc> --root ${PROJECT_SOURCE_DIR} --config ${config}
            --headers ${gen} --bind ${gen} --depfile ${gen}/idlc.d --dep-target ${gen}/bind.c
            ${TESSERA_SPEC_INPUTS} ${T_COMPONENT_DIRS}
    DEPFILE ${gen}/idlc.d
    DEPENDS idlc ${config}
    COMMENT "idlc: glue for ${T_NAME}")
  add_executable(${T_NAME} ${T_SOURCES} ${component_sources} ${gen}/bind.c ${gen}/init.c)
  # tests/host/include stands in for the platform's headers (<tessera/spinlock.h>).
  target_include_directories(${T_NAME} PRIVATE ${gen}/include ${PROJECT_SOURCE_DIR}/tests/host/include
    ${PROJECT_SOURCE_DIR}/tests/conformance)
  target_compile_options(${T_NAME} PRIVATE -Wall -Wextra -Werror -g -O1
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(${T_NAME} PRIVATE -fsanitize=address,undefined)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "host;${T_LABELS}" TIMEOUT 300)
endfunction()

# tessera_conformance(IFACE i SUITE suite.c [CONFIG_LINES ...] [COMPONENT_DIRS ...])
# Runs the interface's suite against every component that provides it: one
# test per implementation, named <iface>_conformance_<component>.
function(tessera_conformance)
  cmake_parse_arguments(C "" "IFACE" "SUITE;CONFIG_LINES;COMPONENT_DIRS" ${ARGN})
  tessera_providers(${C_IFACE} providers)
  if(NOT providers)
    message(WARNING "no component provides ${C_IFACE}: its conformance suite runs against nothing")
  endif()
  foreach(p IN LISTS providers)
    string(REPLACE "|" ";" fields "${p}")
    list(GET fields 0 name)
    list(GET fields 1 dir)
    list(GET fields 2 symbol)
    tessera_host_test(NAME ${C_IFACE}_conformance_${name}
      CONFIG_LINES "CONFIG_${symbol}=y" ${C_CONFIG_LINES}
      COMPONENT_DIRS ${dir} ${C_COMPONENT_DIRS}
      SOURCES ${C_SUITE}
      LABELS conformance ${C_IFACE})
  endforeach()
endfunction()
