;; store: `main` stores the first 32 bytes of its calldata (a U256 LE) in slot 0 with one
;; STORAGE_WRITE interruption (protocol.md §4.3: input = slot LE ‖ value LE) and exits with the
;; syscall's exit code; `deploy` does nothing.
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ;; bytes 0..32: the syscall id STORAGE_WRITE (31 zero bytes, then 0x02); 64..96: slot 0
  (data (i32.const 31) "\02")
  (func (export "deploy"))
  (func (export "main")
    (call $read (i32.const 96) (i32.const 1024) (i32.const 32))
    (call $exit (call $exec (i32.const 0) (i32.const 64) (i32.const 64) (i32.const 0) (i32.const 0)))))
