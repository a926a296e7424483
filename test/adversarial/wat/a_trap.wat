;; T43: a failing precompile runtime: traps in `main` on any input.
(module
  (memory 1)
  (func (export "main") unreachable)
  (func (export "deploy")))
