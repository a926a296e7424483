;; input[1024..1120] is copied to memory 0..96: the _exec args (hash32_ptr, input_ptr, input_len,
;; fuel16_ptr, state) at 0..20, a syscall id at 32..64, a fuel16 buffer at 64..80.
;; Output: memory[32..36] (written before the suspension), then after the resume the fuel16
;; buffer and _exec's result (memory[64..84]), then the whole return data (_forward_output).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_forward_output" (func $forward_output (param i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.const 96))
    (call $write (i32.const 32) (i32.const 4))
    (i32.store (i32.const 80)
      (call $exec (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.load (i32.const 8))
                  (i32.load (i32.const 12)) (i32.load (i32.const 16))))
    (call $write (i32.const 64) (i32.const 20))
    (call $forward_output (i32.const 0) (call $output_size)))
  (export "deploy" (func $main)))
