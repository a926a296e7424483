;; T60 (c): a start function that traps.
(module (memory (export "memory") 1) (func $s unreachable) (start $s) (func (export "main")) (func (export "deploy")))
