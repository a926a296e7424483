;; Script contract: runs a little program given as calldata (main) or as the custom section "input"
;; (deploy), so that host tests can issue any sequence of syscalls. Program, after the 1024-byte
;; context header, is a list of commands (integers little-endian):
;;   0x01 EXEC   id u8, state u8, fuel_limit u64, len u32, input[len]
;;               _exec(syscall id, input, len, fuel16 = [fuel_limit, 0], state), then writes
;;               exit code (i32 LE, 4 bytes) ‖ return data to the output.
;;   0x02 EXIT   code i32          -> _exit(code)
;;   0x03 WRITE  len u32, bytes    -> _write(bytes)
;;   0x04 SPIN                     -> loop forever
;;   0x05 RESUME                   -> _resume(1, 0, 0, 0, 0)
;;   anything else                 -> unreachable
;; The end of the program returns normally (exit code 0).
;;
;; Fuel (protocol.md "Interlude profile"; charged per straight-line region at region entry; a region
;; starts at function entry and after block/loop/if/else/end/br/br_if/br_table): the [n] annotations
;; give each region's static cost; import fuel procedures are added when the import is called.
;; test/host/host_test_util.cpp (script_fuel) mirrors these numbers.
;;
;; Memory: [8,24) fuel16 buffer, [32,64) syscall id, [64,68) exit code, [1024, 32768) program,
;; [32768, 65536) return data.
(module
  (import "fluentbase_v1preview" "_exit" (func $exit (param i32)))
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_resume" (func $resume (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)

  (func $run (local $pc i32) (local $end i32) (local $len i32) (local $code i32) (local $n i32)
    ;; entry region [37] = 5 locals + 32
    call $input_size
    i32.const 1024
    i32.sub
    local.set $len
    i32.const 1024
    i32.const 1024
    local.get $len
    call $read
    i32.const 1024
    local.set $pc
    local.get $len
    i32.const 1024
    i32.add
    local.set $end
    block $done
      loop $next
        ;; [4]
        local.get $pc
        local.get $end
        i32.ge_u
        br_if $done
        block $b_trap
          block $b_resume
            block $b_spin
              block $b_write
                block $b_exit
                  block $b_exec
                    ;; dispatch [6]
                    local.get $pc
                    i32.load8_u
                    i32.const 1
                    i32.sub
                    br_table $b_exec $b_exit $b_write $b_spin $b_resume $b_trap
                  end
                  ;; EXEC, up to the suspension [36]
                  i32.const 63
                  local.get $pc
                  i32.load8_u offset=1
                  i32.store8
                  i32.const 8
                  local.get $pc
                  i64.load offset=3
                  i64.store
                  local.get $pc
                  i32.load offset=11
                  local.set $len
                  i32.const 32
                  local.get $pc
                  i32.const 15
                  i32.add
                  local.get $len
                  i32.const 8
                  local.get $pc
                  i32.load8_u offset=2
                  call $exec
                  local.set $code
                  block
                    ;; EXEC, after the resume [59]
                    i32.const 64
                    local.get $code
                    i32.store
                    i32.const 64
                    i32.const 4
                    call $write
                    call $output_size
                    local.set $n
                    i32.const 32768
                    i32.const 0
                    local.get $n
                    call $read_output
                    i32.const 32768
                    local.get $n
                    call $write
                    local.get $pc
                    local.get $len
                    i32.add
                    i32.const 15
                    i32.add
                    local.set $pc
                    br $next
                  end
                end
                ;; EXIT [13]
                local.get $pc
                i32.load offset=1
                call $exit
                unreachable
              end
              ;; WRITE [24]
              local.get $pc
              i32.const 5
              i32.add
              local.get $pc
              i32.load offset=1
              local.tee $len
              call $write
              local.get $pc
              local.get $len
              i32.add
              i32.const 5
              i32.add
              local.set $pc
              br $next
            end
            ;; SPIN [0], then [1] per iteration
            loop $spin
              br $spin
            end
          end
          ;; RESUME [15]
          i32.const 1
          i32.const 0
          i32.const 0
          i32.const 0
          i32.const 0
          call $resume
          drop
        end
        unreachable
      end
    end)

  ;; [10] each
  (func (export "main") call $run)
  (func (export "deploy") call $run))
