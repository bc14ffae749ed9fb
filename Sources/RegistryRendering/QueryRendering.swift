import RegistryCore

/// How much of each fact a table's notes give.
package enum EvidenceDetail: String, CaseIterable, Sendable {
    /// One short line per fact: what it says, its source, its flags.
    case short
    /// Every detail and the whole source, as Markdown, JSON and receipts give them.
    case full
}

/// Renders query results in each output format.
package struct QueryRendering {
    package let answer: QueryAnswer
    /// The table's notes (Markdown, JSON, NDJSON and CSV always give everything).
    package var evidence: EvidenceDetail
    package init(answer: QueryAnswer, evidence: EvidenceDetail = .full) {
        self.answer = answer
        self.evidence = evidence
    }
    package var criteria: OfferCriteria { answer.criteria }
    package var matches: [OfferMatch] { answer.matches }

    package func render(_ format: OutputFormat) -> String {
        switch format {
        case .json, .ndjson, .csv:
            var output = ""
            var stream = QueryStream(format) { output += $0 }
            // Writing to a string cannot fail.
            try? stream.begin(criteria, count: matches.count)
            try? stream.receive(matches)
            try? stream.end(excluded: answer.excluded)
            return output
        case .table: return table
        case .markdown: return markdown
        }
    }

    /// The JSON document as a tree: what `QueryStream` writes in parts, built independently (the tests' check of
    /// the streamed bytes).
    package var json: JSON {
        var members: [(String, JSON)] = [
            ("criteria", .criteria(criteria)), ("validOn", .string(criteria.validOn.description)),
            ("count", .int(matches.count)), ("results", .array(matches.map(JSON.match))),
        ]
        if criteria.whyNot { members.append(("excluded", .array(answer.excluded.map(JSON.exclusion)))) }
        return .object(members)
    }

    /// The criteria as the flags that express them, for headings.
    package var criteriaFlags: String { criteria.flags.isEmpty ? "no criteria" : criteria.flags.joined(separator: " ") }

    private var heading: String {
        let noun = matches.count == 1 ? "offer matches" : "offers match"
        let profile = criteria.profile.map { "profile \($0) (" } ?? ""
        return
            "\(matches.count) \(noun) \(profile)\(criteriaFlags)\(profile.isEmpty ? "" : ")") on \(criteria.validOn)."
    }

    /// "Excluded" lines: each offer left out and the first criterion it fails.
    private var exclusionLines: [String] {
        guard criteria.whyNot else { return [] }
        return ["", "Excluded (\(answer.excluded.count)):"]
            + answer.excluded.map { exclusion in
                let verb = exclusion.result == .unknown ? "cannot be shown to meet" : "fails"
                return "  \(exclusion.offer.id) \(verb) \(exclusion.failed.criterion): \(exclusion.failed.explanation)"
            }
    }

    // MARK: - Table and Markdown: one line per offer, evidence as numbered notes

    /// The notes, numbered once per text: a listing that covers five offers is one note.
    private struct Notes {
        var lines: [String] = []
        private var numbers: [String: Int] = [:]

        mutating func add(_ text: String) -> String {
            if let number = numbers[text] { return "[\(number)]" }
            lines.append(text)
            numbers[text] = lines.count
            return "[\(lines.count)]"
        }
    }

    private func summaryRows(_ notes: inout Notes, _ detail: EvidenceDetail) -> [[String]] {
        matches.map { match in
            let evidence = match.evidence.map { item in
                let a = item.attestation
                let words = [a.schemeId, a.version, Describe.status(a)].compactMap { $0 }.joined(separator: " ")
                let note = detail == .full ? Describe.evidence(item) : ShortNote.evidence(item)
                return "\(words) \(notes.add(note))"
            }
            let catalogues = match.catalogues.map {
                "\($0.listing.catalogueId) \(notes.add(detail == .full ? Describe.listing($0) : ShortNote.listing($0)))"
            }
            return [
                match.provider.name, match.offer.id, Describe.models(match.offer),
                evidence.isEmpty ? "-" : evidence.joined(separator: "; "), Describe.places(match.hosting),
                catalogues.isEmpty ? "-" : catalogues.joined(separator: "; "),
            ]
        }
    }

    private static let columns = ["PROVIDER", "OFFER", "MODEL", "EVIDENCE", "HOSTED IN", "CATALOGUES"]

    private var table: String {
        guard !matches.isEmpty else {
            return terminalSafe(heading) + emptyHint + "\n" + exclusionLines.map { terminalSafe($0) + "\n" }.joined()
        }
        var notes = Notes()
        var table = TextTable()
        table.headers = Self.columns
        for row in summaryRows(&notes, evidence) { table.append(row) }
        var noteLines = notes.lines.enumerated().map { "[\($0.offset + 1)] " + terminalSafe($0.element) }
        if evidence == .short && !noteLines.isEmpty {
            noteLines.append("(Short notes: --evidence full gives each fact whole, with its source.)")
        }
        let flagLines = matches.flatMap { match in match.flags.map { "\(match.offer.id): \($0)" } }
            .map { "! " + terminalSafe($0) }
        return terminalSafe(heading) + "\n\n" + table.rendered + "\n" + (noteLines + flagLines).joined(separator: "\n")
            + "\n"
            + exclusionLines.map { terminalSafe($0) + "\n" }.joined()
    }

    private var markdown: String {
        guard !matches.isEmpty else {
            return markdownCell(heading) + emptyHint + "\n" + exclusionLines.map(markdownCell).joined(separator: "\n")
                + "\n"
        }
        var notes = Notes()
        let rows = summaryRows(&notes, .full)
        var lines = [
            markdownCell(heading), "", "| " + Self.columns.joined(separator: " | ") + " |",
            "|" + String(repeating: " --- |", count: Self.columns.count),
        ]
        lines += rows.map { "| " + $0.map(markdownCell).joined(separator: " | ") + " |" }
        lines.append("")
        lines += notes.lines.enumerated().map { "\($0.offset + 1). " + markdownCell($0.element) }
        lines += matches.flatMap { match in match.flags.map { "- **\(match.offer.id)**: " + markdownCell($0.english) } }
        lines += exclusionLines.map(markdownCell)
        return lines.joined(separator: "\n") + "\n"
    }

    private var emptyHint: String {
        var hints: [String] = []
        if !criteria.includeInProgress && !criteria.requiredSchemes.isEmpty {
            hints.append("--include-in-progress counts attestations still under evaluation")
        }
        if !criteria.includeLeads { hints.append("--include-leads counts facts sourced only from research notes") }
        return hints.isEmpty ? "" : " (" + hints.joined(separator: "; ") + ".)"
    }

}

/// Plain-words descriptions of facts, shared by the text renderers.
package enum Describe {
    /// « paas+caas+iaas », « iaas », or « unknown ».
    package static func models(_ offer: OfferSummary) -> String {
        offer.serviceModels.isEmpty ? "unknown" : offer.serviceModels.map(\.rawValue).joined(separator: "+")
    }

    package static func evidence(_ item: Evidence) -> String {
        let a = item.attestation
        var parts = ["\(a.id): \(a.schemeId) \(a.version.map { "\($0) " } ?? "")\(status(a))"]
        parts += [reference(a)].compactMap { $0 }
        if let issuer = a.issuer { parts.append("issuer \(issuer)") }
        parts += [activities(item)].compactMap { $0 }
        if let issued = a.issuedOn { parts.append("issued \(issued)") }
        if let expires = a.expiresOn { parts.append("expires \(expires)") }
        parts += item.flags
        parts += item.supersedes.map { "supersedes \($0.superseded.id) (\($0.superseded.sourceKind.words))" }
        let citation =
            a.via == nil
            ? source(a.source, a.sourceKind, a.verifiedOn)
            : "Source: \(a.source) (official list's content, via a transcription)"
        return parts.joined(separator: "; ") + ". " + citation
    }

    /// « ANSSI decision 2023/2279 » or « certificate FR094504 », when recorded.
    package static func reference(_ a: Attestation) -> String? {
        if let decision = a.decision { return "ANSSI decision \(a.decisionYear.map { "\($0)/" } ?? "")\(decision)" }
        return a.certificateRef.map { "certificate \($0)" }
    }

    /// An HDS certificate's activities, « activities unknown » when none are recorded; nil for other schemes.
    package static func activities(_ item: Evidence) -> String? {
        guard item.attestation.schemeId == "hds" else { return nil }
        return item.activities.isEmpty
            ? "activities unknown" : "activities " + item.activities.map(String.init).joined(separator: ", ")
    }

    package static func status(_ a: Attestation) -> String {
        var text = a.status.rawValue.replacingOccurrences(of: "_", with: " ")
        if let milestone = a.milestone { text += " (\(milestone.rawValue))" }
        if let since = a.statusSince { text += " since \(since)" }
        return text
    }

    package static func listing(_ item: CatalogueListing) -> String {
        let l = item.listing
        var parts = ["\(l.id): \(l.catalogueId), \(l.market)"]
        if let reference = l.reference { parts.append("reference \(reference)") }
        if let intermediary = l.intermediary { parts.append("through \(intermediary)") }
        if let lot = l.lot { parts.append("lot \(lot)") }
        if let from = l.validFrom { parts.append("from \(from)") }
        if let until = l.validUntil { parts.append("until \(until)") }
        parts += item.flags
        return parts.joined(separator: "; ") + ". " + source(l.source, l.sourceKind, l.verifiedOn)
    }

    package static func source(_ source: String, _ kind: SourceKind, _ verifiedOn: Day?) -> String {
        "Source: " + citation(source, kind, verifiedOn)
    }

    /// "<source> (<kind>; verified <day>)".
    package static func citation(_ source: String, _ kind: SourceKind, _ verifiedOn: Day?) -> String {
        let verified = verifiedOn.map { "verified \($0)" } ?? "not verified against an official list"
        return "\(source) (\(kind.rawValue.replacingOccurrences(of: "-", with: " ")); \(verified))"
    }

    /// The countries of an offer's sites, or "unknown".
    package static func places(_ hosting: [Hosting]) -> String {
        guard !hosting.isEmpty else { return "unknown" }
        var countries = Set(hosting.compactMap(\.site.country)).sorted()
        if hosting.contains(where: { $0.site.country == nil }) { countries.append("?") }
        return countries.joined(separator: " ")
    }
}
