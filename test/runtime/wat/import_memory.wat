(module
  (import "fluentbase_v1preview" "memory" (memory 1))
  (func $main (export "main"))
  (export "deploy" (func $main)))
