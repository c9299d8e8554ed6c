#include "klynge/store/sqlite_memory.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace klynge::sqlite_memory {
namespace {

constexpr std::size_t granule = 16;
constexpr std::size_t largestPooled = 1024;
constexpr std::size_t sizeClasses = largestPooled / granule; // 1 … 64: 16 … 1024 bytes
// Before the caller's bytes: the block's size class, or for a block from
// malloc its size (always more than sizeClasses). Eight bytes keep the
// caller's pointer 8-aligned, which is what SQLite asks of an allocator.
constexpr std::size_t header = sizeof(std::uint64_t);
constexpr std::size_t chunkBytes = 64 * 1024;

struct FreeBlock {
    FreeBlock* next;
};

// A thread's pools. Trivially destructible, so that a free after the
// thread's thread_local objects are gone (at exit) still finds it; the free
// blocks of a thread that ends stay unused (the few threads of a big
// `check` end with the command).
struct Pool {
    FreeBlock* free[sizeClasses + 1] = {};
    char* bump = nullptr; // the unused end of the newest chunk
    char* end = nullptr;
};

thread_local Pool pool;

// Every chunk, newest first, each naming the one before in its first bytes:
// the process keeps them all, whichever thread carved them.
std::atomic<char*> chunks{nullptr};
constexpr std::size_t chunkLink = 16; // keeps the blocks after it 16-aligned

char* newChunk() {
    auto* chunk = static_cast<char*>(std::malloc(chunkBytes));
    if (!chunk) return nullptr;
    char* previous = chunks.load(std::memory_order_relaxed);
    do {
        std::memcpy(chunk, &previous, sizeof previous);
    } while (!chunks.compare_exchange_weak(previous, chunk, std::memory_order_release, std::memory_order_relaxed));
    return chunk;
}

std::uint64_t& headerOf(void* block) { return *reinterpret_cast<std::uint64_t*>(static_cast<char*>(block) - header); }

std::size_t classOf(std::size_t bytes) { return bytes == 0 ? 1 : (bytes + granule - 1) / granule; }

void* carve(Pool& p, std::size_t sizeClass) {
    const std::size_t need = header + sizeClass * granule;
    if (static_cast<std::size_t>(p.end - p.bump) < need) {
        // The rest of the old chunk is too small for this block; it stays unused.
        char* chunk = newChunk();
        if (!chunk) return nullptr;
        p.bump = chunk + chunkLink;
        p.end = chunk + chunkBytes;
    }
    char* block = p.bump;
    p.bump += need;
    *reinterpret_cast<std::uint64_t*>(block) = sizeClass;
    return block + header;
}


} // namespace

void* allocate(int bytes) {
    if (bytes < 0 || bytes > std::numeric_limits<int>::max() - 7) return nullptr;
    const auto n = static_cast<std::size_t>(bytes);
    if (n > largestPooled) {
        const std::size_t rounded = static_cast<std::size_t>(roundUp(bytes));
        auto* block = static_cast<char*>(std::malloc(header + rounded));
        if (!block) return nullptr;
        *reinterpret_cast<std::uint64_t*>(block) = rounded;
        return block + header;
    }
    Pool& p = pool;
    const std::size_t c = classOf(n);
    if (FreeBlock* b = p.free[c]) {
        p.free[c] = b->next;
        return b;
    }
    return carve(p, c);
}

void release(void* block) {
    if (!block) return;
    const std::uint64_t h = headerOf(block);
    if (h > sizeClasses) {
        std::free(static_cast<char*>(block) - header);
        return;
    }
    Pool& p = pool;
    auto* b = static_cast<FreeBlock*>(block);
    b->next = p.free[h];
    p.free[h] = b;
}

int sizeOf(void* block) {
    if (!block) return 0;
    const std::uint64_t h = headerOf(block);
    return static_cast<int>(h > sizeClasses ? h : h * granule);
}

void* reallocate(void* block, int bytes) {
    if (!block) return allocate(bytes);
    if (bytes < 0) return nullptr;
    const int had = sizeOf(block);
    const std::uint64_t h = headerOf(block);
    // A pooled block that already holds it is kept (SQLite grows buffers
    // step by step); a smaller request keeps it too.
    if (h <= sizeClasses && bytes <= had) return block;
    if (h > sizeClasses && static_cast<std::size_t>(bytes) > largestPooled) {
        const auto rounded = static_cast<std::size_t>(roundUp(bytes));
        auto* grown = static_cast<char*>(std::realloc(static_cast<char*>(block) - header, header + rounded));
        if (!grown) return nullptr;
        *reinterpret_cast<std::uint64_t*>(grown) = rounded;
        return grown + header;
    }
    void* moved = allocate(bytes);
    if (!moved) return nullptr;
    std::memcpy(moved, block, static_cast<std::size_t>(std::min(had, bytes)));
    release(block);
    return moved;
}

int roundUp(int bytes) {
    if (bytes < 0 || bytes > std::numeric_limits<int>::max() - 7) return bytes; // allocate refuses it
    if (static_cast<std::size_t>(bytes) > largestPooled) return (bytes + 7) & ~7;
    return static_cast<int>(classOf(static_cast<std::size_t>(bytes)) * granule);
}

// AddressSanitizer should see SQLite's allocations one by one.
#if defined(__SANITIZE_ADDRESS__)
#define KLYNGE_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KLYNGE_ADDRESS_SANITIZER 1
#endif
#endif

void install() {
#ifndef KLYNGE_ADDRESS_SANITIZER
    static const sqlite3_mem_methods methods = {
        allocate, release, reallocate, sizeOf, roundUp, [](void*) { return SQLITE_OK; }, [](void*) {}, nullptr};
    sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
#endif
}

} // namespace klynge::sqlite_memory
