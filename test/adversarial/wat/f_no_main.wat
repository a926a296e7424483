;; T60 (a): no main export.
(module (memory (export "memory") 1) (func (export "deploy")))
