(module
  (import "fluentbase_v1preview" "_exec" (func (param i32 i32 i32 i32 i32)))
  (func $main (export "main"))
  (export "deploy" (func $main)))
