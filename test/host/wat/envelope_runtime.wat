;; A wasm system runtime (protocol.md §3.8, §6) for host tests. Its input is RuntimeNewFrameInputV1
;; (§6.2); the calldata inside it is a command: charge u64 ‖ code i32 ‖ mode u8 ‖ payload.
;; A new frame copies the input to memory 4096, calls _charge_fuel(charge), then by mode:
;;   0: writes the payload (an envelope the test built) and returns code
;;   1: interrupts: the payload is a syscall id byte ‖ the syscall input; writes the 64-byte request
;;      (fuel_limit u64::MAX, state 0, fuel16_ptr 0, input range = the payload after the id byte,
;;      in this runtime's memory, §6.4) and returns -3
;;   2: returns code with RuntimeExecutionOutcomeV1{Ok, output = its whole input}
;; A resume (return data present) returns 0 with RuntimeExecutionOutcomeV1{Ok, output = the
;; return data, a RuntimeInterruptionOutcomeV1}, charging nothing.
;; Memory: [64, 76) envelope head, [128, 192) request, [256, 269) zeros (envelope tail: no
;; storage, no logs, no metadata), [4096, 32768) input, [32768, 65536) return data.
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_charge_fuel" (func $charge_fuel (param i64)))
  (memory (export "memory") 1)

  ;; RuntimeExecutionOutcomeV1{exit_code 0, output = memory[ptr, ptr + len)}.
  (func $outcome (param $ptr i32) (param $len i32)
    (i32.store (i32.const 64) (i32.const 0))
    (i64.store (i32.const 68) (i64.extend_i32_u (local.get $len)))
    (call $write (i32.const 64) (i32.const 12))
    (call $write (local.get $ptr) (local.get $len))
    (call $write (i32.const 256) (i32.const 13)))

  (func $main (export "main") (param i32 i32) (result i32)
    (local $n i32) (local $cmd i32) (local $len i32) (local $mode i32)
    (if (local.tee $n (call $output_size))
      (then
        (call $read_output (i32.const 32768) (i32.const 0) (local.get $n))
        (call $outcome (i32.const 32768) (local.get $n))
        (return (i32.const 0))))
    (local.set $n (call $input_size))
    (call $read (i32.const 4096) (i32.const 0) (local.get $n))
    ;; skip metadata (u64 length ‖ bytes); the calldata is u64 length ‖ bytes
    (local.set $cmd (i32.add (i32.const 4104) (i32.wrap_i64 (i64.load (i32.const 4096)))))
    (local.set $len (i32.wrap_i64 (i64.load (local.get $cmd))))
    (local.set $cmd (i32.add (local.get $cmd) (i32.const 8)))
    (call $charge_fuel (i64.load (local.get $cmd)))
    (local.set $mode (i32.load8_u offset=12 (local.get $cmd)))
    (if (i32.eqz (local.get $mode))
      (then
        (call $write (i32.add (local.get $cmd) (i32.const 13)) (i32.sub (local.get $len) (i32.const 13)))
        (return (i32.load offset=8 (local.get $cmd)))))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (i32.store8 (i32.const 159) (i32.load8_u offset=13 (local.get $cmd)))
        (i64.store (i32.const 160) (i64.const -1))
        (i64.store (i32.const 176) (i64.extend_i32_u (i32.add (local.get $cmd) (i32.const 14))))
        (i64.store (i32.const 184) (i64.extend_i32_u (i32.add (local.get $cmd) (local.get $len))))
        (call $write (i32.const 128) (i32.const 64))
        (return (i32.const -3))))
    (call $outcome (i32.const 4096) (local.get $n))
    (i32.load offset=8 (local.get $cmd)))

  (func (export "deploy") (result i32) (i32.const 0)))
