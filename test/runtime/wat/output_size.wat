;; Writes _output_size() (4 bytes LE) and _state() (4 bytes LE): a fresh frame has no return data.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_state" (func $state (result i32)))
  (memory 1)
  (func $main (export "main")
    (i32.store (i32.const 0) (call $output_size))
    (i32.store (i32.const 4) (call $state))
    (call $write (i32.const 0) (i32.const 8)))
  (export "deploy" (func $main)))
