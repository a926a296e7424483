;; Calls one builtin import chosen by a selector, then writes a slice of memory.
;; The payload (input after the 1024-byte context header) is copied to memory 0 and laid out as
;;   [0] selector  [4, 8, 12, 16] args 0..3  [20] out_ptr  [24] out_len  (u32 LE)  [28..) data
;; main: _read(0, 1024, input_size - 1024); call the selected import with its params from args 0..;
;; _write(out_ptr, out_len). Selectors follow test/runtime/builtins_test.h (Builtin).
;; Fuel of one run, besides the imports' own: page 1024 + read/write region 24 + 16 + dispatch 4 +
;; selected arm (3 per param + call 10 + br 1).
(module
  (import "fluentbase_v1preview" "_read" (func $read (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_input_size" (func $input_size (result i32)))
  (import "fluentbase_v1preview" "_write" (func $write (param i32 i32)))
  (import "fluentbase_v1preview" "_enter_unconstrained" (func $enter_unconstrained))
  (import "fluentbase_v1preview" "_exit_unconstrained" (func $exit_unconstrained))
  (import "fluentbase_v1preview" "_keccak256_permute" (func $keccak256_permute (param i32)))
  (import "fluentbase_v1preview" "_sha256_extend" (func $sha256_extend (param i32)))
  (import "fluentbase_v1preview" "_sha256_compress" (func $sha256_compress (param i32 i32)))
  (import "fluentbase_v1preview" "_blake3" (func $blake3 (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_sha256" (func $sha256 (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_ed25519_decompress" (func $ed25519_decompress (param i32 i32)))
  (import "fluentbase_v1preview" "_ed25519_add" (func $ed25519_add (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bn254_add" (func $tower_fp1_bn254_add (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bn254_sub" (func $tower_fp1_bn254_sub (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bn254_mul" (func $tower_fp1_bn254_mul (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bls12381_add" (func $tower_fp1_bls12381_add (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bls12381_sub" (func $tower_fp1_bls12381_sub (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp1_bls12381_mul" (func $tower_fp1_bls12381_mul (param i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bn254_add" (func $tower_fp2_bn254_add (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bn254_sub" (func $tower_fp2_bn254_sub (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bn254_mul" (func $tower_fp2_bn254_mul (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bls12381_add" (func $tower_fp2_bls12381_add (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bls12381_sub" (func $tower_fp2_bls12381_sub (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_tower_fp2_bls12381_mul" (func $tower_fp2_bls12381_mul (param i32 i32 i32 i32)))
  (import "fluentbase_v1preview" "_secp256k1_add" (func $secp256k1_add (param i32 i32)))
  (import "fluentbase_v1preview" "_secp256k1_decompress" (func $secp256k1_decompress (param i32 i32)))
  (import "fluentbase_v1preview" "_secp256k1_double" (func $secp256k1_double (param i32)))
  (import "fluentbase_v1preview" "_secp256r1_add" (func $secp256r1_add (param i32 i32)))
  (import "fluentbase_v1preview" "_secp256r1_decompress" (func $secp256r1_decompress (param i32 i32)))
  (import "fluentbase_v1preview" "_secp256r1_double" (func $secp256r1_double (param i32)))
  (import "fluentbase_v1preview" "_bls12381_add" (func $bls12381_add (param i32 i32)))
  (import "fluentbase_v1preview" "_bls12381_decompress" (func $bls12381_decompress (param i32 i32)))
  (import "fluentbase_v1preview" "_bls12381_double" (func $bls12381_double (param i32)))
  (import "fluentbase_v1preview" "_bn254_add" (func $bn254_add (param i32 i32)))
  (import "fluentbase_v1preview" "_bn254_double" (func $bn254_double (param i32)))
  (import "fluentbase_v1preview" "_uint256_mul_mod" (func $uint256_mul_mod (param i32 i32 i32)))
  (import "fluentbase_v1preview" "_uint256_x2048_mul" (func $uint256_x2048_mul (param i32 i32 i32 i32)))
  (memory 1)
  (func $main (export "main")
    (call $read (i32.const 0) (i32.const 1024) (i32.sub (call $input_size) (i32.const 1024)))
    (block $done
      ;; one block per selector, $s33 outermost: arm i runs after $si ends, then leaves $done
      (block $s33 (block $s32 (block $s31 (block $s30 (block $s29 (block $s28 (block $s27
      (block $s26 (block $s25 (block $s24 (block $s23 (block $s22 (block $s21 (block $s20
      (block $s19 (block $s18 (block $s17 (block $s16 (block $s15 (block $s14 (block $s13
      (block $s12 (block $s11 (block $s10 (block $s9 (block $s8 (block $s7 (block $s6
      (block $s5 (block $s4 (block $s3 (block $s2 (block $s1 (block $s0
        (br_table
          $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8 $s9 $s10 $s11
          $s12 $s13 $s14 $s15 $s16 $s17 $s18 $s19 $s20 $s21 $s22 $s23
          $s24 $s25 $s26 $s27 $s28 $s29 $s30 $s31 $s32 $s33 $done
          (i32.load (i32.const 0))))
      (call $enter_unconstrained) (br $done))  ;; 0
      (call $exit_unconstrained) (br $done))  ;; 1
      (call $keccak256_permute (i32.load (i32.const 4))) (br $done))  ;; 2
      (call $sha256_extend (i32.load (i32.const 4))) (br $done))  ;; 3
      (call $sha256_compress (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 4
      (call $blake3  ;; 5
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)))
      (br $done))
      (call $sha256  ;; 6
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)))
      (br $done))
      (call $ed25519_decompress (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 7
      (call $ed25519_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 8
      (call $tower_fp1_bn254_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 9
      (call $tower_fp1_bn254_sub (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 10
      (call $tower_fp1_bn254_mul (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 11
      (call $tower_fp1_bls12381_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 12
      (call $tower_fp1_bls12381_sub (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 13
      (call $tower_fp1_bls12381_mul (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 14
      (call $tower_fp2_bn254_add  ;; 15
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $tower_fp2_bn254_sub  ;; 16
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $tower_fp2_bn254_mul  ;; 17
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $tower_fp2_bls12381_add  ;; 18
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $tower_fp2_bls12381_sub  ;; 19
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $tower_fp2_bls12381_mul  ;; 20
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
      (call $secp256k1_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 21
      (call $secp256k1_decompress (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 22
      (call $secp256k1_double (i32.load (i32.const 4))) (br $done))  ;; 23
      (call $secp256r1_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 24
      (call $secp256r1_decompress (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 25
      (call $secp256r1_double (i32.load (i32.const 4))) (br $done))  ;; 26
      (call $bls12381_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 27
      (call $bls12381_decompress (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 28
      (call $bls12381_double (i32.load (i32.const 4))) (br $done))  ;; 29
      (call $bn254_add (i32.load (i32.const 4)) (i32.load (i32.const 8))) (br $done))  ;; 30
      (call $bn254_double (i32.load (i32.const 4))) (br $done))  ;; 31
      (call $uint256_mul_mod  ;; 32
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)))
      (br $done))
      (call $uint256_x2048_mul  ;; 33
        (i32.load (i32.const 4)) (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.load (i32.const 16)))
      (br $done))
    (call $write (i32.load (i32.const 20)) (i32.load (i32.const 24))))
  (export "deploy" (func $main)))
