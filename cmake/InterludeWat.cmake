# interlude_add_wat_modules(TARGET OUT_DIR WAT_FILES...)
#
# Test tooling: converts each text-format module NAME.wat to OUT_DIR/NAME.wasm with wabt's wat2wasm
# at build time, and adds the custom target TARGET that builds them all.
find_program(WAT2WASM wat2wasm REQUIRED)

function(interlude_add_wat_modules target out_dir)
  file(MAKE_DIRECTORY ${out_dir})
  set(outputs)
  foreach(wat ${ARGN})
    get_filename_component(abs ${wat} ABSOLUTE)
    get_filename_component(name ${wat} NAME_WE)
    add_custom_command(OUTPUT ${out_dir}/${name}.wasm
                       COMMAND ${WAT2WASM} ${abs} -o ${out_dir}/${name}.wasm
                       DEPENDS ${abs} COMMENT "wat2wasm ${name}.wat" VERBATIM)
    list(APPEND outputs ${out_dir}/${name}.wasm)
  endforeach()
  add_custom_target(${target} DEPENDS ${outputs})
endfunction()
