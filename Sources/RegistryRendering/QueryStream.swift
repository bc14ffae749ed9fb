import RegistryCore

/// Writes an answer as JSON, NDJSON or CSV as its parts arrive (`Registry.answer(_:into:)`), so that memory
/// stays flat with the number of matches; `QueryRendering.render` writes the same bytes from a whole answer.
package struct QueryStream: QueryAnswerSink {
    private let format: OutputFormat
    private let write: (String) throws -> Void
    private var buffer = ""
    private var written = 0
    private var whyNot = false

    /// `write` receives the text in pieces of about 64 KB, in order.
    package init(_ format: OutputFormat, write: @escaping (String) throws -> Void) {
        precondition([.json, .ndjson, .csv].contains(format), "tables and Markdown need the whole answer")
        self.format = format
        self.write = write
    }

    package mutating func begin(_ criteria: OfferCriteria, count: Int) throws {
        whyNot = criteria.whyNot
        switch format {
        case .json:
            buffer += "{\n  \"criteria\": " + JSON.criteria(criteria).serialized(indent: "  ")
            buffer += ",\n  \"validOn\": " + JSON.string(criteria.validOn.description).serialized()
            buffer += ",\n  \"count\": \(count),\n  \"results\": ["
        case .csv: buffer += Self.csvHeader.joined(separator: ",") + "\r\n"
        default: break
        }
    }

    package mutating func receive(_ matches: [OfferMatch]) throws {
        for match in matches {
            switch format {
            case .json:
                buffer += written == 0 ? "\n    " : ",\n    "
                JSON.match(match).append(to: &buffer, indent: "    ")
            case .ndjson:
                JSON.match(match).append(to: &buffer, pretty: false)
                buffer += "\n"
            default:
                for row in Self.csvRows(match) { buffer += row.map(csvField).joined(separator: ",") + "\r\n" }
            }
            written += 1
            if buffer.utf8.count >= 1 << 16 { try flush() }
        }
    }

    package mutating func end(excluded: [Exclusion]) throws {
        if format == .json {
            buffer += written == 0 ? "]" : "\n  ]"
            if whyNot {
                buffer += ",\n  \"excluded\": " + JSON.array(excluded.map(JSON.exclusion)).serialized(indent: "  ")
            }
            buffer += "\n}\n"
        }
        try flush()
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try write(buffer)
        buffer = ""
    }

    // MARK: - CSV: one row per offer and piece of evidence

    private static let csvHeader = [
        "providerId", "providerName", "offerId", "offerName", "serviceModel", "scheme", "version", "status",
        "milestone", "activities", "certificateRef", "issuer", "issuedOn", "expiresOn", "source", "sourceKind",
        "verifiedOn", "flags", "hostedIn", "catalogues",
    ]

    private static func csvRows(_ match: OfferMatch) -> [[String]] {
        let common = [
            match.provider.id, match.provider.name, match.offer.id, match.offer.name,
            match.offer.serviceModel?.rawValue ?? "",
        ]
        let trailing = [
            Set(match.hosting.compactMap(\.site.country)).sorted().joined(separator: " "),
            match.catalogues.map(\.listing.catalogueId).joined(separator: " "),
        ]
        let evidenceRows: [[String]] =
            match.evidence.isEmpty
            ? [Array(repeating: "", count: 13)]
            : match.evidence.map { item in
                let a = item.attestation
                return [
                    a.schemeId, a.version ?? "", a.status.rawValue, a.milestone?.rawValue ?? "",
                    item.activities.map(String.init).joined(separator: " "), a.certificateRef ?? "", a.issuer ?? "",
                    a.issuedOn?.description ?? "", a.expiresOn?.description ?? "", a.source, a.sourceKind.rawValue,
                    a.verifiedOn?.description ?? "", item.flags.joined(separator: "; "),
                ]
            }
        return evidenceRows.map { common + $0 + trailing }
    }
}
