# The fuzz build (-DKLYNGE_FUZZ=ON, issue 11 §7): clang's libFuzzer with
# AddressSanitizer and UBSan over the whole library, so coverage guides the
# fuzzer through every parser and any memory error or undefined behaviour
# stops it. tests/fuzz/run.sh configures it in build/fuzz.
if(KLYNGE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KLYNGE_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -g)
  add_link_options(-fsanitize=address,undefined)
endif()
