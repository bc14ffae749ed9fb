#!/usr/bin/env python3
"""Writes a deterministic, fictitious official list of N rows, for the harnesses and benchmarks.

    Scripts/generate-list.py ROWS [--kind secnumcloud|hds] [--seed S] [--drop PERCENT] [--change PERCENT] > list.csv

--drop leaves out that share of the rows (chosen by the seed): a list from which entries were withdrawn.
--change alters that share of the rows (a later end of validity).
"""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--drop", type=float, default=0.0)
parser.add_argument("--change", type=float, default=0.0)
parser.add_argument("--kind", choices=["secnumcloud", "hds"], default="secnumcloud")
args = parser.parse_args()

if args.kind == "hds":
    rng = random.Random(args.seed)
    print("host;siren;certificate;certifier;version;perimeter;activities;valid_from;valid_until;offers")
    for i in range(args.rows):
        if args.drop and rng.random() * 100 < args.drop:
            continue
        year = 2029 if args.change and rng.random() * 100 < args.change else 2028
        activities = ["1-6", "1,2", "3,4,5,6", "1-4"][i % 4]
        perimeter = ["hébergeur infogéreur", "hébergeur d'infrastructure physique"][i % 2]
        print(f"Hébergeur {i // 10:06d} (fictif);;EXEMPLE-{i:08d};Certificateur {i % 7} (fictif);2024;{perimeter};"
              f"{activities};{1 + i % 28:02d}/{1 + i % 12:02d}/2025;{1 + i % 28:02d}/{1 + i % 12:02d}/{year};Offre {i:08d}")
    raise SystemExit

rng = random.Random(args.seed)
statuses = ["Qualifié", "J0", "J1", "J2"]
print("provider;service;service_type;version;status;qualified_on;expires_on")
for i in range(args.rows):
    if args.drop and rng.random() * 100 < args.drop:
        continue
    provider = f"Fournisseur {i // 50:05d} (fictif)"
    status = statuses[i % len(statuses)]
    qualified = f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025" if status == "Qualifié" else ""
    expires = f"{1 + i % 28:02d}/{1 + i % 12:02d}/2028" if status == "Qualifié" else ""
    model = ["IaaS", "PaaS", "CaaS", "SaaS"][i % 4]
    print(f"{provider};Service {i:07d};{model};3.2;{status};{qualified};{expires}")
