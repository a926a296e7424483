;; T80: one raw `_exec` with hostile arguments. Input after the 1024-byte context header:
;;   id u8 ‖ input_ptr u32 ‖ input_len u32 ‖ fuel16_ptr u32 ‖ state u32   (LE)
;; The syscall id (31 zero bytes ‖ id) is placed at [0, 32); [64, 80) holds the fuel pair
;; (u64::MAX, u64::MAX) and [80, 96) the pair (0, 0). main calls
;; _exec(0, input_ptr, input_len, fuel16_ptr, state) and writes its result (i32 LE) and the length
;; of the return data (i32 LE). Memory: one page.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (func (export "main")
    (call $read (i32.const 128) (i32.const 1024) (i32.const 17))
    (i32.store8 (i32.const 31) (i32.load8_u (i32.const 128)))
    (i32.store (i32.const 160)
      (call $exec (i32.const 0) (i32.load (i32.const 129)) (i32.load (i32.const 133)) (i32.load (i32.const 137))
                  (i32.load (i32.const 141))))
    (i32.store (i32.const 164) (call $output_size))
    (call $write (i32.const 160) (i32.const 8)))
  (func (export "deploy")))
