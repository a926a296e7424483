;; Writes the last byte of its own address (context header contract.address, offset 281 + 19).
;; One region: static 13 + 12 = 25; dynamic _read 460 + _write 460; memory 1024: 1969 fuel.
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "main")
    i32.const 0
    i32.const 300
    i32.const 1
    call $read
    i32.const 0
    i32.const 1
    call $write)
  (func (export "deploy")))
