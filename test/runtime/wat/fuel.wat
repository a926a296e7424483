;; _fuel: writes the i64 it returns (8 bytes LE) to the output.
(module
  (import "fluentbase_v1preview" "_fuel" (func $fuel (result i64)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (i64.store (i32.const 0) (call $fuel))
    (call $write (i32.const 0) (i32.const 8)))
  (export "deploy" (func $main)))
