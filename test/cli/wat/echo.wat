;; echo: `main` writes its calldata (the input after the 1024-byte context header, protocol.md
;; §9.2) back as output; `deploy` does nothing. No interruptions.
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "deploy"))
  (func (export "main")
    (local $len i32)
    (local.set $len (i32.sub (call $input_size) (i32.const 1024)))
    (call $read (i32.const 0) (i32.const 1024) (local.get $len))
    (call $write (i32.const 0) (local.get $len))))
