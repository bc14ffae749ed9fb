import GRDB

/// The folded names `query --search` reads (`offerSearch`, migration 0017): one row per offer, refreshed by every
/// write for the providers its run touched, rebuilt whole where history is undone (`--as-of`).
enum OfferSearch {
    /// An offer's searchable names, one line each, folded as the search folds them.
    private static let text: SQL = """
        registry_fold(provider.name) || char(10) || registry_fold(coalesce(provider.legalName, '')) || char(10)
        || registry_fold(offer.name) || char(10) || offer.id || char(10)
        || coalesce((SELECT group_concat(registry_fold(alias), char(10)) FROM providerAlias
                     WHERE providerAlias.providerId = provider.id), '')
        """

    /// The providers whose names, aliases or offers the run `runId` changed.
    private static func touched(_ runId: Int64) -> SQL {
        """
        SELECT providerId FROM history
        WHERE runId = \(runId) AND providerId IS NOT NULL
          AND tableName IN ('provider', 'providerAlias', 'offer', 'offerAlias')
        """
    }

    /// Rewrites the rows of every offer of the providers the run touched (those gone included).
    static func refresh(_ db: Database, runId: Int64) throws {
        try db.execute(
            literal: "DELETE FROM offerSearch WHERE substr(offerId, 1, instr(offerId, '/') - 1) IN (\(touched(runId)))")
        try db.execute(
            literal: """
                INSERT INTO offerSearch (offerId, text) SELECT offer.id, \(text)
                FROM offer JOIN provider ON provider.id = offer.providerId WHERE provider.id IN (\(touched(runId)))
                """)
    }

    /// Rebuilds every row: for a registry whose facts were rewritten without runs (`--as-of` undoes history).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM offerSearch")
        try db.execute(
            literal: """
                INSERT INTO offerSearch (offerId, text) SELECT offer.id, \(text)
                FROM offer JOIN provider ON provider.id = offer.providerId
                """)
    }

    /// The condition on `offer.id` for a folded search: through the trigram index from three characters (a
    /// substring's trigrams, then the substring itself), by the folded text alone below.
    static func condition(_ search: String) -> SQL {
        guard search.count >= 3 else {
            return "offer.id IN (SELECT offerId FROM offerSearch WHERE instr(text, \(search)) > 0)"
        }
        let phrase = "\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return """
            offer.id IN (SELECT offerId FROM offerSearch WHERE offerSearch MATCH \(phrase) AND instr(text, \(search)) > 0)
            """
    }
}
