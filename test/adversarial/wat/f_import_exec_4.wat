;; T59: _exec with 4 parameters instead of 5.
(module (import "fluentbase_v1preview" "_exec" (func (param i32 i32 i32 i32) (result i32))) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
