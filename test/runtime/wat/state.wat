;; _state: main and deploy write the i32 it returns (4 bytes LE) to the output.
(module
  (import "fluentbase_v1preview" "_state" (func $state (result i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (func $report
    (i32.store (i32.const 0) (call $state))
    (call $write (i32.const 0) (i32.const 4)))
  (func (export "main") (call $report))
  (func (export "deploy") (call $report)))
