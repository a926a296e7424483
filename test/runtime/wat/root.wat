;; A root-STF for Executor::execute_root tests (Interlude profile "root mode"). input[1024..) is
;; copied to memory 0. memory[0..4) is a count n, then n records of six u32 at 4, 28, 52, ...:
;;   op (1 = _exec, 2 = _resume) and the five arguments of that import.
;; After each call the root writes its result (i32 LE) ‖ the 16 bytes at the call's fuel16_ptr ‖
;; the return-data size (u32 LE) ‖ the return data, from the output buffer at [32768, 65536).
(module
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_resume" (func $resume (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "main") (local $p i32) (local $size i32) (local $fuel16 i32)
    (call $read (i32.const 0) (i32.const 1024) (i32.sub (call $input_size) (i32.const 1024)))
    (local.set $p (i32.const 4))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load (i32.const 0))))
        (i32.store (i32.const 0) (i32.sub (i32.load (i32.const 0)) (i32.const 1)))
        (i32.store (i32.const 32768)
          (if (result i32) (i32.eq (i32.load (local.get $p)) (i32.const 1))
            (then (call $exec (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p))
                              (i32.load offset=12 (local.get $p)) (i32.load offset=16 (local.get $p))
                              (i32.load offset=20 (local.get $p))))
            (else (call $resume (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p))
                                (i32.load offset=12 (local.get $p)) (i32.load offset=16 (local.get $p))
                                (i32.load offset=20 (local.get $p))))))
        (local.set $fuel16
          (if (result i32) (i32.eq (i32.load (local.get $p)) (i32.const 1))
            (then (i32.load offset=16 (local.get $p)))
            (else (i32.load offset=20 (local.get $p)))))
        (i64.store (i32.const 32772) (i64.load (local.get $fuel16)))
        (i64.store (i32.const 32780) (i64.load offset=8 (local.get $fuel16)))
        (i32.store (i32.const 32788) (local.tee $size (call $output_size)))
        (call $read_output (i32.const 32792) (i32.const 0) (local.get $size))
        (call $write (i32.const 32768) (i32.add (local.get $size) (i32.const 24)))
        (local.set $p (i32.add (local.get $p) (i32.const 24)))
        (br $next))))
  (func (export "deploy")))
