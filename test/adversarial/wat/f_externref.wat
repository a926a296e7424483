;; T63: reference types are supported: an externref local, ref.null extern, ref.is_null; main
;; writes ref.is_null of the local (1) as i32 LE.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "main") (local $r externref)
    (local.set $r (ref.null extern))
    (i32.store (i32.const 0) (ref.is_null (local.get $r)))
    (call $write (i32.const 0) (i32.const 4)))
  (func (export "deploy")))
