;; T59: an imported table.
(module (import "fluentbase_v1preview" "table" (table 1 funcref)) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
