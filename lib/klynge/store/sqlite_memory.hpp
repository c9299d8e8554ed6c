// SQLite's memory, from small-block pools rather than malloc (issue 16 §3).
// Debian builds SQLite without its lookaside allocator (SQLITE_OMIT_LOOKASIDE),
// so every parse node, expression and row buffer is a malloc and a free:
// 10,500 of each in `klynge status`, 19 % of its instructions, mostly in
// glibc's slow paths (SQLite frees in long runs that overflow its per-thread
// cache). Here a request of up to 1 KiB is rounded up to a multiple of 16
// bytes and served from that size's free list, or carved from a 64 KiB chunk;
// larger ones go to malloc. Each thread has its own pools, so the threads of a
// big `check` never wait for each other; a block may be freed on any thread.
// Chunks are never given back (a klynge process lives for one command), but
// the process keeps a list of them all, so none is ever lost.
#pragma once

#include <cstddef>

namespace klynge::sqlite_memory {

// Installs the pools as SQLite's allocator (SQLITE_CONFIG_MALLOC); call it
// before SQLite is first used. Not installed under AddressSanitizer, which
// should see SQLite's own allocations.
void install();

// The allocator's functions, for its tests.
void* allocate(int bytes);
void release(void* block);
void* reallocate(void* block, int bytes);
int sizeOf(void* block);
int roundUp(int bytes);

} // namespace klynge::sqlite_memory
