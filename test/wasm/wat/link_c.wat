;; Linking tests, instance C: imports A's memory (shared: stores and growth are visible to A).
(module
  (import "a" "mem" (memory 1))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
