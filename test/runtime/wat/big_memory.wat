;; 1024 pages (the contract maximum, 64 MiB); suspends at one _exec.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1024)
  (func $main (export "main")
    (drop (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
  (export "deploy" (func $main)))
