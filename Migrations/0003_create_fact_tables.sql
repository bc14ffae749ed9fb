-- Facts about providers. Every fact row names its source (URL or document title), the kind of source,
-- and the day it was last checked against that source (NULL: not yet verified against an official list).
-- Unknown values are NULL, never a guess. Dates are ISO 8601 (YYYY-MM-DD) and must exist.

CREATE TABLE entity (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (name <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('company', 'family', 'fund', 'state', 'public-float', 'other')),
    country TEXT REFERENCES country(code),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn)
) STRICT;

-- One current edge per owner and owned entity; earlier values live in the history.
CREATE TABLE ownership (
    ownerId TEXT NOT NULL REFERENCES entity(id),
    ownedId TEXT NOT NULL REFERENCES entity(id),
    capitalPercent REAL CHECK (capitalPercent BETWEEN 0 AND 100),
    votingPercent REAL CHECK (votingPercent BETWEEN 0 AND 100),
    vetoRight INTEGER CHECK (vetoRight IN (0, 1)),
    boardMajorityRight INTEGER CHECK (boardMajorityRight IN (0, 1)),
    -- The owner controls the owned entity (more than 50 %), as a source says even when it gives no figure.
    controlling INTEGER CHECK (controlling IN (0, 1)),
    asOf TEXT CHECK (asOf IS NULL OR date(asOf, '+0 days') IS asOf),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    PRIMARY KEY (ownerId, ownedId),
    CHECK (ownerId <> ownedId),
    CHECK (controlling IS NOT 1 OR ((capitalPercent IS NULL OR capitalPercent > 50) AND (votingPercent IS NULL OR votingPercent > 50)))
) STRICT;
CREATE INDEX ownership_ownedId ON ownership(ownedId);

CREATE TABLE provider (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (name <> ''),
    legalName TEXT,
    entityId TEXT REFERENCES entity(id),
    hqCountry TEXT REFERENCES country(code),
    siren TEXT CHECK (siren IS NULL OR (length(siren) = 9 AND siren NOT GLOB '*[^0-9]*')),
    website TEXT,
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn)
) STRICT;
CREATE UNIQUE INDEX provider_siren ON provider(siren) WHERE siren IS NOT NULL;

CREATE TABLE providerAlias (
    providerId TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (alias <> ''),
    PRIMARY KEY (providerId, alias)
) STRICT, WITHOUT ROWID;

-- Offer ids read "<provider>/<offer>", so an id alone says whose offer it is.
CREATE TABLE offer (
    id TEXT PRIMARY KEY CHECK (substr(id, 1, length(providerId) + 1) = providerId || '/' AND length(id) > length(providerId) + 1),
    providerId TEXT NOT NULL REFERENCES provider(id),
    name TEXT NOT NULL CHECK (name <> ''),
    serviceModel TEXT CHECK (serviceModel IN ('iaas', 'paas', 'caas', 'saas')),
    runsOnOfferId TEXT REFERENCES offer(id),
    adminCountry TEXT REFERENCES country(code),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    CHECK (runsOnOfferId IS NULL OR runsOnOfferId <> id)
) STRICT;
CREATE INDEX offer_providerId ON offer(providerId);

-- A hosting site: a region, zone or datacentre of a provider.
CREATE TABLE site (
    id TEXT PRIMARY KEY CHECK (substr(id, 1, length(providerId) + 1) = providerId || '/' AND length(id) > length(providerId) + 1),
    providerId TEXT NOT NULL REFERENCES provider(id),
    code TEXT NOT NULL CHECK (code <> ''),
    name TEXT,
    city TEXT,
    country TEXT REFERENCES country(code),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    UNIQUE (providerId, code)
) STRICT;
CREATE INDEX site_country ON site(country);

-- Where an offer can host data. A site may belong to another provider (an offer built on someone else's cloud).
CREATE TABLE offerSite (
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    siteId TEXT NOT NULL REFERENCES site(id) ON DELETE CASCADE,
    PRIMARY KEY (offerId, siteId)
) STRICT, WITHOUT ROWID;
CREATE INDEX offerSite_siteId ON offerSite(siteId);

-- A qualification, certification, report or code-of-conduct adherence held by a provider.
-- scope 'provider' covers every offer of the provider; 'offers' covers the offers in attestationOffer;
-- 'unspecified' means the sources do not say which offers, so it covers none in queries.
CREATE TABLE attestation (
    id TEXT PRIMARY KEY CHECK (substr(id, 1, length(providerId) + 1) = providerId || '/' AND length(id) > length(providerId) + 1),
    providerId TEXT NOT NULL REFERENCES provider(id),
    schemeId TEXT NOT NULL REFERENCES scheme(id),
    version TEXT,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'qualified', 'certified', 'suspended', 'withdrawn', 'expired')),
    milestone TEXT CHECK (milestone IN ('J0', 'J1', 'J2', 'J3')),
    statusSince TEXT CHECK (statusSince IS NULL OR date(statusSince, '+0 days') IS statusSince),
    scope TEXT NOT NULL CHECK (scope IN ('provider', 'offers', 'unspecified')),
    hdsPerimeter TEXT CHECK (hdsPerimeter IN ('physical-infrastructure', 'managed-services', 'both')),
    certificateRef TEXT,
    issuer TEXT,
    issuedOn TEXT CHECK (issuedOn IS NULL OR date(issuedOn, '+0 days') IS issuedOn),
    expiresOn TEXT CHECK (expiresOn IS NULL OR date(expiresOn, '+0 days') IS expiresOn),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    CHECK (milestone IS NULL OR status = 'in_progress'),
    CHECK (hdsPerimeter IS NULL OR schemeId = 'hds'),
    CHECK (expiresOn IS NULL OR issuedOn IS NULL OR expiresOn > issuedOn)
) STRICT;
CREATE INDEX attestation_providerId ON attestation(providerId);
CREATE INDEX attestation_schemeId_status ON attestation(schemeId, status);
CREATE UNIQUE INDEX attestation_certificate ON attestation(schemeId, certificateRef) WHERE certificateRef IS NOT NULL;

CREATE TABLE attestationOffer (
    attestationId TEXT NOT NULL REFERENCES attestation(id) ON DELETE CASCADE,
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    PRIMARY KEY (attestationId, offerId)
) STRICT, WITHOUT ROWID;
CREATE INDEX attestationOffer_offerId ON attestationOffer(offerId);

-- HDS activities (Code de la santé publique R.1111-9, 1° to 6°) an HDS certificate covers.
-- No row: the activities are unknown.
CREATE TABLE attestationActivity (
    attestationId TEXT NOT NULL REFERENCES attestation(id) ON DELETE CASCADE,
    activity INTEGER NOT NULL CHECK (activity BETWEEN 1 AND 6),
    PRIMARY KEY (attestationId, activity)
) STRICT, WITHOUT ROWID;

-- A listing in a purchasing catalogue (UGAP, RESAH, CAIH...).
CREATE TABLE listing (
    id TEXT PRIMARY KEY CHECK (substr(id, 1, length(providerId) + 1) = providerId || '/' AND length(id) > length(providerId) + 1),
    catalogueId TEXT NOT NULL REFERENCES catalogue(id),
    providerId TEXT NOT NULL REFERENCES provider(id),
    market TEXT NOT NULL CHECK (market <> ''),
    reference TEXT,
    intermediary TEXT,
    lot TEXT,
    scope TEXT NOT NULL CHECK (scope IN ('provider', 'offers', 'unspecified')),
    validFrom TEXT CHECK (validFrom IS NULL OR date(validFrom, '+0 days') IS validFrom),
    validUntil TEXT CHECK (validUntil IS NULL OR date(validUntil, '+0 days') IS validUntil),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    CHECK (validUntil IS NULL OR validFrom IS NULL OR validUntil >= validFrom)
) STRICT;
CREATE INDEX listing_providerId ON listing(providerId);
CREATE INDEX listing_catalogueId ON listing(catalogueId);

CREATE TABLE listingOffer (
    listingId TEXT NOT NULL REFERENCES listing(id) ON DELETE CASCADE,
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    PRIMARY KEY (listingId, offerId)
) STRICT, WITHOUT ROWID;
CREATE INDEX listingOffer_offerId ON listingOffer(offerId);

-- A scope may only name offers of the provider that holds the attestation or listing.
CREATE TRIGGER attestationOffer_sameProvider BEFORE INSERT ON attestationOffer
WHEN (SELECT providerId FROM attestation WHERE id = NEW.attestationId)
     IS NOT (SELECT providerId FROM offer WHERE id = NEW.offerId)
BEGIN
    SELECT RAISE(ABORT, 'attestation scope names an offer of another provider');
END;

CREATE TRIGGER listingOffer_sameProvider BEFORE INSERT ON listingOffer
WHEN (SELECT providerId FROM listing WHERE id = NEW.listingId)
     IS NOT (SELECT providerId FROM offer WHERE id = NEW.offerId)
BEGIN
    SELECT RAISE(ABORT, 'listing scope names an offer of another provider');
END;

CREATE TRIGGER attestationActivity_hdsOnly BEFORE INSERT ON attestationActivity
WHEN (SELECT schemeId FROM attestation WHERE id = NEW.attestationId) IS NOT 'hds'
BEGIN
    SELECT RAISE(ABORT, 'activities 1-6 apply to HDS certificates only');
END;
