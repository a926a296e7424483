;; Integer arithmetic, locals, control flow (block/loop/if/br_if/br_table), calls, recursion.
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "sub_imm") (param i32) (result i32) (i32.sub (local.get 0) (i32.const 7)))
  (func (export "const_lhs") (param i32) (result i32) (i32.sub (i32.const 100) (local.get 0)))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  ;; iterative fibonacci with a loop and br_if
  (func (export "fib") (param i32) (result i64) (local i64 i64 i64)
    (local.set 2 (i64.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 3 (i64.add (local.get 1) (local.get 2)))
        (local.set 1 (local.get 2))
        (local.set 2 (local.get 3))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
    (local.get 1))
  ;; sum 1..n with a do-while loop (compare+br_if fusion)
  (func (export "sum") (param i32) (result i32) (local i32 i32)
    (loop $l
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (local.set 1 (i32.add (local.get 1) (local.get 2)))
      (br_if $l (i32.lt_u (local.get 2) (local.get 0))))
    (local.get 1))
  (func (export "br_table") (param i32) (result i32)
    (block $d
      (block $c
        (block $b
          (block $a (br_table $a $b $c $d (local.get 0)))
          (return (i32.const 10)))
        (return (i32.const 11)))
      (return (i32.const 12)))
    (i32.const 13))
  ;; br_table carrying a value to blocks at different heights
  (func (export "br_table_value") (param i32) (result i32)
    (i32.add (i32.const 1000)
      (block $outer (result i32)
        (i32.mul (i32.const 2)
          (block $inner (result i32)
            (br_table $inner $outer (i32.const 21) (local.get 0)))))))
  ;; multi-value block and function results
  (func $pair (param i32) (result i32 i32) (local.get 0) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "multi") (param i32) (result i32)
    (call $pair (local.get 0))
    (block (param i32 i32) (result i32) (i32.sub)))
  (func (export "early_pair") (param i32) (result i32 i32)
    (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 1) (local.get 0)))
    (i32.const 3) (i32.const 4))
  (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  ;; select, local.tee, drop, nop
  (func (export "select") (param i32 i32 i32) (result i32)
    (nop) (drop (i32.const 5))
    (select (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (local.get 1) (local.get 2)))
  ;; deep if/else nesting with early returns
  (func (export "classify") (param i32) (result i32)
    (if (i32.lt_s (local.get 0) (i32.const 0)) (then (return (i32.const -1))))
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (if (result i32) (i32.gt_u (local.get 0) (i32.const 100)) (then (i32.const 2)) (else (i32.const 1))))))
  ;; a local overwritten while its old value is still on the operand stack
  (func (export "stale_local") (param i32) (result i32)
    (local.get 0)
    (local.set 0 (i32.const 99))
    (local.get 0)
    (i32.sub))
  ;; compare-and-branch fusion, with i32.eqz inverting a compare
  (func (export "eq_eqz_if") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (i32.eq (local.get 0) (local.get 1))) (then (i32.const 10)) (else (i32.const 20))))
  (func (export "lt_eqz_set") (param i32) (result i32) (local i32)
    (local.set 1 (i32.eqz (i32.lt_s (local.get 0) (i32.const 5))))
    (local.get 1))
  (func (export "ge_u_br_if") (param i64) (result i32)
    (block (br_if 0 (i64.ge_u (local.get 0) (i64.const 0x1_0000_0000))) (return (i32.const 1)))
    (i32.const 2))
  (func $countdown (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $countdown (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "recurse") (param i32) (result i32) (call $countdown (local.get 0)))
  (func $inf (export "infinite_recursion") (call $inf))
  (func (export "infinite_loop") (loop $l (br $l)))
  ;; loop counters `i += 2^30; br_if (i cmp 0)` (the fused br_add_<cmp>_ri): iterations until the
  ;; wrapping sum fails the signed / unsigned compare
  (func (export "count_gt_s") (param $i i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.tee $i (i32.add (local.get $i) (i32.const 0x40000000))) (i32.const 0))))
    (local.get $n))
  (func (export "count_ne_u") (param $i i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (if (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 0x40000000))) (i32.const 0))
        (then (br $l))))
    (i32.add (local.get $n) (i32.shl (local.get $i) (i32.const 1))))
  (func (export "unreachable") (unreachable))
)
