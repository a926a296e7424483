;; T60 (b): main with the wrong shape (param i32 i32) (result i32).
(module (memory (export "memory") 1) (func (export "main") (param i32 i32) (result i32) i32.const 0) (func (export "deploy")))
