(module
  (func $main (export "main") unreachable)
  (export "deploy" (func $main)))
