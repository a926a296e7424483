;; T60 (d): a start function sets g = 7; main writes g (i32 LE) with _write.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (func $s (global.set $g (i32.const 7)))
  (start $s)
  (func (export "main") (i32.store (i32.const 0) (global.get $g)) (call $write (i32.const 0) (i32.const 4)))
  (func (export "deploy")))
