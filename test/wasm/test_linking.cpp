// Linking instances through a Store (wat/link_*.wat): shared memories, tables and globals,
// funcrefs that keep running in their own instance, suspension inside another instance's
// function, fuel per instance, import matching errors.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

/// The host import `park` of A: suspends, recording the instance it was called from.
HostResult park(void* env, Instance& instance, const Value*, Value*) noexcept {
  *static_cast<Instance**>(env) = &instance;
  return HostResult::suspend();
}

/// The store function `mem0`: byte 0 of the calling instance's memory.
HostResult mem0(void*, Instance& instance, const Value*, Value* results) noexcept {
  results[0] = instance.memory_data()[0];
  return HostResult::ok();
}

class Linking : public ::testing::Test {
 protected:
  explicit Linking(bool metering = false) : config(test_config(metering)) {}

  void SetUp() override {
    const FuncType park_type{{ValType::I32}, {ValType::I32}};
    const Extern host_park = store->add_function(park_type, {park, &parked_in});
    a = link("link_a", {host_park});
    ASSERT_NE(a, nullptr);
    b = link("link_b", {export_of(a, "read"), export_of(a, "via_host"), export_of(a, "tab"), export_of(a, "g")});
    ASSERT_NE(b, nullptr);
  }

  Instance* link(const std::string& name, const std::vector<Extern>& imports) {
    StoreInstantiateResult r = store->instantiate(load(name, config), imports, UINT64_MAX);
    EXPECT_TRUE(r.error.empty()) << r.error;
    EXPECT_FALSE(r.trap.has_value());
    return r.instance;
  }
  static Extern export_of(Instance* inst, const std::string& name) {
    const std::optional<Extern> e = inst->exported(name);
    EXPECT_TRUE(e.has_value()) << name;
    return e.value_or(Extern{});
  }

  Config config;
  std::unique_ptr<Store> store = Store::create();
  Instance* parked_in = nullptr;
  Instance* a = nullptr;
  Instance* b = nullptr;
};

TEST_F(Linking, FuncrefRunsInItsOwnInstance) {
  EXPECT_EQ(call1(*a, "read"), 49u);        // A: memory[0] 42 + global 7
  EXPECT_EQ(call1(*b, "call_own", {0}), 49u);  // A's function in B's table: A's memory and global
  EXPECT_EQ(call1(*b, "call_own", {1}), 1000u);  // B's own function: B's memory
  EXPECT_EQ(call1(*b, "call_a_tab", {0}), 49u);  // A's table, imported by B
  EXPECT_EQ(trap_of(*b, "call_a_tab", {1}), Trap::IndirectCallToNull);
  call1(*b, "put_local_in_a_tab");  // B's function in A's table still runs with B's memory
  EXPECT_EQ(call1(*b, "call_a_tab", {1}), 1000u);
}

TEST_F(Linking, FuncrefValuesAreStoreAddresses) {
  EXPECT_EQ(call1(*b, "a_read_ref"), uint64_t{export_of(a, "read").addr} + 1);
  EXPECT_EQ(export_of(a, "read"), (Extern{ExternKind::Func, 1}));  // after the host function `park`
  EXPECT_EQ(store->function_type(export_of(a, "read"))->results, std::vector<ValType>{ValType::I32});
}

TEST_F(Linking, ImportAndObjectTypes) {
  const Module& m = b->module();
  ASSERT_EQ(m.imports().size(), 4u);
  EXPECT_EQ(m.imports()[1].index, 1u);  // funcidx of the second function import
  EXPECT_EQ(m.imports()[2].kind, ExternKind::Table);
  EXPECT_EQ(m.imports()[2].index, 0u);  // tableidx 0; B's own table is tableidx 1
  EXPECT_EQ(m.table_type(0), (TableType{ValType::FuncRef, 2, std::nullopt}));
  EXPECT_EQ(m.table_type(1), (TableType{ValType::FuncRef, 2, std::nullopt}));
  EXPECT_FALSE(m.table_type(2).has_value());
  EXPECT_EQ(m.memory_type(0), (MemoryType{1, std::nullopt}));
  EXPECT_EQ(m.global_type(0), (GlobalType{ValType::I32, true}));
  EXPECT_EQ(a->module().memory_type(0), (MemoryType{1, 4}));
  EXPECT_EQ(store->table_type(export_of(a, "tab")), (TableType{ValType::FuncRef, 2, std::nullopt}));
  EXPECT_FALSE(store->table_type(export_of(a, "mem")).has_value());  // a memory, not a table
  EXPECT_FALSE(a->exported("nope").has_value());
}

TEST_F(Linking, MutableGlobalIsShared) {
  call1(*b, "set_g", {100});
  EXPECT_EQ(call1(*a, "read"), 142u);
  const Extern g = export_of(a, "g");
  EXPECT_EQ(store->global_get(g), 100u);
  EXPECT_TRUE(store->global_set(g, 0xFFFFFFFF00000001ull));  // i32: only the low 32 bits count
  EXPECT_EQ(store->global_get(g), 1u);
  EXPECT_EQ(call1(*a, "read"), 43u);
  EXPECT_EQ(store->global_type(g), (GlobalType{ValType::I32, true}));
}

TEST_F(Linking, MemoryIsSharedIncludingGrowth) {
  Instance* c = link("link_c", {export_of(a, "mem")});
  ASSERT_NE(c, nullptr);
  call1(*c, "store", {0, 1});
  EXPECT_EQ(call1(*a, "read"), 8u);
  EXPECT_EQ(call1(*c, "grow", {2}), 1u);
  EXPECT_EQ(call1(*a, "size"), 3u);
  EXPECT_EQ(a->memory_size(), 3 * 65536u);
  EXPECT_EQ(call1(*c, "grow", {2}), 0xFFFFFFFFu);  // A's memory declares max 4 pages
  EXPECT_EQ(store->memory_type(export_of(a, "mem")), (MemoryType{3, 4}));
}

TEST_F(Linking, SuspendInsideAnotherInstanceAndResume) {
  RunResult r = invoke(*b, "nested", {5});  // B -> A.via_host -> host park
  ASSERT_EQ(r.status, RunStatus::Suspended);
  EXPECT_EQ(parked_in, a);  // the host function gets the instance whose code called it
  EXPECT_TRUE(b->suspended());
  const Value ten = 10;
  r = b->resume({&ten, 1});
  ASSERT_EQ(r.status, RunStatus::Returned);
  EXPECT_EQ(b->results()[0], 22u);  // (10 + 1) * 2
  EXPECT_EQ(call1(*b, "call_own", {0}), 49u);  // back in a clean state
}

TEST_F(Linking, HostFunctionInATableGetsTheCallingInstance) {
  const Extern host_mem0 = store->add_function(FuncType{{}, {ValType::I32}}, {mem0, nullptr});
  Instance* d = link("link_host_table", {host_mem0});
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(call1(*d, "call"), 5u);
}

class LinkingFuel : public Linking {
 protected:
  LinkingFuel() : Linking(true) {}
};

TEST_F(LinkingFuel, EachInstancePaysForTheCodeItRuns) {
  EXPECT_EQ(a->fuel_consumed(), 1024u);  // one initial memory page each
  EXPECT_EQ(b->fuel_consumed(), 1024u);
  EXPECT_EQ(call1(*b, "call_own", {0}), 49u);
  EXPECT_EQ(b->fuel_consumed(), 1024u + 11);  // local.get 1 + call_indirect 10
  EXPECT_EQ(a->fuel_consumed(), 1024u + 7);   // i32.const 1 + i32.load8_u 2 + global.get 3 + i32.add 1
  EXPECT_EQ(call1(*b, "call_own", {1}), 1000u);
  EXPECT_EQ(b->fuel_consumed(), 1024u + 11 + 11 + 3);  // B's own function: i32.const 1 + i32.load16_u 2
  EXPECT_EQ(a->fuel_consumed(), 1024u + 7);
}

TEST(LinkingErrors, ImportsMustMatch) {
  auto store = Store::create();
  const Extern park_fn = store->add_function(FuncType{{ValType::I32}, {ValType::I32}}, {});
  const Extern wrong_fn = store->add_function(FuncType{{ValType::I64}, {ValType::I32}}, {});
  EXPECT_EQ(store->instantiate(load("link_a"), {}, 0).error, "import count mismatch: module has 1 imports, got 0");
  EXPECT_EQ(store->instantiate(load("link_a"), std::vector<Extern>{wrong_fn}, 0).error,
            "incompatible import type: host.park");
  const Extern mem = *store->add_memory({1, 2});
  EXPECT_EQ(store->instantiate(load("link_a"), std::vector<Extern>{mem}, 0).error,
            "incompatible import type: host.park");
  EXPECT_EQ(store->instantiate(load("link_a"), std::vector<Extern>{Extern{ExternKind::Func, 99}}, 0).error,
            "unknown extern address for import host.park");
  Instance* a = store->instantiate(load("link_a"), std::vector<Extern>{park_fn}, 0).instance;
  ASSERT_NE(a, nullptr);
  // C wants a memory of at least 1 page and no maximum: any memory fits.
  EXPECT_NE(store->instantiate(load("link_c"), std::vector<Extern>{mem}, 0).instance, nullptr);
  const Extern big = *store->add_memory({0, std::nullopt});  // 0 pages < C's minimum of 1
  EXPECT_EQ(store->instantiate(load("link_c"), std::vector<Extern>{big}, 0).error,
            "incompatible import type: a.mem");
  // Host objects outside the limits are refused.
  EXPECT_FALSE(store->add_memory({2, 1}).has_value());
  EXPECT_FALSE(store->add_memory({Limits{}.max_memory_pages + 1, std::nullopt}).has_value());
  EXPECT_FALSE(store->add_table({ValType::FuncRef, Limits{}.max_table_size + 1, std::nullopt}, 0).has_value());
}

TEST(LinkingErrors, PrivateStoreInstancesImportOnlyFunctions) {
  auto r = Instance::instantiate(load("link_c"), std::vector<HostImport>{HostImport{}}, 0);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(r.error, "unsupported import kind (only functions can be imported): a.mem");
}

}  // namespace
}  // namespace interlude::wasm::test
