;; The start function calls _exec.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func $start (drop (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
  (start $start)
  (func $main (export "main"))
  (export "deploy" (func $main)))
