import RegistryCore

/// Renders the expiry radar: what ends soon, and what is still marked valid after its end.
package struct ExpiringRendering {
    package let facts: [ExpiringFact]

    package init(facts: [ExpiringFact]) { self.facts = facts }

    package var list: ListRendering {
        let columns = ["kind", "id", "provider", "what", "status", "endsOn", "daysLeft", "warning", "source"]
        let rows: [[JSON]] = facts.map { fact in
            [
                .string(fact.kind), .string(fact.id), .string(fact.providerId), .string(fact.what),
                .string(fact.status), .string(fact.endsOn.description), .int(fact.daysLeft),
                Self.warning(fact).map(JSON.string) ?? .null, .string(fact.source),
            ]
        }
        return ListRendering(columns: columns, rows: rows, nullText: "-")
    }

    /// « ended on D but still marked qualified », for a fact whose status outlived its end.
    package static func warning(_ fact: ExpiringFact) -> String? {
        fact.staleStatus ? "ended on \(fact.endsOn) but still marked \(fact.status)" : nil
    }
}
