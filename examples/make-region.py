#!/usr/bin/env python3
"""Writes examples/region-hovedstaden.csv: a synthetic region for `klynge grant
calc --batch` (klynge-grant(1)). The data are invented; the ranges are the
seeds' (DOMAIN.md, "The cluster"): practices of ~1.000-9.000 registered
patients, clusters of ~17.000-110.000 patients, ydernumre of 6 digits, one
cluster founded in the grant year so the start-up grant shows.

The output is deterministic (fixed seed): running it again gives the same bytes.
Usage: python3 examples/make-region.py [OUT.csv]
"""
import random
import sys
from pathlib import Path

SEED = 2025
FOUNDED = {"Klynge Halsnæs": "2025-03-12"}  # split off in 2025: start-up grant in 2025

# (cluster, target patients): Region Hovedstaden's municipalities, the large
# ones split in two, sizes spread over the real range [001].
CLUSTERS = [
    ("Klynge Amager Øst", 62000), ("Klynge Amager Vest", 71000), ("Klynge Bispebjerg", 58000),
    ("Klynge Brønshøj-Husum", 44000), ("Klynge Indre By", 49000), ("Klynge Nørrebro", 88000),
    ("Klynge Østerbro", 104000), ("Klynge Valby", 66000), ("Klynge Vesterbro", 72000),
    ("Klynge Vanløse", 39000), ("Klynge Frederiksberg Nord", 54000), ("Klynge Frederiksberg Syd", 51000),
    ("Klynge Gentofte Nord", 36721), ("Klynge Gentofte Syd", 38000), ("Klynge Gladsaxe", 69000),
    ("Klynge Lyngby-Taarbæk", 56000), ("Klynge Rudersdal", 57000), ("Klynge Furesø", 41000),
    ("Klynge Ballerup", 48000), ("Klynge Herlev-Rødovre", 78000), ("Klynge Hvidovre", 53000),
    ("Klynge Brøndby-Vallensbæk", 52000), ("Klynge Albertslund-Glostrup", 50000),
    ("Klynge Høje-Taastrup", 55000), ("Klynge Tårnby-Dragør", 57000), ("Klynge Egedal-Allerød", 68000),
    ("Klynge Helsingør", 63000), ("Klynge Hillerød", 52000), ("Klynge Halsnæs", 18500),
    ("Klynge Bornholm", 39000),
]

STREETS = ["Strandvejen", "Nørrebrogade", "Amagerbrogade", "Valby Langgade", "Frederikssundsvej",
           "Lyngbyvej", "Hovedgaden", "Torvet", "Stationsvej", "Kirkevej", "Bygaden", "Skolevej",
           "Jernbanegade", "Østergade", "Vestergade", "Søndergade", "Nørregade", "Parkvej", "Møllevej",
           "Slotsgade", "Havnegade", "Ringvejen", "Bakkegårdsvej", "Ålekistevej", "Tårnvej"]
SURNAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
            "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Møller",
            "Poulsen", "Johansen", "Knudsen", "Mortensen", "Holm", "Skov", "Østergaard", "Dahl", "Friis"]


def practice_name(rng):
    kind = rng.random()
    if kind < 0.45:
        return f"Lægerne {rng.choice(STREETS)} {rng.randint(1, 180)}"
    if kind < 0.75:
        return f"Lægehuset {rng.choice(STREETS)}"
    return f"Læge {rng.choice('ABCDEFGHIJKLMNOPRST')}. {rng.choice(SURNAMES)}"


def practice_patients(rng):
    # Solo practices around 1.500-2.500, partnerships up to ~9.000.
    doctors = rng.choices([1, 2, 3, 4, 5], weights=[40, 30, 16, 9, 5])[0]
    per_doctor = rng.randint(1200, 1700)
    return max(1000, min(9000, doctors * per_doctor + rng.randint(-300, 300))), doctors


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("region-hovedstaden.csv")
    rng = random.Random(SEED)
    ydernumre = rng.sample(range(100000, 1000000), 2000)
    rows = []
    for cluster, target in CLUSTERS:
        # Each cluster ends exactly on its target; Gentofte Nord keeps the
        # seed's 36.721 patients (3,65 kr × 36.721 = 134.031,65 kr [002]).
        remaining = target if target % 1000 else target + rng.randint(-999, 999)
        while remaining > 0:
            patients, doctors = practice_patients(rng)
            drawn = patients
            if remaining <= 9000:
                patients = remaining
            elif remaining - patients < 1000:
                patients = remaining - 1000
            if patients != drawn:
                doctors = max(1, min(6, round(patients / 1500)))
            rows.append((cluster, f"{ydernumre.pop():06d}", practice_name(rng), patients, doctors,
                         FOUNDED.get(cluster, "")))
            remaining -= patients
    lines = ["klynge;ydernummer;praksis;patienter;kapaciteter;stiftet"]
    lines += [f"{c};{y};{n};{p};{k};{f}" for c, y, n, p, k, f in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sizes = {}
    for c, _, _, p, _, _ in rows:
        sizes[c] = sizes.get(c, 0) + p
    print(f"{out}: {len(CLUSTERS)} clusters, {len(rows)} practices, {sum(sizes.values())} patients; "
          f"clusters {min(sizes.values())}-{max(sizes.values())}", file=sys.stderr)


if __name__ == "__main__":
    main()
