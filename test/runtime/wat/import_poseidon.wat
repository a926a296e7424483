;; Imports `_poseidon` with its reference signature: SysFuncIdx 0x0103 exists but is not linked
;; (protocol.md §1.3), so the module is rejected like any unknown import.
(module
  (import "fluentbase_v1preview" "_poseidon" (func (param i32 i32 i32 i32 i32) (result i32)))
  (func $main (export "main"))
  (export "deploy" (func $main)))
