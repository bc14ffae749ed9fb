import GRDB

/// When each official-list source was last imported successfully. An imported fact that is still current
/// was checked against its list on that day, even though its row was not rewritten (unchanged rows never
/// are), so its effective `verifiedOn` is the later of the two.
struct Verification {
    private var lastImport: [ImportSource: Day] = [:]

    init(_ db: Database) throws {
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT source, max(coalesce(day, substr(endedAt, 1, 10))) AS day FROM importRun
                WHERE status IN ('applied', 'unchanged') GROUP BY source
                """)
        {
            if let source = ImportSource(rawValue: row["source"]),
                let day = (row["day"] as String?).flatMap { Day(parsing: $0) }
            {
                lastImport[source] = day
            }
        }
    }

    func apply(_ attestation: Attestation) -> Attestation {
        guard let origin = attestation.origin, attestation.status != .withdrawn, let day = lastImport[origin] else {
            return attestation
        }
        var verified = attestation
        verified.verifiedOn = max(attestation.verifiedOn ?? day, day)
        return verified
    }

    func apply(_ listing: Listing) -> Listing {
        guard let origin = listing.origin, listing.withdrawnOn == nil, let day = lastImport[origin] else {
            return listing
        }
        var verified = listing
        verified.verifiedOn = max(listing.verifiedOn ?? day, day)
        return verified
    }
}
