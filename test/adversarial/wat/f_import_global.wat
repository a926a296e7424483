;; T59: an imported global.
(module (import "fluentbase_v1preview" "global" (global i32)) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
