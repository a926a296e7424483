// The field, curve and big-integer builtins through wat/builtins.wat (protocol.md §1.6): published
// points and known values, SP1's validation (MalformedBuiltinParams) and formula edge cases,
// exact fuel (§1.3), and out-of-bounds operands trapping MemoryOutOfBounds.
#include "builtins_test.h"

namespace interlude::runtime::test {
namespace {

constexpr std::string_view kBn254P = "30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD47";
constexpr std::string_view kBls12381P =
    "1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB";
constexpr std::string_view kSecp256k1P = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F";
constexpr std::string_view kEd25519P = "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED";

/// Affine point x ‖ y, coordinates of `size` LE bytes given as big-endian hex.
Bytes point(std::string_view x, std::string_view y, size_t size = 32) { return concat({le(x, size), le(y, size)}); }

// Generators and multiples (SEC 2 §2.4.1, §2.4.2; EIP-196; BLS12-381 G1 as in the IETF
// pairing-friendly-curves draft), their doubles and triples as in SP1's test programs.
const Bytes kSecp256k1G = point("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
                                "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");
const Bytes kSecp256k1G2 = point("C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5",
                                 "1AE168FEA63DC339A3C58419466CEAEEF7F632653266D0E1236431A950CFE52A");
const Bytes kSecp256k1G3 = point("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9",
                                 "388F7B0F632DE8140FE337E62A37F3566500A99934C2231B6CB9FD7584B8E672");
const Bytes kP256G = point("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
                           "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
const Bytes kP256G2 = point("7CF27B188D034F7E8A52380304B51AC3C08969E277F21B35A60B48FC47669978",
                            "07775510DB8ED040293D9AC69F7430DBBA7DADE63CE982299E04B79D227873D1");
const Bytes kP256G3 = point("5ECBE4D1A6330A44C8F7EF951D4BF165E6C6B721EFADA985FB41661BC6E7FD6C",
                            "8734640C4998FF7E374B06CE1A64A2ECD82AB036384FB83D9A79B127A27D5032");
const Bytes kBn254G = point("1", "2");
const Bytes kBn254G2 = point("030644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD3",
                             "15ED738C0E0A7C92E7845F96B2AE9C0A68A6A449E3538FC7FF3EBF7A5A18A2C4");
const Bytes kBn254G3 = point("0769BF9AC56BEA3FF40232BCB1B6BD159315D84715B8E679F2D355961915ABF0",
                             "2AB799BEE0489429554FDB7C8D086475319E63B40B9C5B57CDF1FF3DD9FE2261");
const Bytes kBls12381G =
    point("17F1D3A73197D7942695638C4FA9AC0FC3688C4F9774B905A14E3A3F171BAC586C55E83FF97A1AEFFB3AF00ADB22C6BB",
          "08B3F481E3AAA0F1A09E30ED741D8AE4FCF5E095D5D00AF600DB18CB2C04B3EDD03CC744A2888AE40CAA232946C5E7E1", 48);
const Bytes kBls12381G2 =
    point("0572CBEA904D67468808C8EB50A9450C9721DB309128012543902D0AC358A62AE28F75BB8F1C7C42C39A8C5529BF0F4E",
          "166A9D8CABC673A322FDA673779D8E3822BA3ECB8670E461F73BB9021D5FD76A4C56D9D4CD16BD1BBA86881979749D28", 48);
const Bytes kBls12381G3 =
    point("09ECE308F9D1F0131765212DECA99697B112D61F9BE9A5F1F3780A51335B3FF981747A0B2CA2179B96D2C0C9024E5224",
          "032B80D3A6F5B09F8A84623389C5F80CA69A0CDDABC3097F9D9C27310FD43BE6E745256C634AF45CA3473B0590AE30D1", 48);

/// A two-operand call: `a` at 64 (the result's place), `b` at 256 (or elsewhere), output a.
BuiltinCall binary(Builtin builtin, const Bytes& a, const Bytes& b) {
  return {builtin, {64, 256}, {{64, a}, {256, b}}, 64, static_cast<uint32_t>(a.size())};
}
/// A one-operand call on `a` at 64, output a.
BuiltinCall unary(Builtin builtin, const Bytes& a, std::vector<uint32_t> extra_args = {}) {
  std::vector<uint32_t> args{64};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return {builtin, args, {{64, a}}, 64, static_cast<uint32_t>(a.size())};
}
/// A tower fp2 call: contiguous c0 ‖ c1 at 64 and 256; params 2 and 3 are ignored (protocol.md
/// §1.6 (observed)) and given out-of-bounds values here to show it.
BuiltinCall fp2(Builtin builtin, const Bytes& x, const Bytes& y) {
  return {builtin, {64, 256, 0xFFFFFFFF, 0xFFFFFFFF}, {{64, x}, {256, y}}, 64, static_cast<uint32_t>(x.size())};
}

TEST_F(BuiltinTest, TowerFp1Bn254) {
  const Bytes p_minus_1 = le("30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD46", 32);
  expect_output(binary(Builtin::Fp1Bn254Add, p_minus_1, le("2", 32)), 2, 120, le("1", 32));
  expect_output(binary(Builtin::Fp1Bn254Sub, le("1", 32), le("2", 32)), 2, 120, p_minus_1);
  expect_output(binary(Builtin::Fp1Bn254Mul, p_minus_1, p_minus_1), 2, 480, le("1", 32));
  // Unreduced operands: add and mul reduce them (p + 5 ≡ 5).
  const Bytes p_plus_5 = le("30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD4C", 32);
  expect_output(binary(Builtin::Fp1Bn254Add, p_plus_5, le("1", 32)), 2, 120, le("6", 32));
  expect_output(binary(Builtin::Fp1Bn254Mul, p_plus_5, le("3", 32)), 2, 480, le("F", 32));
  // Sub takes y up to x + p (the raw-integer rule); y = x + p + 1 halts.
  expect_output(binary(Builtin::Fp1Bn254Sub, p_plus_5, le("9", 32)), 2, 120,
                le("30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD43", 32));  // −4
  expect_output(binary(Builtin::Fp1Bn254Sub, le("6", 32), p_plus_5), 2, 120, le("1", 32));
  expect_output(binary(Builtin::Fp1Bn254Sub, le("5", 32), p_plus_5), 2, 120, le("0", 32));
  expect_exit(binary(Builtin::Fp1Bn254Sub, le("4", 32), p_plus_5), 2, 120, ExitCode::MalformedBuiltinParams);
  expect_exit(binary(Builtin::Fp1Bn254Sub, le("0", 32), Bytes(32, 0xFF)), 2, 120, ExitCode::MalformedBuiltinParams);
}

TEST_F(BuiltinTest, TowerFp1Bls12381) {
  const Bytes p_minus_1 =
      le("1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAA", 48);
  expect_output(binary(Builtin::Fp1Bls12381Add, p_minus_1, le("2", 48)), 2, 160, le("1", 48));
  expect_output(binary(Builtin::Fp1Bls12381Sub, le("1", 48), le("2", 48)), 2, 160, p_minus_1);
  expect_output(binary(Builtin::Fp1Bls12381Mul, p_minus_1, p_minus_1), 2, 640, le("1", 48));
  // SP1 test_bls12381_overflow_cant_happen: a < p, b > a + p.
  const Bytes a =
      le("1380CD6FAB1FECF3B854BDC8B278C1A18B5978A3B6A3CE0F8D649DF8B904B89B1700FFFF04FEFFFFCB7F3FFFFFFFC001", 48);
  const Bytes b =
      le("4E0335BEAC7FB3CEE152F722C9E306862D65E28EDA8F383E359277E2E412E26C5C03FFFC13FBFFFF2DFCFFFFFFFF0001", 48);
  expect_exit(binary(Builtin::Fp1Bls12381Sub, a, b), 2, 160, ExitCode::MalformedBuiltinParams);
}

TEST_F(BuiltinTest, TowerFp2UsesContiguousLimbs) {
  const Bytes one_two = concat({le("1", 32), le("2", 32)}), three_four = concat({le("3", 32), le("4", 32)});
  // (1 + 2u)(3 + 4u) = −5 + 10u with u² = −1.
  expect_output(fp2(Builtin::Fp2Bn254Mul, one_two, three_four), 4, 960,
                concat({le("30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD42", 32), le("A", 32)}));
  expect_output(fp2(Builtin::Fp2Bn254Add, one_two, three_four), 4, 240, concat({le("4", 32), le("6", 32)}));
  expect_output(fp2(Builtin::Fp2Bn254Sub, three_four, one_two), 4, 240, concat({le("2", 32), le("2", 32)}));
  // Only the second limb breaks the sub rule.
  expect_exit(fp2(Builtin::Fp2Bn254Sub, one_two, concat({le("3", 32), Bytes(32, 0xFF)})), 4, 240,
              ExitCode::MalformedBuiltinParams);

  const Bytes x = concat(
      {le("12A6330B5D9DC9F81818E811892F902BD23F0824128B2F330C5C7FD0A6A3A4506513270E269E0D37F2A74DE452E6B438", 48),
       le("11A22DD91738F7D93D9C172411E20B8F6B0D549B6F03675A1600A35A099950D836F675CC81E74EF5E8E25D940ED90475", 48)});
  const Bytes y = concat(
      {le("01FAC61EF29D0DA9953F48F1A09F76B5A170B33839263059F28C105D1FB17C2390C192CFD3AC94AF0F21DDB66CAD4A26", 48),
       le("0D6996484A23D5962217BEADDBC496CB8E81973E0BECD7B03898D190F9EBDACC0CB1E29C658CDA1495E60AF593BD04CF", 48)});
  expect_output(
      fp2(Builtin::Fp2Bls12381Mul, x, y), 4, 1280,
      concat(
          {le("05B75977885BF1BDCEFD3B35337202A1B77913A21B6DBC9C7376EEB2FF47DD729B2E8D9F390C19264939F51C1B118F1E", 48),
           le("11A9D5C93A49DDB234F0192A3C0EA28514DAA279EB1B9BF5CDF218E84DA7DD13C7B7BBE451A5E299E698BBC1FBA646D2",
              48)}));
  expect_output(fp2(Builtin::Fp2Bls12381Add, concat({le("1", 48), le("2", 48)}), concat({le("3", 48), le("4", 48)})), 4,
                320, concat({le("4", 48), le("6", 48)}));
  expect_output(
      fp2(Builtin::Fp2Bls12381Sub, concat({le("1", 48), le("2", 48)}), concat({le("3", 48), le("1", 48)})), 4, 320,
      concat(
          {le("1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAA9", 48),
           le("1", 48)}));
}

TEST_F(BuiltinTest, WeierstrassAddAndDoubleGiveKnownMultiples) {
  const struct {
    Builtin add, dbl;
    uint64_t add_fuel, double_fuel;
    const Bytes &g, &g2, &g3;
  } curves[] = {
      {Builtin::Secp256k1Add, Builtin::Secp256k1Double, 3000, 3000, kSecp256k1G, kSecp256k1G2, kSecp256k1G3},
      {Builtin::Secp256r1Add, Builtin::Secp256r1Double, 3000, 3000, kP256G, kP256G2, kP256G3},
      {Builtin::Bn254Add, Builtin::Bn254Double, 3000, 3000, kBn254G, kBn254G2, kBn254G3},
      {Builtin::Bls12381Add, Builtin::Bls12381Double, 12000, 12000, kBls12381G, kBls12381G2, kBls12381G3},
  };
  for (const auto& c : curves) {
    SCOPED_TRACE(static_cast<uint32_t>(c.add));
    expect_output(unary(c.dbl, c.g), 1, c.double_fuel, c.g2);
    expect_output(binary(c.add, c.g, c.g2), 2, c.add_fuel, c.g3);
    expect_output(binary(c.add, c.g2, c.g), 2, c.add_fuel, c.g3);
    // SP1 has no add for equal points: G + G halts (use double).
    expect_exit(binary(c.add, c.g, c.g), 2, c.add_fuel, ExitCode::MalformedBuiltinParams);
    // The same pointer twice is the same point.
    expect_exit({c.add, {64, 64}, {{64, c.g}}, 64, 0}, 2, c.add_fuel, ExitCode::MalformedBuiltinParams);
  }
}

TEST_F(BuiltinTest, WeierstrassRejectsCoordinatesAtOrAboveTheModulus) {
  const Bytes p = le(kSecp256k1P, 32);
  expect_exit(binary(Builtin::Secp256k1Add, concat({p, le("2", 32)}), kSecp256k1G), 2, 3000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(binary(Builtin::Secp256k1Add, kSecp256k1G, concat({le("2", 32), p})), 2, 3000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(unary(Builtin::Secp256k1Double, concat({le("1", 32), p})), 1, 3000, ExitCode::MalformedBuiltinParams);
  // SP1 test_coords_above_modulus_halt: BLS12-381 x = 2^384 − 1, y = 0.
  expect_exit(unary(Builtin::Bls12381Double, concat({Bytes(48, 0xFF), Bytes(48, 0)})), 1, 12000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(binary(Builtin::Bn254Add, concat({le(kBn254P, 32), le("2", 32)}), kBn254G2), 2, 3000,
              ExitCode::MalformedBuiltinParams);
}

TEST_F(BuiltinTest, WeierstrassFormulasNeverYieldInfinity) {
  // SP1's affine formulas invert a zero denominator to zero (builtins.h): G + (−G) = (−2·Gx, −Gy),
  // here (p − 2·Gx, p − Gy) for secp256k1.
  const Bytes minus_g = point("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
                              "B7C52588D95C3B9AA25B0403F1EEF75702E84BB7597AABE663B82F6F04EF2777");
  expect_output(binary(Builtin::Secp256k1Add, kSecp256k1G, minus_g), 2, 3000,
                point("0C8333020C4688A754BF3AD462F1E9F1FAC80649A463AE4D4C1AFD48D20FCCFF",
                      "B7C52588D95C3B9AA25B0403F1EEF75702E84BB7597AABE663B82F6F04EF2777"));
  // Points off the curve are not rejected (SP1 secp256k1_off_curve_inputs_preserve_arithmetic):
  // (0, 1) + (1, 1) = (p − 1, p − 1) and 2·(0, 1) = (0, p − 1).
  const std::string p_minus_1 = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2E";
  expect_output(binary(Builtin::Secp256k1Add, point("0", "1"), point("1", "1")), 2, 3000, point(p_minus_1, p_minus_1));
  expect_output(unary(Builtin::Secp256k1Double, point("0", "1")), 1, 3000, point("0", p_minus_1));
  // Doubling a point with y = 0: the slope is 0, so (−2·x, 0).
  expect_output(unary(Builtin::Bn254Double, point("1", "0")), 1, 3000,
                point("30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD45", "0"));
}

TEST_F(BuiltinTest, WeierstrassDecompressWritesYBeforeX) {
  // The point buffer is y ‖ x: x is read from the second half, y written to the first.
  const auto yx = [](const Bytes& xy) {
    const size_t n = xy.size() / 2;
    return concat({Bytes(xy.begin() + n, xy.end()), Bytes(xy.begin(), xy.begin() + n)});
  };
  const auto x_only = [](const Bytes& xy) {
    const size_t n = xy.size() / 2;
    return concat({Bytes(n, 0xAA), Bytes(xy.begin(), xy.begin() + n)});
  };
  // secp256k1 G has an even y: sign 0 gives G, sign 1 gives −G.
  expect_output(unary(Builtin::Secp256k1Decompress, x_only(kSecp256k1G), {0}), 2, 80000, yx(kSecp256k1G));
  expect_output(unary(Builtin::Secp256k1Decompress, x_only(kSecp256k1G), {1}), 2, 80000,
                concat({le("B7C52588D95C3B9AA25B0403F1EEF75702E84BB7597AABE663B82F6F04EF2777", 32),
                        le("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 32)}));
  // P-256 G has an odd y.
  expect_output(unary(Builtin::Secp256r1Decompress, x_only(kP256G), {1}), 2, 80000, yx(kP256G));
  // BLS12-381 G's y is the smaller root (y < p − y): sign ("largest" flag) 0.
  expect_output(unary(Builtin::Bls12381Decompress, x_only(kBls12381G), {0}), 2, 12000, yx(kBls12381G));
  expect_output(
      unary(Builtin::Bls12381Decompress, x_only(kBls12381G), {1}), 2, 12000,
      concat(
          {le("114D1D6855D545A8AA7D76C8CF2E21F267816AEF1DB507C96655B9D5CAAC42364E6F38BA0ECB751BAD54DCD6B939C2CA", 48),
           le("17F1D3A73197D7942695638C4FA9AC0FC3688C4F9774B905A14E3A3F171BAC586C55E83FF97A1AEFFB3AF00ADB22C6BB",
              48)}));
}

TEST_F(BuiltinTest, WeierstrassDecompressRejectsInvalidInput) {
  const Bytes g = concat({Bytes(32, 0), le("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 32)});
  expect_exit(unary(Builtin::Secp256k1Decompress, g, {2}), 2, 80000, ExitCode::MalformedBuiltinParams);
  // x = 5: 5³ + 7 is not a square mod p.
  expect_exit(unary(Builtin::Secp256k1Decompress, concat({Bytes(32, 0), le("5", 32)}), {0}), 2, 80000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(unary(Builtin::Secp256k1Decompress, concat({Bytes(32, 0), le(kSecp256k1P, 32)}), {0}), 2, 80000,
              ExitCode::MalformedBuiltinParams);
  // SP1 test_secp256r1_bad_point: x = 2^256 − 1.
  expect_exit(unary(Builtin::Secp256r1Decompress, Bytes(64, 0xFF), {1}), 2, 80000, ExitCode::MalformedBuiltinParams);
  // BLS12-381: x = 1 has no y (1 + 4 is not a square); x = p; SP1 test_bls12381_bad_point.
  expect_exit(unary(Builtin::Bls12381Decompress, concat({Bytes(48, 0), le("1", 48)}), {0}), 2, 12000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(unary(Builtin::Bls12381Decompress, concat({Bytes(48, 0), le(kBls12381P, 48)}), {0}), 2, 12000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(unary(Builtin::Bls12381Decompress, concat({Bytes(48, 0), Bytes(48, 0xFF)}), {0}), 2, 12000,
              ExitCode::MalformedBuiltinParams);
}

TEST_F(BuiltinTest, Ed25519DecompressesTheBasePoint) {
  // RFC 8032 §5.1: B has y = 4/5 (encoding 5866…66) and an even x.
  const Bytes by = hex("5866666666666666666666666666666666666666666666666666666666666666");
  const Bytes bx = hex("1ad5258f602d56c9b2a7259560c72c695cdcd6fd31e2a4c0fe536ecdd3366921");
  expect_output(unary(Builtin::Ed25519Decompress, concat({Bytes(32, 0xAA), by}), {0}), 2, 100000, concat({bx, by}));
  // SP1 test_ed25519_decompress_sp1: the sign is taken from bit 255, the stored y keeps it.
  const Bytes y = hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf");
  expect_output(unary(Builtin::Ed25519Decompress, concat({Bytes(32, 0), y}), {1}), 2, 100000,
                concat({hex("2ffc725b99ea6ec9c999980e44e75add896efa430a402546a3656fdfb901b458"), y}));
  // y = 1 gives x = 0; with sign 1 SP1 writes p − 0 = p, unreduced.
  expect_output(unary(Builtin::Ed25519Decompress, concat({Bytes(32, 0), le("1", 32)}), {1}), 2, 100000,
                concat({le(kEd25519P, 32), le("1", 32)}));
  // y = 2 is not on the curve; sign 2 is invalid.
  expect_exit(unary(Builtin::Ed25519Decompress, concat({Bytes(32, 0), le("2", 32)}), {0}), 2, 100000,
              ExitCode::MalformedBuiltinParams);
  expect_exit(unary(Builtin::Ed25519Decompress, concat({Bytes(32, 0), by}), {2}), 2, 100000,
              ExitCode::MalformedBuiltinParams);
}

TEST_F(BuiltinTest, Ed25519AddsPoints) {
  // SP1 test_ed25519_add_sp1.
  const Bytes a =
      hex("c3a69dcfdadcafc56fb17b17494872671cf642cf4292bbea88ee85912fc4d8c74f1fe01eb37a3354740c04bdc6c6be1647c98ff95c38"
          "93855cbb82219813ab49");
  const Bytes b =
      hex("c5bdc84dc9d43969bf857baaa73272262566bc1dd7e39d8efc1f814318ff7288735e5e372bc875e08bfbee2d509a46d5db4ec96c49cb"
          "482da783c72f5286353e");
  expect_output(binary(Builtin::Ed25519Add, a, b), 2, 30000,
                hex("319081c556a33e30ded0d5c8db5aa336d3f8b2e0eea7ebdbfbf7bdefc2101050136a14c64838676f44c91d6b4bd0c1e8"
                    "b5baaf16d5bbfd7d2c50ded19f7dca25"));
  // B + B = 2B, whose y is the well-known encoding c9a3f8…6022 of 2B (x even).
  const Bytes base = hex(
      "1ad5258f602d56c9b2a7259560c72c695cdcd6fd31e2a4c0fe536ecdd33669215866666666666666666666666666666666666666666666"
      "666666666666666666");
  expect_output(binary(Builtin::Ed25519Add, base, base), 2, 30000,
                hex("0ece43284ea1c5835fa4d715458e0d08ace733187d3b043d6c045a9f4c38ab36c9a3f86aae465f0e56513864510f3997"
                    "561fa2c9e85ea21dc2292309f3cd6022"));
}

TEST_F(BuiltinTest, Uint256MulMod) {
  const Bytes x = le("C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5", 32);
  const Bytes y = le("1AE168FEA63DC339A3C58419466CEAEEF7F632653266D0E1236431A950CFE52A", 32);
  const Bytes n = le("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 32);
  const auto mul_mod = [](const Bytes& a, const Bytes& b, const Bytes& m) {
    return BuiltinCall{Builtin::Uint256MulMod, {64, 96, 128}, {{64, a}, {96, b}, {128, m}}, 64, 32};
  };
  expect_output(mul_mod(x, y, n), 3, 160, le("88ED5690138FF15D398C18D9B8D79477C7CB15D5B8048A3FE1F210C7A28DD008", 32));
  expect_output(mul_mod(le("3", 32), le("5", 32), le("7", 32)), 3, 160, le("1", 32));
  // m = 0: modulo 2^256.
  expect_output(mul_mod(x, y, Bytes(32, 0)), 3, 160,
                le("EB57E81086339A3EA61BDA0D5F906DDB1414C238C189A244CDE812FEF3C7EA92", 32));
  expect_output(mul_mod(Bytes(32, 0xFF), Bytes(32, 0xFF), Bytes(32, 0)), 3, 160, le("1", 32));
  // x, y and m at one address: x·x mod x = 0.
  expect_output({Builtin::Uint256MulMod, {64, 64, 64}, {{64, x}}, 64, 32}, 3, 160, Bytes(32, 0));
}

TEST_F(BuiltinTest, Uint256X2048Mul) {
  // (2^256 − 1)(2^2048 − 1) = (2^256 − 2)·2^2048 + (2^2048 − 2^256 + 1).
  const Bytes lo = concat({le("1", 32), Bytes(224, 0xFF)});
  const Bytes hi = concat({le("FE", 1), Bytes(31, 0xFF)});
  const BuiltinCall apart{
      Builtin::Uint256X2048Mul, {64, 96, 352, 608}, {{64, Bytes(32, 0xFF)}, {96, Bytes(256, 0xFF)}}, 352, 288};
  expect_output(apart, 4, 100000, concat({lo, hi}));
  // lo written over a and b: the operands are read first.
  const BuiltinCall over{
      Builtin::Uint256X2048Mul, {64, 96, 64, 320}, {{64, Bytes(32, 0xFF)}, {96, Bytes(256, 0xFF)}}, 64, 288};
  expect_output(over, 4, 100000, concat({lo, hi}));
}

TEST_F(BuiltinTest, CurveBuiltinsTrapOnOutOfBoundsMemory) {
  constexpr uint32_t end = kMemorySize;
  const struct {
    BuiltinCall c;
    uint32_t arity;
    uint64_t import_fuel;
  } cases[] = {
      {{Builtin::Fp1Bn254Add, {end - 31, 64}}, 2, 120},
      {{Builtin::Fp1Bls12381Mul, {64, end - 47}}, 2, 640},
      {{Builtin::Fp2Bn254Add, {64, end - 63, 0, 0}}, 4, 240},  // c1 of y is past the end
      {{Builtin::Secp256k1Add, {64, end - 63}}, 2, 3000},
      {{Builtin::Secp256r1Double, {end - 32}}, 1, 3000},
      {{Builtin::Bls12381Decompress, {end - 95, 0}}, 2, 12000},
      {{Builtin::Bls12381Decompress, {end - 48, 7}}, 2, 12000},  // the trap comes before the sign check
      {{Builtin::Bn254Add, {0xFFFFFFF0, 64}}, 2, 3000},
      {{Builtin::Ed25519Add, {64, end - 63}}, 2, 30000},
      {{Builtin::Ed25519Decompress, {end - 32, 0}}, 2, 100000},
      {{Builtin::Uint256MulMod, {64, 96, end - 31}}, 3, 160},
      {{Builtin::Uint256X2048Mul, {64, 96, 352, end - 31}}, 4, 100000},
  };
  for (const auto& [c, arity, import_fuel] : cases) {
    SCOPED_TRACE(static_cast<uint32_t>(c.builtin));
    expect_exit(c, arity, import_fuel, ExitCode::MemoryOutOfBounds);
  }
}

}  // namespace
}  // namespace interlude::runtime::test
