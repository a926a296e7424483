;; The guest module of the embedding example (embed.cpp, docs/embedding.md): two host imports,
;; one of which the host answers later (suspension), a loop that runs out of fuel and a
;; recursion that runs into the call depth limit.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "ask" (func $ask (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (call $log (local.get 0))
    (i32.add (local.get 0) (local.get 1)))
  (func (export "ask_twice") (result i32)
    (i32.add (call $ask (i32.const 1)) (call $ask (i32.const 2))))
  (func (export "spin") (loop $forever (br $forever)))
  (func $depth (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (call $depth (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
)
