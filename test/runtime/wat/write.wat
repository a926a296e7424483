;; 32 pages (2 MiB). args = input[1024..1040] as i32 LE (ptr0, len0, ptr1, len1), copied to
;; memory 0..16; _write(ptr0, len0) then _write(ptr1, len1).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 32)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 16))
    (call $write (i32.load (i32.const 0)) (i32.load (i32.const 4)))
    (call $write (i32.load (i32.const 8)) (i32.load (i32.const 12))))
  (export "deploy" (func $main)))
