(module
  (import "fluentbase_v1preview" "_exit" (func (param i64)))
  (func $main (export "main"))
  (export "deploy" (func $main)))
