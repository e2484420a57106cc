# SPDX-License-Identifier: Apache-2.0
# The build step that packs ${build}/initramfs.cpio (user/CMakeLists.txt):
# reads CONFIG_INITRAMFS_SOURCE from the configuration and runs the packer
# on our list (user/ programs) followed by those sources. Relative sources
# are taken from the source tree's top, as Linux takes them from its tree.
# cmake -DGEN=... -DCONFIG=file|"" -DLIST=... -DOUTPUT=... -DSOURCE_DIR=... -P pack.cmake
set(sources "")
if(CONFIG AND EXISTS ${CONFIG})
  file(STRINGS ${CONFIG} lines REGEX "^CONFIG_INITRAMFS_SOURCE=")
  if(lines MATCHES "^CONFIG_INITRAMFS_SOURCE=\"(.*)\"$")
    string(REPLACE "\\\"" "\"" value "${CMAKE_MATCH_1}")
    string(REPLACE "\\\\" "\\" value "${value}")
    separate_arguments(words UNIX_COMMAND "${value}")
    foreach(word IN LISTS words)
      get_filename_component(path ${word} ABSOLUTE BASE_DIR ${SOURCE_DIR})
      list(APPEND sources ${path})
    endforeach()
  endif()
endif()
execute_process(COMMAND ${GEN} -o ${OUTPUT} -d ${OUTPUT}.d ${LIST} ${sources} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gen_initramfs failed for CONFIG_INITRAMFS_SOURCE=\"${value}\"")
endif()
