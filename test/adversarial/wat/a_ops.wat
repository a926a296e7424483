;; Ops contract for the adversarial tests of §2.A-§2.C (test/adversarial/a_ops.h builds programs):
;; calls any import with any raw arguments, so that tests can hand hostile pointers and lengths to
;; Layer A. The whole input (1024-byte context header ‖ program) is copied to memory offset 0; the
;; program at 1024 is a list of 21-byte commands: op u8, a b c d e (u32 LE each), ended by op 0.
;;   0 STOP                  return normally (exit code 0)
;;   1 EXEC   a b c d e      last := _exec(a, b, c, d, e)
;;   2 READ   a b c          _read(a, b, c)
;;   3 ROUT   a b c          _read_output(a, b, c)
;;   4 FWD    a b            _forward_output(a, b)
;;   5 WRITE  a b            _write(a, b)
;;   6 GROW   a              last := memory.grow(a)
;;   7 CHARGE a b            _charge_fuel(a | b << 32)
;;   8 FUEL                  _write(_fuel() as 8 bytes LE)
;;   9 SIZE                  last := memory.size
;;  10 EXIT   a              _exit(a)
;;  11 LAST                  _write(last as 4 bytes LE)
;;  12 OSIZE                 last := _output_size()
;;  13 SPIN                  loop forever
;;  14 RESUME a b c d e      last := _resume(a, b, c, d, e)
;;  15 FILL   a b c          memory.fill(a, b, c)
;;  16 COPY   a b c          memory.copy(a, b, c)
;;  17 TRAP                  unreachable
;;  18 TFILL  a b            table.fill(a, ref.null func, b) on a 16-entry funcref table
;; Scratch: [16, 24) holds values written to the output.
;; Fuel (Interlude profile, charged per region at its entry; imports add their procedures): each
;; command pays the loop region [30] (5 argument loads at 4, pc advance 4, dispatch 6) and then its
;; body region, e.g. EXEC [19] (5 BASE, CALL 10, global.set 3, br 1), CHARGE [18] (7 BASE, CALL 10,
;; br 1); test/adversarial/t2c_fuel_gas_test.cpp relies on these two.
(module
  (import "fluentbase_v1preview" "_exit" (func $exit (param i32)))
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_output_size" (func $output_size (result i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_forward_output" (func $forward_output (param i32 i32)))
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_resume" (func $resume (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_fuel" (func $fuel (result i64)))
  (import "fluentbase_v1preview" "_charge_fuel" (func $charge_fuel (param i64)))
  (memory (export "memory") 1)
  (table 16 funcref)
  (global $last (mut i32) (i32.const 0))

  (func $run (local $pc i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    i32.const 0
    i32.const 0
    call $input_size
    call $read
    i32.const 1024
    local.set $pc
    loop $next
      local.get $pc
      i32.load offset=1
      local.set $a
      local.get $pc
      i32.load offset=5
      local.set $b
      local.get $pc
      i32.load offset=9
      local.set $c
      local.get $pc
      i32.load offset=13
      local.set $d
      local.get $pc
      i32.load offset=17
      local.set $e
      local.get $pc
      i32.const 21
      i32.add
      local.set $pc
      block $tfill block $trap block $copy block $fill block $resume block $spin block $osize block $lastw
      block $exitop block $size block $fuelop block $charge block $grow block $writeop block $fwd
      block $rout block $readop block $execop block $stop
        local.get $pc
        i32.const 21
        i32.sub
        i32.load8_u
        br_table $stop $execop $readop $rout $fwd $writeop $grow $charge $fuelop $size $exitop
                 $lastw $osize $spin $resume $fill $copy $trap $tfill $trap
      end ;; stop
      return
      end ;; exec
      local.get $a
      local.get $b
      local.get $c
      local.get $d
      local.get $e
      call $exec
      global.set $last
      br $next
      end ;; read
      local.get $a
      local.get $b
      local.get $c
      call $read
      br $next
      end ;; read_output
      local.get $a
      local.get $b
      local.get $c
      call $read_output
      br $next
      end ;; forward_output
      local.get $a
      local.get $b
      call $forward_output
      br $next
      end ;; write
      local.get $a
      local.get $b
      call $write
      br $next
      end ;; grow
      local.get $a
      memory.grow
      global.set $last
      br $next
      end ;; charge_fuel
      local.get $a
      i64.extend_i32_u
      local.get $b
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.or
      call $charge_fuel
      br $next
      end ;; fuel
      i32.const 16
      call $fuel
      i64.store
      i32.const 16
      i32.const 8
      call $write
      br $next
      end ;; size
      memory.size
      global.set $last
      br $next
      end ;; exit
      local.get $a
      call $exit
      br $next
      end ;; last
      i32.const 16
      global.get $last
      i32.store
      i32.const 16
      i32.const 4
      call $write
      br $next
      end ;; output_size
      call $output_size
      global.set $last
      br $next
      end ;; spin
      loop $spin
        br $spin
      end
      end ;; resume
      local.get $a
      local.get $b
      local.get $c
      local.get $d
      local.get $e
      call $resume
      global.set $last
      br $next
      end ;; fill
      local.get $a
      local.get $b
      local.get $c
      memory.fill
      br $next
      end ;; copy
      local.get $a
      local.get $b
      local.get $c
      memory.copy
      br $next
      end ;; trap
      unreachable
      end ;; table.fill
      local.get $a
      ref.null func
      local.get $b
      table.fill 0
      br $next
    end)

  (func (export "main") call $run)
  (func (export "deploy") call $run))
