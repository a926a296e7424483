;; T55 (c): a function with 40 i32 parameters called internally with 1..40; main writes
;; their sum (820) and the first and last parameter as three i32 LE values.
(module
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (func $sum (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add
    local.get 2
    i32.add
    local.get 3
    i32.add
    local.get 4
    i32.add
    local.get 5
    i32.add
    local.get 6
    i32.add
    local.get 7
    i32.add
    local.get 8
    i32.add
    local.get 9
    i32.add
    local.get 10
    i32.add
    local.get 11
    i32.add
    local.get 12
    i32.add
    local.get 13
    i32.add
    local.get 14
    i32.add
    local.get 15
    i32.add
    local.get 16
    i32.add
    local.get 17
    i32.add
    local.get 18
    i32.add
    local.get 19
    i32.add
    local.get 20
    i32.add
    local.get 21
    i32.add
    local.get 22
    i32.add
    local.get 23
    i32.add
    local.get 24
    i32.add
    local.get 25
    i32.add
    local.get 26
    i32.add
    local.get 27
    i32.add
    local.get 28
    i32.add
    local.get 29
    i32.add
    local.get 30
    i32.add
    local.get 31
    i32.add
    local.get 32
    i32.add
    local.get 33
    i32.add
    local.get 34
    i32.add
    local.get 35
    i32.add
    local.get 36
    i32.add
    local.get 37
    i32.add
    local.get 38
    i32.add
    local.get 39
    i32.add
    i32.const 4
    local.get 0
    i32.store
    i32.const 8
    local.get 39
    i32.store)
  (func (export "main")
    i32.const 0
    i32.const 1
    i32.const 2
    i32.const 3
    i32.const 4
    i32.const 5
    i32.const 6
    i32.const 7
    i32.const 8
    i32.const 9
    i32.const 10
    i32.const 11
    i32.const 12
    i32.const 13
    i32.const 14
    i32.const 15
    i32.const 16
    i32.const 17
    i32.const 18
    i32.const 19
    i32.const 20
    i32.const 21
    i32.const 22
    i32.const 23
    i32.const 24
    i32.const 25
    i32.const 26
    i32.const 27
    i32.const 28
    i32.const 29
    i32.const 30
    i32.const 31
    i32.const 32
    i32.const 33
    i32.const 34
    i32.const 35
    i32.const 36
    i32.const 37
    i32.const 38
    i32.const 39
    i32.const 40
    call $sum
    i32.store
    i32.const 0
    i32.const 12
    call $write)
  (func (export "deploy")))
