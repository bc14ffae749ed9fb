import Foundation
import RegistryCore

/// A table's notes in one short line each: what the fact says, where it comes from, and its notices in brief
/// (`--evidence full` and every other format give them whole).
package enum ShortNote {
    package static func evidence(_ item: Evidence) -> String {
        let a = item.attestation
        var facts = [Describe.reference(a), Describe.activities(item)].compactMap { $0 }
        if let expires = a.expiresOn { facts.append("expires \(expires)") }
        var flags = item.notices.map(\.brief)
        if !item.supersedes.isEmpty {
            flags.append("outranks \(item.supersedes.count) other fact\(item.supersedes.count == 1 ? "" : "s")")
        }
        let kind = a.via == nil ? kind(a.sourceKind, a.verifiedOn) : "official list's content, via a transcription"
        return line(a.id, facts, source: "\(label(a.source)) (\(kind))", flags: flags)
    }

    package static func listing(_ item: CatalogueListing) -> String {
        let l = item.listing
        var facts: [String] = []
        if let reference = l.reference { facts.append("reference \(reference)") }
        if let intermediary = l.intermediary { facts.append("through \(intermediary)") }
        if let until = l.validUntil { facts.append("until \(until)") }
        return line(
            l.id, facts, source: "\(label(l.source)) (\(kind(l.sourceKind, l.verifiedOn)))",
            flags: item.notices.map(\.brief)
        )
    }

    private static func line(_ id: String, _ facts: [String], source: String, flags: [String]) -> String {
        "\(id)" + (facts.isEmpty ? "" : ": " + facts.joined(separator: ", ")) + " — " + source
            + (flags.isEmpty ? "" : " — " + flags.joined(separator: "; "))
    }

    /// A source by its site, or its first words.
    package static func label(_ source: String) -> String {
        if let url = sourceURL(source), let host = URL(string: url)?.host { return host }
        let words = source.split(separator: " ")
        var label = ""
        for word in words {
            guard label.count + word.count < 40 else { return label + "…" }
            label += (label.isEmpty ? "" : " ") + word
        }
        return label
    }

    private static func kind(_ kind: SourceKind, _ verifiedOn: Day?) -> String {
        let words = kind.rawValue.replacingOccurrences(of: "-", with: " ")
        return kind == .officialList ? "\(words), " + (verifiedOn.map { "verified \($0)" } ?? "not verified") : words
    }
}
