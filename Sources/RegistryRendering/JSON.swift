import Foundation
import RegistryCore

/// A JSON value with ordered keys, so that output documents keep the shape the README documents,
/// with explicit nulls for unknown values.
package enum JSON: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    package static func == (lhs: JSON, rhs: JSON) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty-printed with two-space indentation, or on one line (for ndjson) when `pretty` is false; `indent`
    /// is the depth of the line the value starts on, for a value written inside a document written in parts.
    package func serialized(pretty: Bool = true, indent: String = "") -> String {
        var output = ""
        append(to: &output, pretty: pretty, indent: indent)
        return output
    }

    /// `serialized(pretty:indent:)` appended to `output`: a document written in parts grows one buffer.
    package func append(to output: inout String, pretty: Bool = true, indent: String = "") {
        // Written as bytes, then added to the text at once: a match is hundreds of small pieces, each of which
        // a string would append with its own checks (a fifth of a thousand-match answer).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(to: &bytes, pretty: pretty, indent: Array(indent.utf8))
        output += String(decoding: bytes, as: UTF8.self)
    }

    private func write(to output: inout [UInt8], pretty: Bool, indent: [UInt8]) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .int(let value): output += String(value).utf8
        case .double(let value):
            output += (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)).utf8
        case .string(let value): JSON.writeString(value, to: &output)
        case .array(let items):
            writeContainer(
                items, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), to: &output, pretty: pretty,
                indent: indent
            ) { item, output, inner in
                item.write(to: &output, pretty: pretty, indent: inner)
            }
        case .object(let members):
            writeContainer(
                members, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), to: &output, pretty: pretty,
                indent: indent
            ) { member, output, inner in
                JSON.writeString(member.0, to: &output)
                output += (pretty ? ": " : ":").utf8
                member.1.write(to: &output, pretty: pretty, indent: inner)
            }
        }
    }

    private func writeContainer<Item>(
        _ items: [Item], open: UInt8, close: UInt8, to output: inout [UInt8], pretty: Bool, indent: [UInt8],
        writeItem: (Item, inout [UInt8], [UInt8]) -> Void
    ) {
        output.append(open)
        guard !items.isEmpty else { return output.append(close) }
        let inner = indent + [UInt8(ascii: " "), UInt8(ascii: " ")]
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if pretty {
                output.append(UInt8(ascii: "\n"))
                output += inner
            }
            writeItem(item, &output, inner)
        }
        if pretty {
            output.append(UInt8(ascii: "\n"))
            output += indent
        }
        output.append(close)
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most text needs no escape: appended whole, not scalar by scalar (answers run to megabytes).
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else {
            output += value.utf8
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\"".utf8
            case "\\": output += "\\\\".utf8
            case "\n": output += "\\n".utf8
            case "\r": output += "\\r".utf8
            case "\t": output += "\\t".utf8
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                output += String(format: "\\u%04x", scalar.value).utf8
            default: output += String(scalar).utf8
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    package init(_ value: String?) { self = value.map(JSON.string) ?? .null }
    package init(_ value: Day?) { self = value.map { .string($0.description) } ?? .null }
    package init(_ value: Bool?) { self = value.map(JSON.bool) ?? .null }
    package init(_ value: Double?) { self = value.map(JSON.double) ?? .null }
    package init(_ value: Int?) { self = value.map(JSON.int) ?? .null }
    package init<T: RawRepresentable>(_ value: T?) where T.RawValue == String {
        self = value.map { .string($0.rawValue) } ?? .null
    }
    package init(_ values: [String]) { self = .array(values.map(JSON.string)) }
    package init(_ values: [Int]) { self = .array(values.map(JSON.int)) }
}

/// The URL a source text starts with, if it starts with one.
package func sourceURL(_ source: String) -> String? {
    guard let first = source.split(separator: " ").first, first.hasPrefix("https://") || first.hasPrefix("http://")
    else { return nil }
    return String(first.trimmingCharacters(in: CharacterSet(charactersIn: ";,")))
}

// MARK: - The shapes of the JSON output (documented in the README)

extension JSON {
    package static func provider(_ provider: ProviderSummary) -> JSON {
        .object([
            ("id", .string(provider.id)), ("name", .string(provider.name)), ("hqCountry", JSON(provider.hqCountry)),
        ])
    }

    package static func offer(_ offer: OfferSummary) -> JSON {
        .object([
            ("id", .string(offer.id)), ("name", .string(offer.name)), ("serviceModel", JSON(offer.serviceModel)),
            ("serviceModels", JSON(offer.serviceModels.map(\.rawValue))),
        ])
    }

    package static func source(_ source: String, _ kind: SourceKind, _ verifiedOn: Day?) -> [(String, JSON)] {
        [
            ("source", .string(source)), ("sourceUrl", JSON(sourceURL(source))), ("sourceKind", .string(kind.rawValue)),
            ("verifiedOn", JSON(verifiedOn)),
        ]
    }

    package static func evidence(_ evidence: Evidence) -> JSON {
        let a = evidence.attestation
        return .object(
            [
                ("attestationId", .string(a.id)), ("scheme", .string(a.schemeId)), ("version", JSON(a.version)),
                ("status", .string(a.status.rawValue)), ("milestone", JSON(a.milestone)),
                ("statusSince", JSON(a.statusSince)), ("scope", .string(a.scope.rawValue)),
                ("hdsPerimeter", JSON(a.hdsPerimeter)), ("activities", JSON(evidence.activities)),
                ("certificateRef", JSON(a.certificateRef)), ("decision", JSON(a.decision)),
                ("decisionYear", JSON(a.decisionYear)), ("decisionUrl", JSON(a.decisionUrl)),
                ("listedName", JSON(a.listedName)), ("edition", JSON(a.edition)), ("copySha256", JSON(a.copySha256)),
                ("page", JSON(a.page)), ("issuer", JSON(a.issuer)),
                ("issuedOn", JSON(a.issuedOn)), ("expiresOn", JSON(a.expiresOn)),
            ] + source(a.source, a.sourceKind, a.verifiedOn) + [
                ("via", JSON(a.via)), ("note", JSON(a.note)), ("flags", JSON(evidence.flags)),
                ("conflict", .bool(evidence.hasConflict)),
                ("supersedes", .array(evidence.supersedes.map { supersession($0.superseded, $0.differences) })),
                ("supersededBy", .array(evidence.supersededBy.map { supersession($0.winner, $0.differences) })),
            ])
    }

    /// The other fact of a precedence: which it is, what it says, and where the two disagree.
    package static func supersession(_ other: Attestation, _ differences: [String]) -> JSON {
        .object(
            [
                ("attestationId", .string(other.id)), ("status", .string(other.status.rawValue)),
                ("milestone", JSON(other.milestone)), ("version", JSON(other.version)),
                ("decision", JSON(other.decision)), ("issuedOn", JSON(other.issuedOn)),
                ("expiresOn", JSON(other.expiresOn)),
            ] + source(other.source, other.sourceKind, other.verifiedOn) + [("differences", JSON(differences))])
    }

    package static func hosting(_ hosting: Hosting) -> JSON {
        let site = hosting.site
        return .object(
            [
                ("siteId", .string(site.id)), ("code", .string(site.code)), ("name", JSON(site.name)),
                ("city", JSON(site.city)), ("country", JSON(site.country)), ("eu", JSON(hosting.eu)),
                ("eea", JSON(hosting.eea)), ("role", JSON(site.role?.rawValue)),
            ] + source(site.source, site.sourceKind, site.verifiedOn))
    }

    package static func listing(_ item: CatalogueListing) -> JSON {
        let l = item.listing
        return .object(
            [
                ("listingId", .string(l.id)), ("catalogue", .string(l.catalogueId)), ("market", .string(l.market)),
                ("reference", JSON(l.reference)), ("intermediary", JSON(l.intermediary)), ("lot", JSON(l.lot)),
                ("scope", .string(l.scope.rawValue)), ("validFrom", JSON(l.validFrom)),
                ("validUntil", JSON(l.validUntil)),
            ] + source(l.source, l.sourceKind, l.verifiedOn) + [("note", JSON(l.note)), ("flags", JSON(item.flags))])
    }

    package static func match(_ match: OfferMatch) -> JSON {
        .object([
            ("provider", provider(match.provider)), ("offer", offer(match.offer)),
            ("evidence", .array(match.evidence.map(evidence))), ("hosting", .array(match.hosting.map(hosting))),
            ("catalogues", .array(match.catalogues.map(listing))), ("flags", JSON(match.flags.map(\.english))),
        ])
    }

    package static func cited(_ fact: CitedFact) -> JSON {
        .object(
            [("kind", .string(fact.kind)), ("id", .string(fact.id)), ("text", .string(fact.text.english))]
                + source(fact.source, fact.sourceKind, fact.verifiedOn))
    }

    package static func exclusion(_ exclusion: Exclusion) -> JSON {
        .object([
            ("provider", provider(exclusion.provider)), ("offer", offer(exclusion.offer)),
            (
                "failed",
                .object([
                    ("criterion", .string(exclusion.failed.criterion)), ("result", .string(exclusion.result.rawValue)),
                    ("explanation", .string(exclusion.failed.explanation.english)),
                    ("evidence", .array(exclusion.failed.evidence.map(cited))),
                ])
            ),
        ])
    }

    package static func criteria(_ criteria: OfferCriteria) -> JSON {
        .object(
            OfferCriteria.Key.allCases.map { key in
                let value: JSON =
                    switch key {
                    case .secnumcloud: .bool(criteria.secnumcloud)
                    case .hds: .bool(criteria.hds)
                    case .hdsActivities: JSON(criteria.hdsActivities)
                    case .certifications: JSON(criteria.schemes)
                    case .catalogues: JSON(criteria.catalogues)
                    case .hostedIn: JSON(criteria.hostedIn)
                    case .serviceModels: JSON(criteria.serviceModels.map(\.rawValue))
                    case .provider: JSON(criteria.providerId)
                    case .search: JSON(criteria.search)
                    case .includeInProgress: .bool(criteria.includeInProgress)
                    case .includeLeads: .bool(criteria.includeLeads)
                    case .euHq: .bool(criteria.euHQ)
                    case .immune: .bool(criteria.immune)
                    case .sovereign: .bool(criteria.sovereign)
                    case .includeUnknown: .bool(criteria.includeUnknown)
                    case .profile: JSON(criteria.profile)
                    case .sealMin: criteria.sealMin.map { .int($0) } ?? .null
                    }
                return (key.rawValue, value)
            })
    }
}
