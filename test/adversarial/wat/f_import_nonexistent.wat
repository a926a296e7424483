;; T59: an unknown name in the fluentbase_v1preview module.
(module (import "fluentbase_v1preview" "_nonexistent" (func)) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
