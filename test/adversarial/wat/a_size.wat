;; T39 callee: writes `_input_size()` (i32 LE).
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (func (export "main") i32.const 0 call $input_size i32.store i32.const 0 i32.const 4 call $write)
  (func (export "deploy")))
