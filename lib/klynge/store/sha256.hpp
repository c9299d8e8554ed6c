// SHA-256 (FIPS 180-4), computed here rather than in OpenSSL (issue 16 §3):
// loading libcrypto and fetching its SHA-256 took 8.7 million instructions,
// and each EVP call another few thousand — more than all of `klynge check`'s
// hashing on a normal workspace. On a processor with the SHA extensions
// (Intel since Goldmont and Ice Lake, AMD since Zen) the block function is
// the processor's own; elsewhere it is the portable one. Both are tested
// against the standard's vectors, each other, and coreutils' sha256sum.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace klynge {

using Sha256 = std::array<unsigned char, 32>;

// One running digest: begin(), add() any number of times, end(). Cheap to
// make and to reuse; not shared between threads (give each its own).
class Sha256Hasher {
public:
    void begin();
    void add(const void* data, std::size_t size);
    void add(std::string_view s) { add(s.data(), s.size()); }
    Sha256 end();

private:
    std::array<std::uint32_t, 8> state_{};
    std::array<unsigned char, 64> block_{}; // bytes not yet compressed
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0; // bytes added since begin()
};

namespace sha256_detail {

// Compresses `blocks` 64-byte blocks into `state`.
using BlockFunction = void (*)(std::uint32_t* state, const unsigned char* data, std::size_t blocks);
void blocksPortable(std::uint32_t* state, const unsigned char* data, std::size_t blocks);
// nullptr when this processor lacks the SHA extensions (or is not x86-64).
BlockFunction blocksWithShaExtensions();
// The one Sha256Hasher uses; tests set it to compare the two.
void useBlockFunction(BlockFunction f);

} // namespace sha256_detail

} // namespace klynge
