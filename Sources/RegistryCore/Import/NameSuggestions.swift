import GRDB

/// The existing entries whose names are nearest a name an import could not match: the « did you mean »
/// of the import report, so that a steward sees a twin before it stays.
///
/// Candidates share a word of three letters or more with the name (through an index of words, so that a
/// registry of 100,000 providers is read once, not once per name); they are ranked by the similarity of
/// their nearest name (Dice's coefficient over letter trigrams, or 0.9 when one name's words all appear in
/// the other: « Bare Metal Pod » in « Bare Metal Pod SecNumCloud »).
struct NameSuggestions {
    private var ids: [String] = []
    private var names: [[String]] = []
    private var byWord: [String: [Int]] = [:]

    /// Every provider, by name, legal name, alias and id.
    static func providers(_ db: Database) throws -> NameSuggestions {
        var suggestions = NameSuggestions()
        var namesById: [String: [String]] = [:]
        var order: [String] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, name FROM provider UNION ALL SELECT id, legalName FROM provider WHERE legalName IS NOT NULL
                UNION ALL SELECT providerId, alias FROM providerAlias
                UNION ALL SELECT id, id FROM provider
                """)
        while let row = try rows.next() {
            let id: String = row[0]
            if namesById[id] == nil { order.append(id) }
            namesById[id, default: []].append(row[1])
        }
        for id in order { suggestions.add(id, names: namesById[id] ?? []) }
        return suggestions
    }

    /// The offers of one provider, by name, alias and id.
    static func offers(of providerId: String, _ db: Database) throws -> NameSuggestions {
        var suggestions = NameSuggestions()
        for offer in try Offer.filter(Offer.Columns.providerId == providerId).order(Offer.Columns.id).fetchAll(db) {
            let aliases = try String.fetchAll(
                db, sql: "SELECT alias FROM offerAlias WHERE offerId = ? ORDER BY alias", arguments: [offer.id])
            suggestions.add(offer.id, names: [offer.name, String(offer.id.dropFirst(providerId.count + 1))] + aliases)
        }
        return suggestions
    }

    private mutating func add(_ id: String, names: [String]) {
        let index = ids.count
        ids.append(id)
        let folded = names.map(SearchText.words)
        self.names.append(folded)
        for word in Set(folded.flatMap { Self.words($0) }) { byWord[word, default: []].append(index) }
    }

    /// At most `limit` ids whose names are near `name` (a similarity of `threshold` or more), nearest first,
    /// leaving out `excluded`.
    func nearest(_ name: String, excluding excluded: Set<String>, threshold: Double = 0.3, limit: Int = 3) -> [String] {
        let target = SearchText.words(name)
        var candidates = Set<Int>()
        for word in Self.words(target) { candidates.formUnion(byWord[word] ?? []) }
        let scored = candidates.compactMap { index -> (score: Double, id: String)? in
            guard !excluded.contains(ids[index]) else { return nil }
            let score = names[index].map { Self.similarity(target, $0) }.max() ?? 0
            return score >= threshold ? (score, ids[index]) : nil
        }
        return scored.sorted { ($1.score, $0.id) < ($0.score, $1.id) }.prefix(limit).map(\.id)
    }

    private static func words(_ folded: String) -> [String] {
        folded.split(separator: " ").filter { $0.count >= 3 }.map(String.init)
    }

    /// 0 (nothing shared) to 1 (the same), on folded names.
    static func similarity(_ a: String, _ b: String) -> Double {
        let wordsA = Set(words(a))
        let wordsB = Set(words(b))
        if !wordsA.isEmpty, !wordsB.isEmpty, wordsA.isSubset(of: wordsB) || wordsB.isSubset(of: wordsA) {
            return a == b ? 1 : 0.9
        }
        let gramsA = trigrams(a)
        let gramsB = trigrams(b)
        guard !gramsA.isEmpty, !gramsB.isEmpty else { return 0 }
        return Double(2 * gramsA.intersection(gramsB).count) / Double(gramsA.count + gramsB.count)
    }

    private static func trigrams(_ text: String) -> Set<String> {
        let characters = Array(" \(text) ")
        guard characters.count >= 3 else { return [] }
        return Set((0...(characters.count - 3)).map { String(characters[$0..<$0 + 3]) })
    }
}
