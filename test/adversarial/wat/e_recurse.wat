;; T55 (a): unbounded recursion, `func f call f end`, invoked from main.
(module
  (memory (export "memory") 1)
  (func $f call $f)
  (func (export "main") call $f)
  (func (export "deploy")))
