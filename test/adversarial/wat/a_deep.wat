;; T30: self-recursive CALL chain. Calldata: depth u32 LE ‖ self address (20 bytes). Each frame
;; CALLs self with depth + 1; if the call succeeds it forwards the child's 8-byte output, else it
;; writes depth u32 ‖ the child's exit code i32: the output of the top frame is the depth of the
;; deepest frame whose CALL failed and the code it got. Declares 1023 pages; tests patch the memory
;; minimum (2-byte LEB at the end of the memory section) for other frame sizes.
;; Memory: [0,32) CALL id, [200,224) calldata, [300,372) CALL input, [400,408) output.
(module
  (import "fluentbase_v1preview" "_exec" (func $exec (param i32 i32 i32 i32 i32) (result i32)))
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_read_output" (func $read_output (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (memory 1023)
  (data (i32.const 31) "\03")
  (func (export "main") (local $code i32)
    i32.const 200
    i32.const 1024
    i32.const 24
    call $read
    i32.const 300
    i32.const 204
    i32.const 20
    memory.copy
    i32.const 352
    i32.const 200
    i32.load
    i32.const 1
    i32.add
    i32.store
    i32.const 356
    i32.const 204
    i32.const 20
    memory.copy
    i32.const 0
    i32.const 300
    i32.const 76
    i32.const 0
    i32.const 0
    call $exec
    local.tee $code
    if
      i32.const 400
      i32.const 200
      i32.load
      i32.store
      i32.const 404
      local.get $code
      i32.store
    else
      i32.const 400
      i32.const 0
      i32.const 8
      call $read_output
    end
    i32.const 400
    i32.const 8
    call $write)
  (func (export "deploy")))
