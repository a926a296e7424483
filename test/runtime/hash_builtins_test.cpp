// The hash builtins and the no-op imports through wat/builtins.wat: published known-answer vectors,
// exact fuel (protocol.md §1.3) and bounds (§1.5: out-of-bounds memory traps MemoryOutOfBounds).
#include "builtins_test.h"

namespace interlude::runtime::test {
namespace {

/// u32 words as LE bytes.
Bytes u32_words_le(std::initializer_list<uint32_t> words) {
  Bytes out;
  for (uint32_t w : words) out = concat({out, u32_le(w)});
  return out;
}

TEST_F(BuiltinTest, UnconstrainedImportsAreFreeNoOps) {
  for (Builtin b : {Builtin::EnterUnconstrained, Builtin::ExitUnconstrained}) {
    const BuiltinCall c{b, {}, {{kData, hex("0102")}}, kData, 2};
    const ExecutionResult r = call(c);
    EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
    EXPECT_EQ(r.output, hex("0102"));
    EXPECT_EQ(r.fuel_consumed, fuel(c, 0, 0));
    EXPECT_EQ(r.fuel_consumed, 1024 + 400 + 460 + 24 + 4 + 11 + 16 + 460);  // the formula, spelt out once
  }
}

TEST_F(BuiltinTest, KeccakF1600PermutesTheZeroState) {
  // KeccakF-1600-IntermediateValues.txt (Keccak team): the permutation of the all-zero state.
  const Bytes once = concat(
      {u64_le(0xF1258F7940E1DDE7), u64_le(0x84D5CCF933C0478A), u64_le(0xD598261EA65AA9EE), u64_le(0xBD1547306F80494D),
       u64_le(0x8B284E056253D057), u64_le(0xFF97A42D7F8E6FD4), u64_le(0x90FEE5A0A44647C4), u64_le(0x8C5BDA0CD6192E76),
       u64_le(0xAD30A6F71B19059C), u64_le(0x30935AB7D08FFC64), u64_le(0xEB5AA93F2317D635), u64_le(0xA9A6E6260D712103),
       u64_le(0x81A57C16DBCF555F), u64_le(0x43B831CD0347C826), u64_le(0x01F22F1A11A5569F), u64_le(0x05E5635A21D9AE61),
       u64_le(0x64BEFEF28CC970F2), u64_le(0x613670957BC46611), u64_le(0xB87C5A554FD00ECB), u64_le(0x8C3EE88A1CCF32C8),
       u64_le(0x940C7922AE3A2614), u64_le(0x1841F924A2C509E4), u64_le(0x16F53526E70465C2), u64_le(0x75F644E97F30A13B),
       u64_le(0xEAF1FF7B5CECA249)});
  expect_output({Builtin::Keccak256Permute, {64}, {{64, Bytes(200, 0)}}, 64, 200}, 1, 600, once);
  // The same file's second permutation, first three lanes.
  expect_output({Builtin::Keccak256Permute, {64}, {{64, once}}, 64, 24}, 1, 600,
                concat({u64_le(0x2D5C954DF96ECB3C), u64_le(0x6A332CD07057B56D), u64_le(0x093D8D1270D76B6C)}));
}

TEST_F(BuiltinTest, Sha256ExtendThenCompressGiveTheFips180AbcDigest) {
  // FIPS 180-2 Appendix B.1: the one-block message "abc"; words are u32 LE in memory (§1.5).
  const Bytes block = u32_words_le({0x61626380, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x18});
  const BuiltinCall extend{Builtin::Sha256Extend, {64}, {{64, concat({block, Bytes(192, 0xEE)})}}, 64, 256};
  const ExecutionResult w = call(extend);
  EXPECT_EQ(w.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(w.fuel_consumed, fuel(extend, 1, 1200));
  ASSERT_EQ(w.output.size(), 256u);
  EXPECT_EQ(Bytes(w.output.begin(), w.output.begin() + 64), block);
  // W16 = W0 and W17 = σ1(W15) for this block.
  EXPECT_EQ(Bytes(w.output.begin() + 64, w.output.begin() + 72), u32_words_le({0x61626380, 0x000F0000}));

  const Bytes iv =
      u32_words_le({0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19});
  const BuiltinCall compress{Builtin::Sha256Compress, {32, 64}, {{32, iv}, {64, w.output}}, 32, 32};
  const ExecutionResult h = call(compress);
  EXPECT_EQ(h.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(h.fuel_consumed, fuel(compress, 2, 1200));
  EXPECT_EQ(h.output, u32_words_le({0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61,
                                    0xf20015ad}));
}

TEST_F(BuiltinTest, Sha256DigestsWithLinearFuel) {
  // FIPS 180-2 Appendix B.1 and B.2.
  const struct {
    std::string_view message, digest;
  } cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const auto& [message, digest] : cases) {
    SCOPED_TRACE(message);
    const uint32_t len = static_cast<uint32_t>(message.size());
    expect_output({Builtin::Sha256, {64, len, 32}, {{64, Bytes(message.begin(), message.end())}}, 32, 32}, 3,
                  1200 + (len + 31) / 32 * 240, hex(digest));
  }
}

TEST_F(BuiltinTest, Blake3MatchesTheOfficialTestVectors) {
  // BLAKE3 test_vectors/test_vectors.json: input byte i is i % 251; the first 32 bytes of "hash".
  const struct {
    uint32_t len;
    std::string_view hash;
  } cases[] = {
      {0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
      {1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
      {1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
      {1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
      {1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
      {2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"},
      {2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"},
      {3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"},
      {3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"},
      {4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"},
      {5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"},
      {8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"},
      {16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"},
      {31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"},
  };
  for (const auto& [len, hash] : cases) {
    SCOPED_TRACE(len);
    Bytes input(len);
    for (uint32_t i = 0; i < len; ++i) input[i] = static_cast<uint8_t>(i % 251);
    expect_output({Builtin::Blake3, {64, len, 32}, {{64, input}}, 32, 32}, 3, 1200 + (len + 31) / 32 * 240, hex(hash));
  }
}

TEST_F(BuiltinTest, HashBuiltinsTrapOnOutOfBoundsMemory) {
  const struct {
    BuiltinCall c;
    uint32_t arity;
    uint64_t import_fuel;
  } cases[] = {
      {{Builtin::Keccak256Permute, {kMemorySize - 199}}, 1, 600},
      {{Builtin::Sha256Extend, {kMemorySize - 255}}, 1, 1200},  // W[0..16) fits, W[16..64) does not
      {{Builtin::Sha256Compress, {kMemorySize - 31, 64}}, 2, 1200},
      {{Builtin::Sha256Compress, {32, kMemorySize - 255}}, 2, 1200},
      {{Builtin::Sha256, {64, 3, kMemorySize - 31}}, 3, 1440},
      {{Builtin::Sha256, {kMemorySize - 2, 3, 32}}, 3, 1440},
      {{Builtin::Blake3, {64, 3, kMemorySize - 31}}, 3, 1440},
      {{Builtin::Blake3, {0xFFFFFFFF, 2, 32}}, 3, 1440},
  };
  for (const auto& [c, arity, import_fuel] : cases) {
    SCOPED_TRACE(static_cast<uint32_t>(c.builtin));
    expect_exit(c, arity, import_fuel, ExitCode::MemoryOutOfBounds);
  }
}

TEST_F(BuiltinTest, FuelIsChargedBeforeTheWork) {
  // Exactly enough for everything but the last fuel unit of `_keccak256_permute`: OutOfFuel, and
  // all the fuel is consumed.
  const BuiltinCall c{Builtin::Keccak256Permute, {64}, {{64, Bytes(200, 0)}}, 64, 200};
  const uint64_t limit = fuel(c, 1, 600, false) - 1;
  const ExecutionResult r = call(c, limit);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, limit);
}

TEST_F(BuiltinTest, UnlinkedImportsAreRejected) {
  // `_write_fd` is covered by import_unknown_name.
  EXPECT_EQ(executor.check_module(wasm_module("import_poseidon")), ExitCode::MalformedBuiltinParams);
  EXPECT_EQ(run("import_poseidon").exit_code, code(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(executor.check_module(wasm_module("builtins")), ExitCode::Ok);
}

}  // namespace
}  // namespace interlude::runtime::test
