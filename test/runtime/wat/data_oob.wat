;; An active data segment past the end of memory: instantiation traps MemoryOutOfBounds.
(module
  (memory 1)
  (data (i32.const 65535) "ab")
  (func $main (export "main"))
  (export "deploy" (func $main)))
