;; T62: (table 1 3000000000 funcref): main writes table.grow by 1 (the old size, 1) and the new
;; table.size (2), both i32 LE. The maximum is above 2^31, so a signed comparison would fail the grow.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (table 1 3000000000 funcref)
  (func (export "main")
    (i32.store (i32.const 0) (table.grow 0 (ref.null func) (i32.const 1)))
    (i32.store (i32.const 4) (table.size 0))
    (call $write (i32.const 0) (i32.const 8)))
  (func (export "deploy")))
