;; T10: 5,000 `_exec(SELF_BALANCE)` in one frame, with an `_exec(CALL)` to the reader contract at
;; 0x00..00c2 before every 100th. Checks each result in wasm and writes two u32 LE counters: the
;; SELF_BALANCE results equal to 1000 wei, and the CALLs that returned 55 (u64 LE).
;; Fuel (Interlude profile; [n] = static cost of the region that starts there, charged at its
;; entry; imports add their procedures): entry [1] + 1 page (1024).
;; Memory: [0,32) SELF_BALANCE id, [32,64) CALL id, [64,116) CALL input (address ‖ value 0),
;; [128,160) return data, [160,168) the two counters.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1)
  (data (i32.const 31) "\0c")
  (data (i32.const 63) "\03")
  (data (i32.const 83) "\c2")
  (func (export "main") (local $i i32)
    loop $next
      ;; [5]
      local.get $i
      i32.const 100
      i32.rem_u
      i32.eqz
      if
        ;; [30] + `_exec` 120 (52 bytes) + `_output_size` 400
        i32.const 32
        i32.const 64
        i32.const 52
        i32.const 0
        i32.const 0
        call $exec
        i32.eqz
        call $output_size
        i32.const 8
        i32.eq
        i32.and
        if
          ;; [25] + `_read_output` 460
          i32.const 128
          i32.const 0
          i32.const 8
          call $read_output
          i32.const 164
          i32.const 164
          i32.load
          i32.const 128
          i64.load
          i64.const 55
          i64.eq
          i32.add
          i32.store
        end
      end
      ;; [30] + `_exec` 0 + `_output_size` 400
      i32.const 0
      i32.const 0
      i32.const 0
      i32.const 0
      i32.const 0
      call $exec
      i32.eqz
      call $output_size
      i32.const 32
      i32.eq
      i32.and
      if
        ;; [25] + `_read_output` 460
        i32.const 128
        i32.const 0
        i32.const 32
        call $read_output
        i32.const 160
        i32.const 160
        i32.load
        i32.const 128
        i64.load
        i64.const 1000
        i64.eq
        i32.add
        i32.store
      end
      ;; [7]
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 5000
      i32.lt_u
      br_if $next
    end
    ;; [12] + `_write` 460
    i32.const 160
    i32.const 8
    call $write)
  (func (export "deploy")))
