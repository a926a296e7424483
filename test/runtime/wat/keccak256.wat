;; args = input[1024..1036] as i32 LE (data_ptr, data_len, out32_ptr), copied to memory 0..12;
;; _keccak256(data_ptr, data_len, out32_ptr) then _write(out32_ptr, 32).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_keccak256" (func $keccak256 (param i32 i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 12))
    (call $keccak256 (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.load (i32.const 8)))
    (call $write (i32.load (i32.const 8)) (i32.const 32)))
  (export "deploy" (func $main)))
