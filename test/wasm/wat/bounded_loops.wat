;; Hostile run-time loops for test/wasm/bounded_work_test.cpp. Every loop counts its iterations in
;; the exported global "n" (the tick: global.get 3, i32.const 1, i32.add 1, global.set 3 = 8 fuel)
;; and never ends by itself: only fuel (or a stack limit) stops it. The [k] annotations give the
;; fuel of one iteration (protocol.md "Interlude profile"), all charged by one region.
(module
  (type $v (func))
  (memory 1)
  (table 1 funcref)
  (elem (i32.const 0) $nothing)
  (global $n (export "n") (mut i32) (i32.const 0))

  (func $nothing)

  ;; [9] only free operators (block, loop, end, nop) besides the tick and the br: their regions
  ;; emit no fuel op, and the br's region pays for the iteration.
  (func (export "free_ops")
    (loop $l
      (block) (block (nop) (nop)) (loop (nop)) (nop)
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [10] local.get + drop (drop is free).
  (func (export "local_drop") (local i32)
    (loop $l
      (drop (local.get 0))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [10] br_if on a constant.
  (func (export "br_if_spin")
    (loop $l
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br_if $l (i32.const 1))))

  ;; [10] br_table whose every target is the loop.
  (func (export "br_table_spin")
    (loop $l
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br_table $l $l $l (i32.const 2))))

  ;; [21] memory.fill and memory.copy of 0 bytes: 3 constants + 3 each.
  (func (export "bulk_zero")
    (loop $l
      (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [1039] memory.fill of the whole 64 KiB page: 3 constants + 3 + 65,536 / 64.
  (func (export "bulk_page")
    (loop $l
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 65536))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [15] table.fill of 0 elements: 3 constants (ref.null included) + 3.
  (func (export "table_zero")
    (loop $l
      (table.fill 0 (i32.const 0) (ref.null func) (i32.const 0))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [20] call_indirect of an empty function (whose body is free): constant 1 + CALL 10 + br 1.
  (func (export "call_indirect_spin")
    (loop $l
      (call_indirect (type $v) (i32.const 0))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))

  ;; [18] unbounded recursion: tick + CALL 10 per activation.
  (func $recurse (export "recurse")
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (call $recurse))

  ;; [13] memory.grow by one page while the limit allows (+ 1024 fuel per page grown).
  (func (export "grow_spin")
    (loop $l
      (drop (memory.grow (i32.const 1)))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $l)))
)
