// Small C kernels compiled with clang --target=wasm32 -O2: the engine must run real clang output.
// clang's wasm target defaults to hidden visibility; --export-dynamic exports default-visibility symbols.
#define EXPORT __attribute__((visibility("default")))
typedef unsigned int u32;
typedef unsigned long long u64;

static unsigned char sieve_buf[100000];

// Number of primes below n (n <= 100000).
EXPORT u32 sieve(u32 n) {
  u32 count = 0;
  for (u32 i = 0; i < n; ++i) sieve_buf[i] = 1;
  for (u32 i = 2; i < n; ++i) {
    if (!sieve_buf[i]) continue;
    ++count;
    for (u32 j = i * 2; j < n; j += i) sieve_buf[j] = 0;
  }
  return count;
}

static u64 rotl64(u64 x, int s) { return (x << s) | (x >> (64 - s)); }

// A keccak-f-like mixing loop over a 25-lane state; returns a digest of the final state.
EXPORT u64 mix(u32 rounds) {
  u64 st[25];
  for (int i = 0; i < 25; ++i) st[i] = (u64)i * 0x9E3779B97F4A7C15ull;
  for (u32 r = 0; r < rounds; ++r) {
    u64 c[5];
    for (int x = 0; x < 5; ++x) c[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
    for (int x = 0; x < 5; ++x) {
      u64 d = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) st[y + x] ^= d;
    }
    for (int i = 0; i < 25; ++i) st[i] = rotl64(st[i], (i * 7 + 1) % 63 + 1) + r;
    for (int y = 0; y < 25; y += 5) {
      u64 t[5];
      for (int x = 0; x < 5; ++x) t[x] = st[y + x];
      for (int x = 0; x < 5; ++x) st[y + x] = t[x] ^ (~t[(x + 1) % 5] & t[(x + 2) % 5]);
    }
  }
  u64 h = 0;
  for (int i = 0; i < 25; ++i) h = h * 31 + st[i];
  return h;
}

// Function pointers (call_indirect through the table), switch (br_table), signed/unsigned mix.
typedef int (*op_fn)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return b ? a / b : 0; }
static op_fn ops[4] = {op_add, op_sub, op_mul, op_div};

EXPORT int calc(const char* prog, int acc) {
  for (; *prog; prog += 2) {
    int v = prog[1] - '0';
    switch (prog[0]) {
      case '+': acc = ops[0](acc, v); break;
      case '-': acc = ops[1](acc, v); break;
      case '*': acc = ops[2](acc, v); break;
      case '/': acc = ops[3](acc, v); break;
      case '%': acc = acc % (v ? v : 1); break;
      case '<': acc = acc << v; break;
      case '>': acc = acc >> v; break;
      default: return -1;
    }
  }
  return acc;
}

static const char program[] = "+9*7-3/2<4>1%9+8*3";
EXPORT int run_calc(int start) { return calc(program, start); }

// memcpy/memset-shaped loops (clang may turn them into memory.copy/fill with bulk memory).
static char bufa[256], bufb[256];
EXPORT u32 copy_sum(u32 n) {
  for (u32 i = 0; i < n; ++i) bufa[i] = (char)(i * 3);
  for (u32 i = 0; i < n; ++i) bufb[i] = bufa[i];
  u32 s = 0;
  for (u32 i = 0; i < n; ++i) s = s * 33 + (unsigned char)bufb[i];
  return s;
}
