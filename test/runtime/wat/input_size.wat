;; _input_size: writes the i32 it returns (4 bytes LE) to the output.
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (i32.store (i32.const 0) (call $input_size))
    (call $write (i32.const 0) (i32.const 4)))
  (export "deploy" (func $main)))
