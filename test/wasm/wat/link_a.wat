;; Linking tests (test_linking.cpp), instance A: exports its memory, a table holding its own
;; function, a mutable global, and functions that read them or call a host import.
(module
  (import "host" "park" (func $park (param i32) (result i32)))
  (memory (export "mem") 1 4)
  (table (export "tab") 2 funcref)
  (global $g (export "g") (mut i32) (i32.const 7))
  (data (i32.const 0) "\2a")
  (elem (i32.const 0) $read)
  ;; A's memory[0] (42) + A's global (7)
  (func $read (export "read") (result i32) (i32.add (i32.load8_u (i32.const 0)) (global.get $g)))
  (func (export "size") (result i32) (memory.size))
  (func (export "via_host") (param i32) (result i32) (i32.add (call $park (local.get 0)) (i32.const 1)))
)
