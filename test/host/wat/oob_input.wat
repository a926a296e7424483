;; _exec requests whose input lies partly outside the contract's one-page memory (the runtime
;; records the range without copying it; the host reads it, protocol.md §4.2):
;;  1. STORAGE_READ with input [65520, 65552): the fixed 32 bytes are unreadable -> Result
;;     MemoryOutOfBounds (-2002), the contract continues;
;;  2. CALL with input [65484, 65584): the 52-byte prefix (address 0, value 0) is readable, the
;;     calldata tail is not -> Halt MemoryOutOfBounds after the call gas is charged.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 31) "\01")  ;; STORAGE_READ id at [0, 32)
  (data (i32.const 63) "\03")  ;; CALL id at [32, 64)
  (func (export "main")
    (drop (call $exec (i32.const 0) (i32.const 65520) (i32.const 32) (i32.const 0) (i32.const 0)))
    (drop (call $exec (i32.const 32) (i32.const 65484) (i32.const 100) (i32.const 0) (i32.const 0))))
  (func (export "deploy")))
