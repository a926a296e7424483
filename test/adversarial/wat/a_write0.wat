;; T22 (c): `deploy` writes 2^27 bytes from a memory of 0 pages.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 0)
  (func (export "main"))
  (func (export "deploy") i32.const 0 i32.const 134217728 call $write))
