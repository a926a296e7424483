;; _charge_fuel(1000).
(module
  (import "fluentbase_v1preview" "_charge_fuel" (func $charge_fuel (param i64)))
  (func $main (export "main") (call $charge_fuel (i64.const 1000)))
  (export "deploy" (func $main)))
