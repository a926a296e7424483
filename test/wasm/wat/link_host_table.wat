;; Linking tests: a host function of the store reached through call_indirect.
(module
  (import "host" "mem0" (func $mem0 (result i32)))
  (memory 1)
  (table 1 funcref)
  (data (i32.const 0) "\05")
  (elem (i32.const 0) $mem0)
  (func (export "call") (result i32) (call_indirect (result i32) (i32.const 0)))
)
