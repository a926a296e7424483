;; Recursion to the frame depth limit: each frame increments storage slot 0 (STORAGE_READ, then
;; STORAGE_WRITE) and CALLs its own address with all but 1/64 of its gas, ignoring the result.
;; Memory: syscall ids STORAGE_READ [0,32), STORAGE_WRITE [32,64), CALL [64,96); slot 0 [128,160);
;; read value [160,192); STORAGE_WRITE input [192,256); CALL input (self ‖ value 0) [256,308).
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 31) "\01")
  (data (i32.const 63) "\02")
  (data (i32.const 95) "\03")
  (func (export "main")
    (drop (call $exec (i32.const 0) (i32.const 128) (i32.const 32) (i32.const 0) (i32.const 0)))
    (call $read_output (i32.const 160) (i32.const 0) (i32.const 32))
    (i32.store (i32.const 224) (i32.add (i32.load (i32.const 160)) (i32.const 1)))
    (drop (call $exec (i32.const 32) (i32.const 192) (i32.const 64) (i32.const 0) (i32.const 0)))
    (call $read (i32.const 256) (i32.const 281) (i32.const 20))
    (drop (call $exec (i32.const 64) (i32.const 256) (i32.const 52) (i32.const 0) (i32.const 0))))
  (func (export "deploy")))
