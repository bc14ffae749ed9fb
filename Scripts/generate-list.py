#!/usr/bin/env python3
"""Writes deterministic, fictitious data of any size in every import format, for the harnesses and benchmarks.

    Scripts/generate-list.py N [--kind KIND] [--seed S] [--drop PERCENT] [--change PERCENT] > file

KIND, and what N counts:
    secnumcloud       N rows of an ANSSI SecNumCloud list (50 services per provider)
    hds               N rows of the ANS HDS list (one certificate each, ten per host)
    hds-transparency  N rows of HDS 2024 transparency tables (five actors per host)
    catalogue         N rows of catalogue listings (UGAP, RESAH, CAIH; four per provider)
    registry-json     a registry of N providers (numbered from --first): their entities and ownership, sites,
                      offers, about ten attestations each (HDS with activities for one in two, SecNumCloud for
                      one in ten, ISO, SOC, C5, codes of conduct) and listings

--drop leaves out that share of the rows (chosen by the seed): a list from which entries were withdrawn.
--change alters that share of the rows (a later end of validity). Every name says « fictif ».
"""
import argparse
import json
import random

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--drop", type=float, default=0.0)
parser.add_argument("--change", type=float, default=0.0)
parser.add_argument("--first", type=int, default=0, help="registry-json: the number of the first provider")
parser.add_argument("--kind", choices=["secnumcloud", "hds", "hds-transparency", "catalogue", "registry-json"],
                    default="secnumcloud")
args = parser.parse_args()
rng = random.Random(args.seed)


def rows():
    """The row numbers kept, after --drop."""
    for i in range(args.rows):
        if args.drop and rng.random() * 100 < args.drop:
            continue
        yield i


def changed():
    return args.change and rng.random() * 100 < args.change


def day(i, year):
    return f"{1 + i % 28:02d}/{1 + i % 12:02d}/{year}"


if args.kind == "hds":
    print("host;siren;certificate;certifier;version;perimeter;activities;valid_from;valid_until;offers")
    for i in rows():
        year = 2029 if changed() else 2028
        activities = ["1-6", "1,2", "3,4,5,6", "1-4"][i % 4]
        perimeter = ["hébergeur infogéreur", "hébergeur d'infrastructure physique"][i % 2]
        print(f"Hébergeur {i // 10:06d} (fictif);;EXEMPLE-{i:08d};Certificateur {i % 7} (fictif);2024;{perimeter};"
              f"{activities};{day(i, 2025)};{day(i, year)};Offre {i:08d}")

elif args.kind == "secnumcloud":
    statuses = ["Qualifié", "J0", "J1", "J2"]
    print("provider;service;service_type;version;status;qualified_on;expires_on")
    for i in rows():
        status = statuses[i % len(statuses)]
        qualified = day(i, 2025) if status == "Qualifié" else ""
        expires = day(i, 2029 if changed() else 2028) if status == "Qualifié" else ""
        model = ["IaaS", "PaaS", "CaaS", "SaaS"][i % 4]
        print(f"Fournisseur {i // 50:05d} (fictif);Service {i:07d};{model};3.2;{status};{qualified};{expires}")

elif args.kind == "hds-transparency":
    print("host;actor;role;hds_certified;secnumcloud;activities;exigence_29;exigence_30")
    for i in rows():
        host = f"Hébergeur {i // 5:06d} (fictif)"
        actor = host if i % 5 == 0 else f"Sous-traitant {i:07d} (fictif)"
        role = "Hébergeur" if i % 5 == 0 else "Sous-traitant de l'hébergeur"
        access = "Oui — Canada (exemple)" if changed() or i % 11 == 0 else "Non"
        print(f"{host};{actor};{role};{['Oui', 'Non'][i % 2]};{['Oui', 'Non'][i % 3 == 0]};1°, 2°, 6°;{access};Non")

elif args.kind == "catalogue":
    print("catalogue;provider;offer;market;reference;intermediary;lot;valid_from;valid_until")
    for i in rows():
        catalogue = ["UGAP", "RESAH", "CAIH"][i % 3]
        until = day(i, 2030 if changed() else 2028)
        print(f"{catalogue};Fournisseur {i // 4:06d} (fictif);Offre {i:07d};Marché exemple {i % 9} (fictif);"
              f"EX-{i:07d};;{1 + i % 3};{day(i, 2025)};{until}")

else:
    # Facts that count in queries (an official-list kind), from a source that says they are fictitious.
    source = {"source": "Scripts/generate-list.py (fictitious data)", "sourceKind": "official-list"}
    countries = ["FR", "FR", "DE", "NL", "US", "IE", "BE", "IT"]
    document = {"format": "registry-json", "formatVersion": 1, "entities": [], "ownership": [], "providers": [],
                "sites": [], "offers": [], "attestations": [], "listings": []}
    for i in (args.first + row for row in rows()):
        pid = f"fournisseur-{i:06d}-fictif"
        country = countries[i % len(countries)]
        parent = f"groupe-{i // 10:05d}-fictif"
        if i % 10 == 0:
            document["entities"].append({"id": parent, "name": f"Groupe {i // 10:05d} (fictif)", "kind": "company",
                                         "country": countries[(i // 10) % len(countries)], **source})
        document["entities"].append({"id": pid, "name": f"Fournisseur {i:06d} SAS (fictif)", "kind": "company",
                                     "country": country, **source})
        share = 51 + i % 49
        document["ownership"].append({"ownerId": parent, "ownedId": pid, "capitalPercent": share,
                                      "votingPercent": share, **source})
        document["providers"].append({"id": pid, "name": f"Fournisseur {i:06d} (fictif)", "entityId": pid,
                                      "hqCountry": country, "aliases": [f"F{i:06d}"], **source})
        sites = [f"{pid}/site-{n}" for n in range(2)]
        for n, site in enumerate(sites):
            document["sites"].append({"id": site, "providerId": pid, "code": f"site-{n}",
                                      "country": countries[(i + n) % len(countries)], **source})
        offers = [f"{pid}/offre-{n}" for n in range(3)]
        for n, offer in enumerate(offers):
            document["offers"].append({"id": offer, "providerId": pid, "name": f"Offre {n} de {i:06d} (fictif)",
                                       "serviceModel": ["iaas", "paas", "saas"][n], "sites": sites[:1 + n % 2],
                                       "adminCountry": country, **source})
        expires = f"{2029 if changed() else 2028}-{1 + i % 12:02d}-01"
        # An official list's fact counts only from a known start (the registry never counts an undated one).
        issued = f"2025-{1 + i % 12:02d}-01"
        if i % 2 == 0:
            document["attestations"].append({"id": f"{pid}/hds", "providerId": pid, "schemeId": "hds",
                                             "version": "2024", "status": "certified", "scope": "offers",
                                             "offers": offers[:2], "activities": [1, 2, 3, 4, 5, 6][: 2 + i % 5],
                                             "certificateRef": f"HDS-EX-{i:07d}", "issuedOn": issued, "expiresOn": expires,
                                             **source})
        if i % 10 == 0:
            document["attestations"].append({"id": f"{pid}/secnumcloud", "providerId": pid,
                                             "schemeId": "secnumcloud", "version": "3.2", "status": "qualified",
                                             "scope": "offers", "offers": offers[:1], "issuedOn": issued,
                                             "expiresOn": expires, **source})
        for scheme in ["iso27001", "iso27017", "iso27018", "iso27701", "soc1", "soc2", "soc3", "c5", "eu-cloud-coc",
                       "cispe-coc"][: 8 + i % 3]:
            document["attestations"].append({"id": f"{pid}/{scheme}", "providerId": pid, "schemeId": scheme,
                                             "status": "certified", "scope": "provider", "issuedOn": issued,
                                             **source})
        if i % 5 == 0:
            document["listings"].append({"id": f"{pid}/ugap", "catalogueId": "ugap", "providerId": pid,
                                         "market": "Marché exemple (fictif)", "scope": "offers",
                                         "offers": offers[:1], **source})
    print(json.dumps(document, ensure_ascii=False, indent=1))
