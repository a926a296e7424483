;; T59: an import outside the fluentbase_v1preview table.
(module (import "env" "foo" (func)) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
