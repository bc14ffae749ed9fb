-- Regulation profiles: named sets of query criteria, so that a buyer names the rule rather than the flags.
-- `criteria` is a JSON object whose keys are the query options (secnumcloud, hds, hostedIn, immune, ...).

CREATE TABLE profile (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (name <> ''),
    legalReference TEXT NOT NULL CHECK (legalReference <> ''),
    description TEXT NOT NULL,
    criteria TEXT NOT NULL CHECK (json_valid(criteria) AND json_type(criteria) = 'object')
) STRICT;

INSERT INTO profile (id, name, legalReference, description, criteria) VALUES
    ('sensitive',
     'Sensitive State data',
     'Cloud au centre doctrine (circulaires n° 6282/SG of 5 July 2021 and n° 6404/SG of 31 May 2023, rule R9); loi n° 2024-449 of 21 May 2024 (SREN), art. 31',
     'Data of particular sensitivity of the State on a commercial cloud: a SecNumCloud-qualified offer, immune to non-EU law (SecNumCloud 3.2 §19.6), data located and administered in the EU (§19.2).',
     '{"secnumcloud": true, "sovereign": true}'),
    ('health',
     'Personal health data',
     'Code de la santé publique, art. L.1111-8; HDS 2024 referential (arrêté of 26 April 2024)',
     'Hosting personal health data for others: an HDS-certified host, with physical hosting in the European Economic Area. Add --hds-activity to require the activities performed.',
     '{"hds": true, "hostedIn": "EEA"}'),
    ('sensitive-health',
     'Sensitive State data that are also health data',
     'Both profiles: Cloud au centre / SREN art. 31, and CSP art. L.1111-8 / HDS 2024',
     'The criteria of both the sensitive and the health profiles, for the same offer.',
     '{"secnumcloud": true, "sovereign": true, "hds": true, "hostedIn": "EEA"}');
