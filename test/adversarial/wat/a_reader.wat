;; T10 child: `_exec(STORAGE_READ slot k)` for k = 1..10; writes the sum of the low u64 of the
;; values (u64 LE). Memory: [0,32) STORAGE_READ id, [32,64) slot, [64,96) return data.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (data (i32.const 31) "\01")
  (func (export "main") (local $k i32) (local $sum i64)
    loop $next
      local.get $k
      i32.const 1
      i32.add
      local.set $k
      i32.const 32
      local.get $k
      i32.store8
      i32.const 0
      i32.const 32
      i32.const 32
      i32.const 0
      i32.const 0
      call $exec
      i32.eqz
      if
        i32.const 64
        i32.const 0
        i32.const 32
        call $read_output
        local.get $sum
        i32.const 64
        i64.load
        i64.add
        local.set $sum
      end
      local.get $k
      i32.const 10
      i32.lt_u
      br_if $next
    end
    i32.const 96
    local.get $sum
    i64.store
    i32.const 96
    i32.const 8
    call $write)
  (func (export "deploy")))
