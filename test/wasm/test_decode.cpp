// Decoding and validation errors (hand-made binaries: wat2wasm refuses invalid modules).
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes leb(uint32_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes section(uint8_t id, const Bytes& payload) { return cat({{id}, leb(static_cast<uint32_t>(payload.size())), payload}); }

const Bytes kHeader = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

/// A module with one function of type [] -> results, the given local declarations and body
/// (the final `end` is appended).
Bytes func_module(const Bytes& results, const Bytes& locals, const Bytes& body) {
  const Bytes fn = cat({locals, body, {0x0B}});
  return cat({kHeader, section(1, cat({{0x01, 0x60, 0x00}, leb(static_cast<uint32_t>(results.size())), results})),
              section(3, {0x01, 0x00}), section(10, cat({{0x01}, leb(static_cast<uint32_t>(fn.size())), fn}))});
}

CompileError compile_error(const Bytes& bin, const Config& cfg = test_config()) {
  CompileError err;
  EXPECT_EQ(Module::compile(bin, cfg, &err), nullptr);
  return err;
}

TEST(Decode, MinimalModuleCompiles) {
  CompileError err;
  EXPECT_NE(Module::compile(kHeader, test_config(), &err), nullptr) << err.message;
  EXPECT_NE(Module::compile(func_module({0x7F}, {0x00}, {0x41, 0x07}), test_config(), &err), nullptr) << err.message;
}

TEST(Decode, BadMagicAndVersion) {
  EXPECT_EQ(compile_error({0x00, 0x61, 0x73, 0x6E, 0x01, 0, 0, 0}).message, "magic header not detected");
  EXPECT_EQ(compile_error({0x00, 0x61}).message, "magic header not detected");
  EXPECT_EQ(compile_error({0x00, 0x61, 0x73, 0x6D, 0x02, 0, 0, 0}).message, "unknown binary version");
}

TEST(Decode, Leb128) {
  const CompileError truncated = compile_error(cat({kHeader, {0x01, 0x80}}));
  EXPECT_EQ(truncated.message, "unexpected end");
  EXPECT_EQ(truncated.offset, 10u);
  EXPECT_EQ(compile_error(cat({kHeader, {0x01, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00}})).message,
            "integer representation too long");
  EXPECT_EQ(compile_error(cat({kHeader, {0x01, 0x80, 0x80, 0x80, 0x80, 0x10}})).message, "integer too large");
  // i32.const with a 5-byte signed LEB whose unused bits are not sign copies
  EXPECT_EQ(compile_error(func_module({0x7F}, {0x00}, {0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x4F})).message,
            "integer too large");
}

TEST(Decode, Sections) {
  EXPECT_EQ(compile_error(cat({kHeader, section(13, {})})).message, "malformed section id");
  EXPECT_EQ(compile_error(cat({kHeader, section(1, {0x00}), section(1, {0x00})})).message,
            "unexpected content after last section");
  EXPECT_EQ(compile_error(cat({kHeader, section(3, {0x00}), section(1, {0x00})})).message,
            "unexpected content after last section");
  EXPECT_EQ(compile_error(cat({kHeader, section(1, {0x00, 0x00})})).message, "section size mismatch");
  EXPECT_EQ(compile_error(cat({kHeader, {0x01, 0x05, 0x00}})).message, "length out of bounds");
  EXPECT_EQ(compile_error(cat({kHeader, section(1, {0x01, 0x60, 0x00, 0x00}), section(3, {0x01, 0x00})})).message,
            "function and code section have inconsistent lengths");
}

TEST(Decode, CustomSectionsAreKept) {
  const Bytes bin = cat({kHeader, section(0, {0x05, 'i', 'n', 'p', 'u', 't', 0xAA, 0xBB}),
                         section(1, {0x00}), section(0, {0x01, 'x'}), section(0, {0x05, 'i', 'n', 'p', 'u', 't', 0xCC})});
  CompileError err;
  auto m = Module::compile(bin, test_config(), &err);
  ASSERT_NE(m, nullptr) << err.message;
  auto input = m->custom_section("input");
  ASSERT_TRUE(input.has_value());
  EXPECT_EQ(Bytes(input->begin(), input->end()), (Bytes{0xAA, 0xBB}));  // the first one
  EXPECT_TRUE(m->custom_section("x")->empty());
  EXPECT_FALSE(m->custom_section("y").has_value());
  EXPECT_EQ(compile_error(cat({kHeader, section(0, {0x02, 0xC0, 0x80})})).message, "malformed UTF-8 encoding");
}

TEST(Validate, TypeMismatch) {
  EXPECT_EQ(compile_error(func_module({0x7F}, {0x00}, {0x42, 0x00})).message, "type mismatch");  // i64 for i32
  EXPECT_EQ(compile_error(func_module({0x7F}, {0x00}, {})).message, "type mismatch");             // empty stack
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x41, 0x00})).message, "type mismatch");       // extra value
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x41, 0x00, 0x42, 0x00, 0x6A, 0x1A})).message, "type mismatch");
  // unreachable makes the stack polymorphic: i32.add with nothing on it validates
  CompileError err;
  EXPECT_NE(Module::compile(func_module({0x7F}, {0x00}, {0x00, 0x6A}), test_config(), &err), nullptr) << err.message;
}

TEST(Validate, UnknownIndices) {
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x20, 0x05, 0x1A})).message, "unknown local");
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x10, 0x07})).message, "unknown function");
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x23, 0x00, 0x1A})).message, "unknown global");
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x0C, 0x01})).message, "unknown label");
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x41, 0x00, 0x28, 0x02, 0x00, 0x1A})).message,
            "unknown memory 0");
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0xFF})).message, "unknown operator");
}

TEST(Validate, ErrorOffsetPointsAtTheProblem) {
  const Bytes bin = func_module({}, {0x00}, {0x01, 0x01, 0x20, 0x09});
  const CompileError err = compile_error(bin);
  EXPECT_EQ(err.message, "unknown local");
  EXPECT_EQ(err.offset, bin.size() - 1);  // just after the local index, before the final end
}

TEST(Limits, Exceeded) {
  Config cfg = test_config();
  cfg.limits.max_locals = 3;
  EXPECT_EQ(compile_error(func_module({}, {0x01, 0x04, 0x7F}, {}), cfg).message, "limit max_locals exceeded");
  EXPECT_EQ(compile_error(func_module({}, {0x02, 0x02, 0x7F, 0x02, 0x7E}, {}), cfg).message,
            "limit max_locals exceeded");
  EXPECT_EQ(compile_error(func_module({}, {0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F}, {})).message,
            "limit max_locals exceeded");  // 2^32-1 locals: rejected before allocating
  cfg = test_config();
  cfg.limits.max_nesting_depth = 2;
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x02, 0x40, 0x02, 0x40, 0x0B, 0x0B}), cfg).message,
            "limit max_nesting_depth exceeded");
  cfg = test_config();
  cfg.limits.max_br_table_targets = 1;
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x41, 0x00, 0x0E, 0x02, 0x00, 0x00, 0x00}), cfg).message,
            "limit max_br_table_targets exceeded");
  cfg = test_config();
  cfg.limits.max_types = 1;
  EXPECT_EQ(compile_error(cat({kHeader, section(1, {0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00})}), cfg).message,
            "limit max_types exceeded");
  cfg = test_config();
  cfg.limits.max_function_body_size = 3;
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {0x01, 0x01, 0x01}), cfg).message,
            "limit max_function_body_size exceeded");
  cfg = test_config();
  cfg.limits.max_value_stack = 4;  // 3 locals + 2 operand stack slots do not fit
  EXPECT_EQ(compile_error(func_module({}, {0x01, 0x03, 0x7F}, {0x41, 0x00, 0x41, 0x00, 0x6A, 0x1A}), cfg).message,
            "limit max_value_stack exceeded");
  cfg = test_config();
  cfg.limits.max_module_size = 8;
  EXPECT_EQ(compile_error(func_module({}, {0x00}, {}), cfg).message, "limit max_module_size exceeded");
}

TEST(Validate, SimdIsRejected) {
  const CompileError valtype = compile_error(cat({kHeader, section(1, {0x01, 0x60, 0x01, 0x7B, 0x00})}));
  EXPECT_NE(valtype.message.find("SIMD"), std::string::npos) << valtype.message;
  const CompileError opcode = compile_error(func_module({}, {0x00}, {0xFD, 0x0C}));
  EXPECT_NE(opcode.message.find("SIMD"), std::string::npos) << opcode.message;
}

}  // namespace
}  // namespace interlude::wasm::test
