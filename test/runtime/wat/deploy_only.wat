;; No `main` export.
(module
  (func (export "deploy")))
