;; args = input[1024..1036] as i32 LE (target, offset, length);
;; _read(target, offset, length) then _write(target, length).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 12))
    (call $read (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.load (i32.const 8)))
    (call $write (i32.load (i32.const 0)) (i32.load (i32.const 8))))
  (export "deploy" (func $main)))
