;; bad_import: valid wasm, but it imports a function outside the fluentbase_v1preview table, so
;; deploying it halts with MalformedBuiltinParams (-1003).
(module
  (import "fluentbase_v1preview" "_no_such_import" (func))
  (memory (export "memory") 1)
  (func (export "deploy"))
  (func (export "main")))
