#pragma once
/// The Layer B syscall table (protocol.md §4.1, §4.3): X(id byte, NAME, handler member of
/// Execution). A syscall id is 31 zero bytes followed by the id byte, passed as `_exec`'s code
/// hash. Every other id halts the frame with MalformedBuiltinParams (-1003).
#define INTERLUDE_HOST_SYSCALLS(X)                           \
  X(0x01, STORAGE_READ, storage_read)                        \
  X(0x02, STORAGE_WRITE, storage_write)                      \
  X(0x03, CALL, call)                                        \
  X(0x04, STATIC_CALL, static_call)                          \
  X(0x05, CALL_CODE, call_code)                              \
  X(0x06, DELEGATE_CALL, delegate_call)                      \
  X(0x07, CREATE, create)                                    \
  X(0x08, CREATE2, create2)                                  \
  X(0x09, EMIT_LOG, emit_log)                                \
  X(0x0a, DESTROY_ACCOUNT, destroy_account)                  \
  X(0x0b, BALANCE, balance)                                  \
  X(0x0c, SELF_BALANCE, self_balance)                        \
  X(0x0d, CODE_SIZE, code_size)                              \
  X(0x0e, CODE_HASH, code_hash)                              \
  X(0x0f, CODE_COPY, code_copy)                              \
  X(0x11, TRANSIENT_READ, transient_read)                    \
  X(0x12, TRANSIENT_WRITE, transient_write)                  \
  X(0x13, BLOCK_HASH, block_hash)                            \
  X(0x40, METADATA_WRITE, metadata_write)                    \
  X(0x41, METADATA_SIZE, metadata_size)                      \
  X(0x42, METADATA_CREATE, metadata_create)                  \
  X(0x43, METADATA_COPY, metadata_copy)                      \
  X(0x44, METADATA_STORAGE_READ, metadata_storage_read)      \
  X(0x45, METADATA_STORAGE_WRITE, metadata_storage_write)    \
  X(0x46, METADATA_ACCOUNT_OWNER, metadata_account_owner)    \
  X(0xfe, UPGRADE_EVM_RUNTIME, upgrade_evm_runtime)          \
  X(0xff, UPGRADE_WASM_RUNTIME, upgrade_wasm_runtime)
