// klynge's own SHA-256 (store/sha256.hpp) against FIPS 180-4's examples,
// against OpenSSL's libcrypto (the implementation it replaced), and against
// coreutils' sha256sum — with the processor's SHA extensions and without.
#include "klynge/store/chain.hpp"
#include "klynge/store/receipts.hpp"
#include "klynge/store/sha256.hpp"

#include <doctest/doctest.h>
#include <openssl/sha.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <unistd.h>
#include <random>
#include <string>
#include <vector>

using namespace klynge;
namespace detail = klynge::sha256_detail;

namespace {

std::string hexOf(const Sha256& d) { return toHex(d); }

std::string opensslHex(std::string_view data) {
    Sha256 out{};
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
    return toHex(out);
}

std::string hexInPieces(std::string_view data, std::size_t piece) {
    Sha256Hasher h;
    h.begin();
    for (std::size_t at = 0; at < data.size(); at += piece) h.add(data.substr(at, piece));
    return hexOf(h.end());
}

// Both block functions this machine has: the portable one, and the SHA
// extensions' where the processor has them.
std::vector<std::pair<const char*, detail::BlockFunction>> blockFunctions() {
    std::vector<std::pair<const char*, detail::BlockFunction>> out{{"portable", detail::blocksPortable}};
    if (auto f = detail::blocksWithShaExtensions()) out.push_back({"SHA extensions", f});
    return out;
}

struct Restore {
    ~Restore() { detail::useBlockFunction(nullptr); }
};

std::string randomBytes(std::mt19937& rng, std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

} // namespace

TEST_CASE("sha256: FIPS 180-4's examples, with each block function") {
    Restore restore;
    const std::string million(1'000'000, 'a');
    for (auto [name, f] : blockFunctions()) {
        CAPTURE(name);
        detail::useBlockFunction(f);
        CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        CHECK(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                        "mnopqrstnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        CHECK(sha256Hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        CHECK(hexInPieces(million, 997) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}

TEST_CASE("sha256: every length around the block and padding edges, and random data, as OpenSSL computes it") {
    Restore restore;
    std::mt19937 rng(20261207);
    std::vector<std::string> inputs;
    for (std::size_t n = 0; n <= 200; ++n) inputs.push_back(randomBytes(rng, n));
    for (std::size_t n : {255u, 256u, 511u, 4095u, 65536u, 65537u, 300'001u}) inputs.push_back(randomBytes(rng, n));
    for (auto [name, f] : blockFunctions()) {
        CAPTURE(name);
        detail::useBlockFunction(f);
        for (const auto& in : inputs) {
            CAPTURE(in.size());
            const auto expected = opensslHex(in);
            REQUIRE(sha256Hex(in) == expected);
            // Added in uneven pieces: the buffering between add() calls.
            REQUIRE(hexInPieces(in, 1) == expected);
            REQUIRE(hexInPieces(in, 63) == expected);
            REQUIRE(hexInPieces(in, 65) == expected);
        }
    }
}

TEST_CASE("sha256: a hasher begun again forgets what it had, and the block functions agree block by block") {
    Sha256Hasher h;
    h.begin();
    h.add("something else entirely, longer than one block of sixty-four bytes, to leave state behind");
    h.begin();
    h.add("abc");
    CHECK(hexOf(h.end()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    auto sha = detail::blocksWithShaExtensions();
    if (!sha) return; // the portable function is checked against OpenSSL above
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        const auto data = randomBytes(rng, 64 * (1 + round % 9));
        std::uint32_t a[8], b[8];
        for (int i = 0; i < 8; ++i) a[i] = b[i] = static_cast<std::uint32_t>(rng());
        detail::blocksPortable(a, reinterpret_cast<const unsigned char*>(data.data()), data.size() / 64);
        sha(b, reinterpret_cast<const unsigned char*>(data.data()), data.size() / 64);
        REQUIRE(std::equal(a, a + 8, b));
    }
}

TEST_CASE("sha256: a receipt file's digest is the one coreutils' sha256sum prints") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("klynge-sha256-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::mt19937 rng(16);
    for (std::size_t n : {0u, 1u, 64u, 65535u, 65536u, 200'000u}) {
        CAPTURE(n);
        const auto file = dir / ("receipt-" + std::to_string(n) + ".pdf");
        std::ofstream(file, std::ios::binary) << randomBytes(rng, n);
        std::string command = "sha256sum '" + file.string() + "'";
        std::FILE* p = ::popen(command.c_str(), "r");
        REQUIRE(p);
        char line[128] = {};
        REQUIRE(std::fgets(line, sizeof line, p));
        ::pclose(p);
        CHECK(sha256File(file) == std::string(line, 64));
    }
    fs::remove_all(dir);
}
