#include "klynge/store/sha256.hpp"

#include "klynge/store/runtime_library.hpp"
#include "klynge/text/error.hpp"

#include <openssl/evp.h>

namespace klynge {
namespace {

// The six libcrypto functions klynge uses, from libcrypto.so.3 (OpenSSL 3's
// ABI; Debian's libssl3), resolved once and kept for the process.
struct CryptoApi {
    decltype(&EVP_MD_CTX_new) ctxNew = nullptr;
    decltype(&EVP_MD_CTX_free) ctxFree = nullptr;
    decltype(&EVP_MD_fetch) fetch = nullptr;
    decltype(&EVP_DigestInit_ex) init = nullptr;
    decltype(&EVP_DigestUpdate) update = nullptr;
    decltype(&EVP_DigestFinal_ex) final = nullptr;
    // Fetched once: OpenSSL 3 looks the algorithm up on every EVP_sha256()
    // init otherwise, a tenth of a full `klynge check`.
    EVP_MD* sha256 = nullptr;
};

const CryptoApi& crypto() {
    static const CryptoApi api = [] {
        const RuntimeLibrary library("libcrypto.so.3", "for SHA-256", "install OpenSSL 3 (apt install libssl3)");
        CryptoApi a;
        library.bind(a.ctxNew, "EVP_MD_CTX_new");
        library.bind(a.ctxFree, "EVP_MD_CTX_free");
        library.bind(a.fetch, "EVP_MD_fetch");
        library.bind(a.init, "EVP_DigestInit_ex");
        library.bind(a.update, "EVP_DigestUpdate");
        library.bind(a.final, "EVP_DigestFinal_ex");
        a.sha256 = a.fetch(nullptr, "SHA256", nullptr);
        if (!a.sha256) throw StorageError("OpenSSL has no SHA-256 — check the installation of libssl3");
        return a;
    }();
    return api;
}

[[noreturn]] void fail() { throw StorageError("SHA-256 failed in OpenSSL — please report this"); }

EVP_MD_CTX* context(void* ctx) { return static_cast<EVP_MD_CTX*>(ctx); }

} // namespace

Sha256Hasher::Sha256Hasher() : ctx_(crypto().ctxNew()) {
    if (!ctx_) throw StorageError("OpenSSL cannot allocate a digest context — please report this");
}

Sha256Hasher::~Sha256Hasher() { crypto().ctxFree(context(ctx_)); }

void Sha256Hasher::begin() {
    if (crypto().init(context(ctx_), crypto().sha256, nullptr) != 1) fail();
}

void Sha256Hasher::add(const void* data, std::size_t size) {
    if (crypto().update(context(ctx_), data, size) != 1) fail();
}

Sha256 Sha256Hasher::end() {
    Sha256 out{};
    unsigned int length = 0;
    if (crypto().final(context(ctx_), out.data(), &length) != 1 || length != out.size()) fail();
    return out;
}

} // namespace klynge
