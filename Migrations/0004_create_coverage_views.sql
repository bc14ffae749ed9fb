-- Which attestations and listings cover which offers: a provider-wide scope covers every offer of the
-- provider, an 'offers' scope the offers it names, an 'unspecified' scope none.

CREATE VIEW offerAttestation AS
    SELECT offer.id AS offerId, attestation.id AS attestationId
    FROM offer JOIN attestation ON attestation.providerId = offer.providerId AND attestation.scope = 'provider'
    UNION ALL
    SELECT offerId, attestationId FROM attestationOffer;

CREATE VIEW offerListing AS
    SELECT offer.id AS offerId, listing.id AS listingId
    FROM offer JOIN listing ON listing.providerId = offer.providerId AND listing.scope = 'provider'
    UNION ALL
    SELECT offerId, listingId FROM listingOffer;
