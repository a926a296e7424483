;; _resume with a return-data pointer outside memory (there is no memory).
(module
  (import "fluentbase_v1preview" "_resume" (func $resume (param i32 i32 i32 i32 i32) (result i32)))
  (func $main (export "main")
    (drop (call $resume (i32.const 7) (i32.const -1) (i32.const 100) (i32.const 0) (i32.const 0))))
  (export "deploy" (func $main)))
