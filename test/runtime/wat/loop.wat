;; An infinite loop.
(module
  (func $main (export "main") (loop $l (br $l)))
  (export "deploy" (func $main)))
