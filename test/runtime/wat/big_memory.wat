;; 1023 pages (adversarial case T30: 24 such frames fit under the 1.5 GiB in-flight cap together
;; with their stacks and inputs); suspends at one _exec.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1023)
  (func $main (export "main")
    (drop (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
  (export "deploy" (func $main)))
