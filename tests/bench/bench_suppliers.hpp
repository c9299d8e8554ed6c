// The suppliers the benchmarks' generated books pay ("Leverandør 0" ...):
// companies recorded with their CVR, through the library. Their honorar and
// kørsel rows are then invoices, which `ledger import` accepts as `ledger add`
// does; to a person such a row is refused — it must go through `klynge
// payout` (ReportableExpenseRule, honoraria/skat.hpp).
#pragma once

#include "klynge/honoraria/honoraria.hpp"
#include "klynge/store/store.hpp"
#include "klynge/text/ids.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace bench_books {

// The i-th valid CVR number from 31000000 on (weights 2,7,6,5,4,3,2,1; the
// sum divisible by 11).
inline std::string supplierCvr(int i) {
    static const int weights[] = {2, 7, 6, 5, 4, 3, 2};
    for (long base = 3100000;; ++base) {
        std::string digits = std::to_string(base);
        int sum = 0;
        for (int k = 0; k < 7; ++k) sum += weights[k] * (digits[static_cast<std::size_t>(k)] - '0');
        int check = (11 - sum % 11) % 11;
        if (check == 10) continue;
        if (i-- == 0) return digits + std::to_string(check);
    }
}

// How many suppliers the books pay.
constexpr std::uint64_t suppliers = 40;

inline std::string supplierName(long i) { return "Leverandør " + std::to_string(i); }

// Records every supplier in the workspace `ws`, as a company charging VAT.
inline void recordSuppliers(const std::filesystem::path& ws) {
    auto store = klynge::Store::open(ws / "klynge.db");
    klynge::WriteTransaction tx(store, "bench: suppliers");
    for (int i = 0; i < static_cast<int>(suppliers); ++i)
        klynge::ensurePayee(store, supplierName(i), klynge::Cvr::parse(supplierCvr(i)), true,
                            klynge::Date::parse("2024-01-01"));
    tx.commit("bench: suppliers");
}

} // namespace bench_books
