;; The shape of protocol.md §5.10 (e2e test_simple_nested_call): C CALLs A, reads one byte of its
;; output, CALLs B, reads one byte, writes both and returns. A = 0xaa..aa, B = 0xbb..bb (leaf.wat).
;; main has no control operators, so it is one straight-line region: its static cost
;; 15 + 13 + 15 + 13 + 12 = 68 is charged at entry, before the first suspension.
;; Fuel per segment: [1024 memory + 68 + 120 (_exec of 52 bytes: w = 2, 3w * 20)]
;;                   [460 (_read_output of 1 byte) + 120]  [460 + 460 (_write of 2 bytes)]
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 31) "\03")          ;; syscall id CALL at [0, 32)
  (data (i32.const 32) "\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa")  ;; CALL input: A ‖ value 0, 52 bytes
  (data (i32.const 96) "\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb\bb")  ;; CALL input: B ‖ value 0, 52 bytes
  (func (export "main")
    i32.const 0
    i32.const 32
    i32.const 52
    i32.const 0
    i32.const 0
    call $exec
    drop
    i32.const 200
    i32.const 0
    i32.const 1
    call $read_output
    i32.const 0
    i32.const 96
    i32.const 52
    i32.const 0
    i32.const 0
    call $exec
    drop
    i32.const 201
    i32.const 0
    i32.const 1
    call $read_output
    i32.const 200
    i32.const 2
    call $write)
  (func (export "deploy")))
