;; T59: _write_fd, disabled in the reference import table.
(module (import "fluentbase_v1preview" "_write_fd" (func (param i32 i32 i32))) (memory (export "memory") 1) (func (export "main")) (func (export "deploy")))
