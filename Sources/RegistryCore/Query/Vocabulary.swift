import GRDB

/// The codes a query may use: schemes, catalogues, countries. Reference data, small and read at once.
public struct Vocabulary: Sendable {
    public var schemes: [Scheme]
    public var catalogues: [Catalogue]
    public var countries: [Country]

    init(_ db: Database) throws {
        schemes = try Scheme.order(Scheme.Columns.id).fetchAll(db)
        catalogues = try Catalogue.order(Catalogue.Columns.id).fetchAll(db)
        countries = try Country.order(Country.Columns.code).fetchAll(db)
    }

    /// Throws a usage error naming the valid values when `criteria` uses an unknown code or id.
    func check(_ criteria: OfferCriteria) throws {
        let schemeIds = schemes.map(\.id)
        for scheme in criteria.schemes where !schemeIds.contains(scheme) {
            throw RegistryError.usage(
                "unknown scheme '\(scheme)'; use one of: \(schemeIds.joined(separator: ", "))")
        }
        let catalogueIds = catalogues.map(\.id)
        for catalogue in criteria.catalogues where !catalogueIds.contains(catalogue) {
            throw RegistryError.usage(
                "unknown catalogue '\(catalogue)'; use one of: \(catalogueIds.joined(separator: ", "))")
        }
        if let place = criteria.hostedIn, place != "EU", place != "EEA",
            !countries.contains(where: { $0.code == place })
        {
            throw RegistryError.usage(
                "unknown country code '\(place)'; use EU, EEA or one of: "
                    + countries.map(\.code).joined(separator: ", ") + " (names: `registry list countries`)")
        }
        try criteria.validate()
    }
}

extension Registry {
    /// The schemes, catalogues and countries the registry knows.
    public func vocabulary() throws -> Vocabulary {
        try guardingDatabaseErrors { try read { try Vocabulary($0) } }
    }

    /// Throws `unknownID`, with suggestions, when no provider has this id.
    static func requireProvider(_ id: String, _ db: Database) throws {
        guard try Provider.exists(db, key: id) == false else { return }
        let hint = try suggestion(for: id, db, providersOnly: true)
        throw RegistryError.unknownID("unknown provider '\(id)'; \(hint)see `registry list providers` for the ids")
    }

    /// The error for an id that names no provider and no offer, with the near ones.
    static func unknownId(_ id: String, _ db: Database) throws -> RegistryError {
        .unknownID(
            "no provider or offer has the id '\(id)'; \(try suggestion(for: id, db))see `registry list providers` "
                + "or `registry query --search TEXT`")
    }

    /// « did you mean 'a', 'b'? », or nothing when no id is near.
    private static func suggestion(for id: String, _ db: Database, providersOnly: Bool = false) throws -> String {
        let suggestions = try suggestedIds(for: id, db).filter { !providersOnly || !$0.contains("/") }
        return suggestions.isEmpty ? "" : "did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))? "
    }

    /// Provider and offer ids whose names, aliases or ids contain the folded text.
    static func suggestedIds(for text: String, _ db: Database) throws -> [String] {
        let folded = SearchText.fold(text)
        guard !folded.isEmpty else { return [] }
        return try String.fetchAll(
            db,
            sql: """
                SELECT id FROM provider
                WHERE instr(registry_fold(name), ?1) > 0 OR instr(id, ?1) > 0
                   OR EXISTS (SELECT 1 FROM providerAlias WHERE providerId = provider.id
                              AND registry_fold(alias) = ?1)
                UNION
                SELECT id FROM offer WHERE instr(id, ?1) > 0 OR instr(registry_fold(name), ?1) > 0
                ORDER BY 1 LIMIT 5
                """, arguments: [folded])
    }
}
