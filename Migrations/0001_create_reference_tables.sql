-- Reference data the facts point at: countries, certification schemes, purchasing catalogues.

CREATE TABLE country (
    code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code GLOB '[A-Z][A-Z]'),
    name TEXT NOT NULL,
    eu INTEGER NOT NULL CHECK (eu IN (0, 1)),
    eea INTEGER NOT NULL CHECK (eea IN (0, 1)),
    CHECK (eu = 0 OR eea = 1)  -- every EU member is in the EEA
) STRICT;

CREATE TABLE scheme (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL,
    authority TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('qualification', 'certification', 'attestation-report', 'code-of-conduct', 'label'))
) STRICT;

CREATE TABLE catalogue (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('central-purchasing-body', 'framework'))
) STRICT;

INSERT INTO scheme (id, name, authority, kind) VALUES
    ('secnumcloud', 'SecNumCloud', 'ANSSI', 'qualification'),
    ('hds', 'Hébergeur de données de santé (HDS)', 'ANS / COFRAC-accredited certifiers', 'certification'),
    ('iso27001', 'ISO/IEC 27001', 'ISO/IEC', 'certification'),
    ('iso27017', 'ISO/IEC 27017', 'ISO/IEC', 'certification'),
    ('iso27018', 'ISO/IEC 27018', 'ISO/IEC', 'certification'),
    ('iso27701', 'ISO/IEC 27701', 'ISO/IEC', 'certification'),
    ('soc1', 'SOC 1', 'AICPA', 'attestation-report'),
    ('soc2', 'SOC 2', 'AICPA', 'attestation-report'),
    ('soc3', 'SOC 3', 'AICPA', 'attestation-report'),
    ('c5', 'C5 (Cloud Computing Compliance Criteria Catalogue)', 'BSI (Germany)', 'attestation-report'),
    ('eu-cloud-coc', 'EU Cloud Code of Conduct', 'SCOPE Europe', 'code-of-conduct'),
    ('cispe-coc', 'CISPE Data Protection Code of Conduct', 'CISPE', 'code-of-conduct'),
    ('gaiax', 'Gaia-X', 'Gaia-X AISBL', 'label'),
    ('eucs', 'EUCS (EU Cybersecurity Certification Scheme for Cloud Services)', 'ENISA / European Commission', 'certification');

INSERT INTO catalogue (id, name, kind) VALUES
    ('ugap', 'UGAP (Union des groupements d''achats publics)', 'central-purchasing-body'),
    ('resah', 'RESAH (Réseau des acheteurs hospitaliers)', 'central-purchasing-body'),
    ('caih', 'CAIH (Centrale d''achat de l''informatique hospitalière)', 'central-purchasing-body');
