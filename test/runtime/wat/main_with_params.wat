;; `main` of type (i32) -> ().
(module
  (func (export "main") (param i32))
  (func (export "deploy")))
