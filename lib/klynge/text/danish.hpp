// One place for the words of the documents (DANISH.md): Danish dates, times,
// spans of time, amounts, counts and majorities as a careful association
// secretary writes them. Every template gets its phrases from here.
#pragma once

#include "klynge/text/danish_time.hpp"
#include "klynge/text/date.hpp"
#include "klynge/text/money.hpp"

#include <string>
#include <string_view>

namespace klynge::danish {

std::string_view weekday(Date d);          // "fredag"
std::string_view monthName(unsigned month); // 1..12: "februar"
std::string date(Date d);                  // "20. februar 2026"
std::string longDate(Date d);              // "fredag den 20. februar 2026"

// Danish writes the time of day with a full stop and no leading zero:
// "17.00", "9.30".
std::string clock(int hour, int minute);
std::string clock(const LocalDateTime& t);
// "fredag den 20. februar 2026 kl. 17.00"
std::string at(const LocalDateTime& t);
// One day: "fredag den 20. februar 2026 kl. 17.00–19.00"; several days (rule 4):
// "fra tirsdag den 12. maj 2026 kl. 9.00 til onsdag den 13. maj 2026 kl. 16.00".
std::string span(const LocalDateTime& start, const LocalDateTime& end);
// The same, with the start's weekday capitalised ("Fra tirsdag …", "Fredag …").
std::string spanCapitalised(const LocalDateTime& start, const LocalDateTime& end);

// "1.234,56 kr."
std::string kroner(Money m);

// A cardinal in words, 0..20 ("en", "to", "tre", … "tyve"); above that the digits
// with a thousands point from 10.000 (rule 3).
std::string number(long long n);
// A count with a thousands point from 10.000: "9999", "10.000".
std::string count(long long n);

// A share in words: 2/3 "to tredjedele", 3/4 "tre fjerdedele", 1/2
// "halvdelen", 4/5 "fire femtedele". Throws InvalidValue for a share it
// cannot name (a denominator above 10).
std::string fraction(int numerator, int denominator);
// A majority as the bylaws and minutes name it: "simple" (or "1/2+") is
// "simpelt flertal", "2/3" is "to tredjedele" …
std::string majority(std::string_view share);

// First letter upper case (ASCII and the Danish æ, ø, å).
std::string capitalised(std::string_view s);

} // namespace klynge::danish
