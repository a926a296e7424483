;; An active data segment across a 4 KiB chunk boundary, then one past the end of memory:
;; instantiation traps after the first one wrote.
(module (memory 1) (data (i32.const 8190) "\ff\ff\ff\ff") (data (i32.const 65535) "ab"))
