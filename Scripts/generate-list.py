#!/usr/bin/env python3
"""Writes a deterministic, fictitious SecNumCloud list of N rows, for the harnesses.

    Scripts/generate-list.py ROWS [--seed S] [--drop PERCENT] > list.csv

--drop leaves out that share of the rows (chosen by the seed): a list from which entries were withdrawn.
"""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--drop", type=float, default=0.0)
args = parser.parse_args()

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
