# SPDX-License-Identifier: Apache-2.0
# The kernel image of the configuration in .config (TESSERA_CONFIG): idlc's
# glue and kconfig's autoconf.h for it, one static archive per component,
# and the link. Every component is compiled (against the configuration's
# headers), but the linker takes only what the generated glue reaches:
# the selected components.
set(TESSERA_CONFIG ${PROJECT_SOURCE_DIR}/.config CACHE FILEPATH "The kernel configuration")
set(KDIR ${PROJECT_BINARY_DIR}/kernel)
set(KGEN ${KDIR}/gen)
set(KGLUE ${KGEN}/bind.c ${KGEN}/init.c ${KGEN}/syscall_table.c ${KGEN}/syscall_desc.c)

add_custom_command(OUTPUT ${KGLUE}
  COMMAND $<TARGET_FILE:idlc> --root ${PROJECT_SOURCE_DIR} --config ${TESSERA_CONFIG}
          --headers ${KGEN} --bind ${KGEN} --syscalls ${KGEN}
          --depfile ${KGEN}/idlc.d --dep-target ${KGEN}/bind.c ${TESSERA_SPEC_INPUTS}
  DEPFILE ${KGEN}/idlc.d
  DEPENDS idlc ${TESSERA_CONFIG} ${TESSERA_SPEC_FILES}
  COMMENT "idlc: kernel glue for ${TESSERA_CONFIG}")

# kconfig-frontends writes autoconf.h and auto.conf (and may update .config,
# as Linux's syncconfig does) from the configuration and the menus.
set(KAUTOCONF ${KDIR}/include/generated/autoconf.h)
add_custom_command(OUTPUT ${KAUTOCONF} ${KDIR}/auto.conf
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KDIR}/include/generated ${KDIR}/include/config
  COMMAND ${CMAKE_COMMAND} -E env TESSERA_GEN_KCONFIG=${TESSERA_KCONFIG_FRAGMENT}
          KCONFIG_CONFIG=${TESSERA_CONFIG} KCONFIG_AUTOHEADER=${KAUTOCONF}
          KCONFIG_AUTOCONFIG=${KDIR}/auto.conf
          kconfig-conf --silentoldconfig ${PROJECT_SOURCE_DIR}/Kconfig
  WORKING_DIRECTORY ${KDIR}
  DEPENDS ${TESSERA_CONFIG} ${TESSERA_KCONFIG_FRAGMENT} ${PROJECT_SOURCE_DIR}/Kconfig
  COMMENT "kconfig: autoconf.h")
add_custom_target(kernel_generated DEPENDS ${KGLUE} ${KAUTOCONF})

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
