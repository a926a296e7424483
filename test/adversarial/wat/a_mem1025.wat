;; T29: 1025 initial pages, one above the contract cap (1024): rejected at deploy.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1025)
  (func (export "main") i32.const 0 memory.size i32.store i32.const 0 i32.const 4 call $write)
  (func (export "deploy")))
