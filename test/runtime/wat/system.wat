;; A system runtime (ExecutionMode::System, protocol.md §3.8) for executor tests. Input: charge
;; u64 at 0, code i32 at 8, action u8 at 12, then for action 2 the 64-byte request at 13.
;; Every segment first copies the input to memory 0 and calls _charge_fuel(charge). Then:
;;   return data present (a resume): writes "R" ‖ return data, returns 0
;;   action 0: returns code                 1: _exit(code)
;;   2: writes the request, returns -3      3: _exec (a suspension, not allowed here)
;;   4: unreachable                         5: writes _fuel() (i64 LE), returns code
;;   6: writes the entry's two params (i32 LE each), returns code
;; `main(a, b)` and `deploy()` (as a = 7, b = 8) run the same code.
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_charge_fuel" (func $charge_fuel (param i64)))
  (import "fluentbase_v1preview" "_fuel" (func $fuel (result i64)))
  (import "fluentbase_v1preview" "_exit" (func $exit (param i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $run (param $a i32) (param $b i32) (result i32) (local $n i32)
    (call $read (i32.const 0) (i32.const 0) (call $input_size))
    (call $charge_fuel (i64.load (i32.const 0)))
    (if (local.tee $n (call $output_size))
      (then
        (i32.store8 (i32.const 1024) (i32.const 0x52))
        (call $read_output (i32.const 1025) (i32.const 0) (local.get $n))
        (call $write (i32.const 1024) (i32.add (local.get $n) (i32.const 1)))
        (return (i32.const 0))))
    (block $b6 (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 (i32.load8_u (i32.const 12))))
      (return (i32.load (i32.const 8))))
      (call $exit (i32.load (i32.const 8)))
      (unreachable))
      (call $write (i32.const 13) (i32.const 64))
      (return (i32.const -3)))
      (return (call $exec (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
      (unreachable))
      (i64.store (i32.const 1024) (call $fuel))
      (call $write (i32.const 1024) (i32.const 8))
      (return (i32.load (i32.const 8))))
    (i32.store (i32.const 1024) (local.get $a))
    (i32.store (i32.const 1028) (local.get $b))
    (call $write (i32.const 1024) (i32.const 8))
    (i32.load (i32.const 8)))
  (func (export "main") (param i32 i32) (result i32) (call $run (local.get 0) (local.get 1)))
  (func (export "deploy") (result i32) (call $run (i32.const 7) (i32.const 8))))
