;; Two _exec calls with a zero syscall id; writes both results (i32 LE) to the output.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func $main (export "main")
    (i32.store (i32.const 32) (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (i32.store (i32.const 36) (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $write (i32.const 32) (i32.const 8)))
  (export "deploy" (func $main)))
