;; A program-shaped module for glue.test.js: calls through env.invoke_vi
;; (Emscripten-style setjmp/longjmp lowering, docs/wasm32-abi.md).
(module
  (import "env" "memory" (memory 1 1 shared))
  (import "env" "invoke_vi" (func $invoke_vi (param i32 i32)))
  (import "env" "invoke_ii" (func $invoke_ii (param i32 i32) (result i32)))
  (import "janux" "longjmp" (func $longjmp))
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 4096))
  (table (export "__indirect_function_table") 8 funcref)
  (elem (i32.const 2) $jumper $plain $trapper $twice)
  ;; moves the stack pointer, then longjmps
  (func $jumper (param i32) (global.set $sp (i32.const 100)) (call $longjmp))
  (func $plain (param i32) (i32.store (i32.const 8) (local.get 0)))
  (func $trapper (param i32) unreachable)
  (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "run_jump") (result i32)
    (call $invoke_vi (i32.const 2) (i32.const 5)) (global.get $sp))
  (func (export "run_plain") (result i32)
    (call $invoke_vi (i32.const 3) (i32.const 7)) (i32.load (i32.const 8)))
  (func (export "run_trap") (call $invoke_vi (i32.const 4) (i32.const 0)))
  (func (export "run_result") (result i32) (call $invoke_ii (i32.const 5) (i32.const 21))))
