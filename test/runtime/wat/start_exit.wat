;; The start function writes "s" and calls _exit(-1); main would write "m".
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_exit" (func $exit (param i32)))
  (memory 1)
  (data (i32.const 0) "sm")
  (func $start
    (call $write (i32.const 0) (i32.const 1))
    (call $exit (i32.const -1)))
  (start $start)
  (func $main (export "main") (call $write (i32.const 1) (i32.const 1)))
  (export "deploy" (func $main)))
