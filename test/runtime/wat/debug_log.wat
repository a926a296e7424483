;; args = input[1024..1032] as i32 LE (ptr, len), copied to memory 0..8; _debug_log(ptr, len).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_debug_log" (func $debug_log (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 8))
    (call $debug_log (i32.load (i32.const 0)) (i32.load (i32.const 4))))
  (export "deploy" (func $main)))
