;; The start function writes "s"; main writes "m".
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "sm")
  (func $start (call $write (i32.const 0) (i32.const 1)))
  (start $start)
  (func $main (export "main") (call $write (i32.const 1) (i32.const 1)))
  (export "deploy" (func $main)))
