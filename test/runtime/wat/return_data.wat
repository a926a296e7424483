;; args = input[1024..1044] as i32 LE (target, offset, length, fwd_offset, fwd_length).
;; One _exec (zero syscall id at 100), then: output _output_size() (4 bytes LE),
;; _read_output(target, offset, length) and _write(target, length),
;; _forward_output(fwd_offset, fwd_length).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_forward_output" (func $forward_output (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 20))
    (drop (call $exec (i32.const 100) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (i32.store (i32.const 200) (call $output_size))
    (call $write (i32.const 200) (i32.const 4))
    (call $read_output (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.load (i32.const 8)))
    (call $write (i32.load (i32.const 0)) (i32.load (i32.const 8)))
    (call $forward_output (i32.load (i32.const 12)) (i32.load (i32.const 16))))
  (export "deploy" (func $main)))
