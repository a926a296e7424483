;; A module importing a function outside the fluentbase_v1preview table: deploy must fail with
;; MalformedBuiltinParams (protocol.md Interlude profile "wasm deploy").
(module
  (import "env" "foo" (func $foo))
  (memory (export "memory") 1)
  (func (export "main") call $foo)
  (func (export "deploy")))
