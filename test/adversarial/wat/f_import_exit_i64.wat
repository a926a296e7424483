;; T59: _exit with the wrong signature (param i64).
(module (import "fluentbase_v1preview" "_exit" (func (param i64))) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
