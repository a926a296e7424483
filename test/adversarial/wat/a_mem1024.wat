;; T29: 1024 initial pages (the contract cap, inclusive); main writes memory.size (i32 LE).
;; Fuel of main: 1024 × 1024 (initial pages) + 18 (region) + 460 (_write of 4 bytes).
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1024)
  (func (export "main") i32.const 0 memory.size i32.store i32.const 0 i32.const 4 call $write)
  (func (export "deploy")))
