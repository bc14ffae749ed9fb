"""What both benchmarks need: the binary to measure, and generated lists in a scratch folder."""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
generator = os.path.join(root, "Scripts", "generate-list.py")


def registry_binary(given):
    """`given` (--bin), else a release build of the package, made now."""
    if given:
        return os.path.abspath(given)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", root], check=True, stdout=sys.stderr)
    path = subprocess.run(["swift", "build", "-c", "release", "--package-path", root, "--show-bin-path"],
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "registry")


def generate(work, name, count, *options):
    """A generated list of `count` rows in `work/name` (see generate-list.py for the options)."""
    path = os.path.join(work, name)
    with open(path, "w") as out:
        subprocess.run([generator, str(count), *options], check=True, stdout=out)
    return path


# MARK: - The registry's questions in SQL, written as an expert would (the references of both benchmarks)

def rank(a):
    return f"""(CASE {a}.sourceKind WHEN 'official-list' THEN 0 WHEN 'provider-statement' THEN 1
                WHEN 'press' THEN 2 ELSE 3 END)"""


def counting(a, offer, day="date('now')"):
    """A fact counts when it holds on the day (an official list's from a known start) and no fact of a stronger
    source kind, or a newer one of the same kind, speaks for the same offer and scheme (precedence)."""
    return f"""{a}.status IN ('qualified', 'certified') AND ({a}.expiresOn IS NULL OR {a}.expiresOn >= {day})
               AND coalesce({a}.issuedOn, {a}.statusSince, '') <= {day}
               AND ({a}.sourceKind <> 'official-list' OR coalesce({a}.issuedOn, {a}.statusSince) IS NOT NULL)
               AND {a}.sourceKind IN ('official-list', 'provider-statement', 'press')
               AND NOT EXISTS (SELECT 1 FROM offerAttestation rc CROSS JOIN attestation r ON r.id = rc.attestationId
                               WHERE rc.offerId = {offer} AND r.schemeId = {a}.schemeId AND r.id <> {a}.id
                                 AND ({rank('r')} < {rank(a)} OR ({rank('r')} = {rank(a)}
                                      AND coalesce(r.issuedOn, r.statusSince, '') > coalesce({a}.issuedOn, {a}.statusSince, ''))))"""


def offers_with(scheme, day="date('now')"):
    return f"""SELECT x.offerId FROM attestation s CROSS JOIN offerAttestation x ON x.attestationId = s.id
               WHERE s.schemeId = '{scheme}' AND {counting('s', 'x.offerId', day)}"""


def evidence(matched, condition="", day="date('now')"):
    """From the rarest scheme's attestations to their offers, then the evidence."""
    return f"""WITH matched(offerId) AS ({matched})
               SELECT p.id, p.name, p.hqCountry, o.id, o.name, o.serviceModel, a.id, a.schemeId, a.version,
                      a.status, a.certificateRef, a.issuer, a.expiresOn, a.source,
                      (SELECT json_group_array(activity) FROM attestationActivity WHERE attestationId = a.id)
               FROM matched CROSS JOIN offer o ON o.id = matched.offerId JOIN provider p ON p.id = o.providerId
               CROSS JOIN offerAttestation oa ON oa.offerId = o.id CROSS JOIN attestation a ON a.id = oa.attestationId
               WHERE a.schemeId IN ('hds', 'secnumcloud') AND {counting('a', 'oa.offerId', day)} {condition}
               ORDER BY p.name, o.name;"""


def with_content(statement, day="date('now')"):
    """`statement` (from `evidence`) with what the registry's answer also carries for each match: the
    attestation's whole record, the offer's sites with their country's EU and EEA membership, and the catalogue
    listings that hold on the day, each as JSON — the same content, so that a ratio can compare like with like."""
    site = "json_object(" + ", ".join(f"'{c}', s.{c}" for c in
                                      ("id", "code", "name", "city", "country", "role", "source", "sourceKind",
                                       "verifiedOn")) + ", 'eu', c.eu, 'eea', c.eea)"
    listing = "json_object(" + ", ".join(f"'{c}', l.{c}" for c in
                                         ("id", "catalogueId", "market", "reference", "intermediary", "lot", "scope",
                                          "validFrom", "validUntil", "note", "source", "sourceKind",
                                          "verifiedOn")) + ")"
    content = f"""a.*,
                      (SELECT json_group_array({site}) FROM offerSite os JOIN site s ON s.id = os.siteId
                       LEFT JOIN country c ON c.code = s.country WHERE os.offerId = o.id),
                      (SELECT json_group_array({listing}) FROM offerListing ol JOIN listing l ON l.id = ol.listingId
                       WHERE ol.offerId = o.id AND (l.validFrom IS NULL OR l.validFrom <= {day})
                         AND (l.validUntil IS NULL OR l.validUntil >= {day})
                         AND (l.withdrawnOn IS NULL OR l.withdrawnOn > {day})
                         AND l.sourceKind <> 'research-note'),
                      (SELECT json_group_array(activity)"""
    return statement.replace("(SELECT json_group_array(activity)", content, 1)


def secnumcloud_and_hds(day="date('now')"):
    """`registry query --secnumcloud --hds` in SQL."""
    return evidence(f"{offers_with('secnumcloud', day)} INTERSECT {offers_with('hds', day)}", day=day)
