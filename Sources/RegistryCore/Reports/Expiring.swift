import GRDB

/// An attestation or listing that ends soon, or whose status still says valid after its end.
public struct ExpiringFact: Hashable, Sendable {
    /// `attestation` or `listing`.
    public var kind: String
    public var id: String
    public var providerId: String
    /// The scheme of an attestation, the catalogue of a listing.
    public var what: String
    /// The attestation's status, or `listed`.
    public var status: String
    public var endsOn: Day
    /// Days from the day asked to the end (negative: already ended).
    public var daysLeft: Int
    /// Set when the status still says valid although the end has passed.
    public var staleStatus: Bool
    public var source: String
}

extension Registry {
    /// Granted attestations and current listings ending within `days` of `day`, soonest first, and those
    /// already ended while their status still says valid. An attestation another outranks for every offer it
    /// covers (a press fact beside the official one, a decision a renewal replaced) is left out.
    public func expiring(within days: Int, on day: Day) throws -> [ExpiringFact] {
        try guardingDatabaseErrors {
            try read { db in
                let ending = try Attestation.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM attestation
                        WHERE status IN ('qualified', 'certified') AND expiresOn IS NOT NULL
                          AND julianday(expiresOn) <= julianday(?) + ?
                        """, arguments: [day, days])
                let standings = try CountingRule(day: day).standings(of: ending.map(\.id), db)
                let attestations = ending.filter { standings[$0.id]?.speaks ?? true }
                let listings = try Listing.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM listing WHERE withdrawnOn IS NULL AND validUntil IS NOT NULL
                          AND julianday(validUntil) <= julianday(?) + ?
                        """, arguments: [day, days])
                let facts =
                    attestations.compactMap { a in
                        a.expiresOn.map { end in
                            ExpiringFact(
                                kind: "attestation", id: a.id, providerId: a.providerId, what: a.schemeId,
                                status: a.status.rawValue, endsOn: end, daysLeft: day.days(until: end),
                                staleStatus: end < day, source: a.source)
                        }
                    }
                    + listings.compactMap { l in
                        l.validUntil.map { end in
                            ExpiringFact(
                                kind: "listing", id: l.id, providerId: l.providerId, what: l.catalogueId,
                                status: "listed",
                                staleStatus: end < day, endsOn: end, daysLeft: day.days(until: end), source: l.source)
                        }
                    }
                return facts.sorted { ($0.endsOn, $0.id) < ($1.endsOn, $1.id) }
            }
        }
    }
}

extension ExpiringFact {
    fileprivate init(
        kind: String, id: String, providerId: String, what: String, status: String, staleStatus: Bool, endsOn: Day,
        daysLeft: Int, source: String
    ) {
        self.init(
            kind: kind, id: id, providerId: providerId, what: what, status: status, endsOn: endsOn, daysLeft: daysLeft,
            staleStatus: staleStatus, source: source)
    }
}
