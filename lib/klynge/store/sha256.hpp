// SHA-256 from OpenSSL's libcrypto, loaded the first time something is
// hashed (issue 16 §3): a read command such as `member list` never hashes,
// and binding libcrypto's symbols at start-up was the largest single part of
// klynge's start-up time (3,200 of its 7,000 symbol bindings).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace klynge {

using Sha256 = std::array<unsigned char, 32>;

// One reusable digest context: a million digests without a million
// allocations. Not shared between threads (give each thread its own).
class Sha256Hasher {
public:
    Sha256Hasher();
    ~Sha256Hasher();
    Sha256Hasher(const Sha256Hasher&) = delete;
    Sha256Hasher& operator=(const Sha256Hasher&) = delete;

    void begin();
    void add(const void* data, std::size_t size);
    void add(std::string_view s) { add(s.data(), s.size()); }
    Sha256 end();

private:
    void* ctx_; // an EVP_MD_CTX
};

} // namespace klynge
