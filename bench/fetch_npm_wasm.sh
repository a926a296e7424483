#!/bin/sh
# fetch_npm_wasm.sh OUT_DIR: fetches the real-world modules of bench/npm_bench.cpp with npm (run by
# `make bench`, never by `make test`) and extracts them into OUT_DIR:
#   xxhash.wasm          xxhash-wasm@1.1.0, package/workerd/xxhash.wasm as shipped;
#   hash-wasm-sha3.wasm  hash-wasm@4.13.0, the module embedded (base64) in dist/sha3.umd.min.js,
#                        which hash-wasm uses for both SHA-3 and keccak.
set -eu
out=$1
mkdir -p "$out"
cd "$out"
[ -s xxhash.wasm ] && [ -s hash-wasm-sha3.wasm ] && exit 0
npm pack --silent hash-wasm@4.13.0 xxhash-wasm@1.1.0 >/dev/null
tar xzf xxhash-wasm-1.1.0.tgz -O package/workerd/xxhash.wasm > xxhash.wasm
tar xzf hash-wasm-4.13.0.tgz -O package/dist/sha3.umd.min.js > sha3.umd.min.js
node -e 'const fs = require("fs");
  const m = fs.readFileSync("sha3.umd.min.js", "utf8").match(/data:"([A-Za-z0-9+\/=]+)"/);
  fs.writeFileSync("hash-wasm-sha3.wasm", Buffer.from(m[1], "base64"));'
rm -f sha3.umd.min.js ./*.tgz
