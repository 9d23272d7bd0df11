/* wasm32: word 0 is the setjmp id of clang's Emscripten-style lowering
   (docs/wasm32-abi.md); the rest is spare. */
typedef unsigned long __jmp_buf[4];
