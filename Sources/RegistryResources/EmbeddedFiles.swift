// The files of Migrations/ and Seeds/, compiled into the binary by SwiftPM's `.embedInCode`.
//
// SwiftPM names each embedded file after its base name (a leading digit becomes `_`), so the lists
// below are written by hand; `EmbeddedFilesTests` fails when they disagree with the folders.

/// A file of the package compiled into the binary.
public struct EmbeddedFile: Sendable {
    /// The file's name in its folder, such as `0001_create_reference_tables.sql`.
    public let name: String
    /// The file's bytes.
    public let bytes: [UInt8]

    /// The file's contents as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The migrations and seeds compiled into the binary.
public enum EmbeddedFiles {
    /// `Migrations/NNNN_verb_object.sql`, in the order they apply.
    public static let migrations: [EmbeddedFile] = [
        EmbeddedFile(
            name: "0001_create_reference_tables.sql", bytes: PackageResources._001_create_reference_tables_sql),
        EmbeddedFile(name: "0002_insert_countries.sql", bytes: PackageResources._002_insert_countries_sql),
        EmbeddedFile(name: "0003_create_fact_tables.sql", bytes: PackageResources._003_create_fact_tables_sql),
        EmbeddedFile(name: "0004_create_coverage_views.sql", bytes: PackageResources._004_create_coverage_views_sql),
        EmbeddedFile(
            name: "0005_create_import_runs_and_history.sql",
            bytes: PackageResources._005_create_import_runs_and_history_sql),
        EmbeddedFile(name: "0006_create_profiles.sql", bytes: PackageResources._006_create_profiles_sql),
        EmbeddedFile(name: "0007_add_import_run_day.sql", bytes: PackageResources._007_add_import_run_day_sql),
        EmbeddedFile(name: "0008_create_offer_aliases.sql", bytes: PackageResources._008_create_offer_aliases_sql),
        EmbeddedFile(name: "0009_allow_steward_runs.sql", bytes: PackageResources._009_allow_steward_runs_sql),
        EmbeddedFile(name: "0010_add_attestation_via.sql", bytes: PackageResources._010_add_attestation_via_sql),
        EmbeddedFile(name: "0011_create_list_editions.sql", bytes: PackageResources._011_create_list_editions_sql),
        EmbeddedFile(name: "0012_add_history_chain.sql", bytes: PackageResources._012_add_history_chain_sql),
        EmbeddedFile(
            name: "0013_add_publication_evidence.sql", bytes: PackageResources._013_add_publication_evidence_sql),
        EmbeddedFile(
            name: "0014_create_publication_sources.sql", bytes: PackageResources._014_create_publication_sources_sql),
        EmbeddedFile(
            name: "0015_read_transparency_pages.sql", bytes: PackageResources._015_read_transparency_pages_sql),
        EmbeddedFile(name: "0016_add_sovereignty_facts.sql", bytes: PackageResources._016_add_sovereignty_facts_sql),
        EmbeddedFile(name: "0017_create_offer_search.sql", bytes: PackageResources._017_create_offer_search_sql),
        EmbeddedFile(
            name: "0018_flatten_coverage_views.sql", bytes: PackageResources._018_flatten_coverage_views_sql),
    ]

    /// `Seeds/*.json`, canonical registry documents, sorted by name.
    public static let seeds: [EmbeddedFile] = [
        EmbeddedFile(name: "_anssi-catalogue.json", bytes: PackageResources._anssi_catalogue_json),
        EmbeddedFile(name: "_lists.json", bytes: PackageResources._lists_json),
        EmbeddedFile(name: "_ownership.json", bytes: PackageResources._ownership_json),
        EmbeddedFile(name: "aws.json", bytes: PackageResources.aws_json),
        EmbeddedFile(name: "bleu.json", bytes: PackageResources.bleu_json),
        EmbeddedFile(name: "cegedim.json", bytes: PackageResources.cegedim_json),
        EmbeddedFile(name: "clever-cloud.json", bytes: PackageResources.clever_cloud_json),
        EmbeddedFile(name: "cloud-solutions.json", bytes: PackageResources.cloud_solutions_json),
        EmbeddedFile(name: "cloud-temple.json", bytes: PackageResources.cloud_temple_json),
        EmbeddedFile(name: "google.json", bytes: PackageResources.google_json),
        EmbeddedFile(name: "ibm.json", bytes: PackageResources.ibm_json),
        EmbeddedFile(name: "index-education.json", bytes: PackageResources.index_education_json),
        EmbeddedFile(name: "its-integra.json", bytes: PackageResources.its_integra_json),
        EmbeddedFile(name: "microsoft.json", bytes: PackageResources.microsoft_json),
        EmbeddedFile(name: "numspot.json", bytes: PackageResources.numspot_json),
        EmbeddedFile(name: "oodrive.json", bytes: PackageResources.oodrive_json),
        EmbeddedFile(name: "oracle.json", bytes: PackageResources.oracle_json),
        EmbeddedFile(name: "orange-business.json", bytes: PackageResources.orange_business_json),
        EmbeddedFile(name: "outscale.json", bytes: PackageResources.outscale_json),
        EmbeddedFile(name: "ovhcloud.json", bytes: PackageResources.ovhcloud_json),
        EmbeddedFile(name: "s3ns.json", bytes: PackageResources.s3ns_json),
        EmbeddedFile(name: "scaleway.json", bytes: PackageResources.scaleway_json),
        EmbeddedFile(name: "scalingo.json", bytes: PackageResources.scalingo_json),
        EmbeddedFile(name: "whaller.json", bytes: PackageResources.whaller_json),
        EmbeddedFile(name: "worldline.json", bytes: PackageResources.worldline_json),
    ]
}
