;; T35 (Veridise PoC): while `_fuel()` >= 100,000, `_exec(STORAGE_WRITE slot n = 1)` for a fresh slot
;; n = 1, 2, … with fuel16 = [10,000, 0], ignoring the result; then writes n (u32 LE).
;; Memory: [0,32) STORAGE_WRITE id, [32,64) slot, [64,96) value 1, [96,112) fuel16, [112,116) n.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_fuel" (func $fuel (result i64)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (data (i32.const 31) "\02")
  (data (i32.const 64) "\01")
  (func (export "main") (local $n i32)
    block $done
      loop $next
        call $fuel
        i64.const 100000
        i64.lt_u
        br_if $done
        local.get $n
        i32.const 1
        i32.add
        local.set $n
        i32.const 32
        local.get $n
        i32.store
        i32.const 96
        i64.const 10000
        i64.store
        i32.const 0
        i32.const 32
        i32.const 64
        i32.const 96
        i32.const 0
        call $exec
        drop
        br $next
      end
    end
    i32.const 112
    local.get $n
    i32.store
    i32.const 112
    i32.const 4
    call $write)
  (func (export "deploy")))
