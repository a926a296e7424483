;; T63: SIMD (v128.const + i32x4.extract_lane).
(module (memory (export "memory") 1)
  (func (export "main") (drop (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))
  (func (export "deploy")))
