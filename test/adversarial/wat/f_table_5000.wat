;; T62: a 5000-entry table; an element segment at offset 4999; main writes table.size and the
;; result of call_indirect through entry 4999 (both i32 LE).
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (table 5000 funcref)
  (type $r (func (result i32)))
  (func $nine (result i32) i32.const 9)
  (elem (i32.const 4999) $nine)
  (func (export "main")
    (i32.store (i32.const 0) (table.size 0))
    (i32.store (i32.const 4) (call_indirect (type $r) (i32.const 4999)))
    (call $write (i32.const 0) (i32.const 8)))
  (func (export "deploy")))
