(module
  (import "fluentbase_v1preview" "_write_fd" (func (param i32 i32 i32)))
  (func $main (export "main"))
  (export "deploy" (func $main)))
