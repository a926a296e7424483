;; T59: an imported memory.
(module (import "fluentbase_v1preview" "memory" (memory 1)) (func (export "main")) (func (export "deploy")))
