# cmake -DINPUT=<file> -DOUTPUT=<header> -DNAME=<C identifier> -P EmbedBytes.cmake
#
# Writes a C header declaring the bytes of INPUT as
#   static const unsigned char NAME[] = {...};  #define NAME_SIZE <byte count>u
# (used to embed a contract's wasm module into another contract, e.g. the factory example).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n  "
       bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
     "/* Generated from ${INPUT} by cmake/EmbedBytes.cmake. Do not edit. */\n"
     "#define ${NAME}_SIZE ${size}u\n"
     "static const unsigned char ${NAME}[${NAME}_SIZE] = {\n  ${bytes}\n};\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
