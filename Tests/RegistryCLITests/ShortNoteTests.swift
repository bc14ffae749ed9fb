import Foundation
import RegistryRendering
import Testing

@testable import RegistryCore

/// A table's notes are one short line per fact by default: what it says, its source, its flags by their
/// first words; `--evidence full` and every other format give each fact whole.
@Suite struct ShortNoteTests {
    static let day = Day(year: 2026, month: 11, day: 29)!

    func seededAnswers() throws -> [QueryAnswer] {
        let registry = try Registry.inMemory(clock: .pinned(to: Self.day))
        try registry.loadSeeds()
        var all = OfferCriteria(validOn: Self.day)
        var both = all
        both.secnumcloud = true
        both.hds = true
        var inProgress = all
        inProgress.secnumcloud = true
        inProgress.includeInProgress = true
        var ugap = all
        ugap.catalogues = ["ugap"]
        return try [both, inProgress, ugap].map(registry.answer)
    }

    func noteLines(_ table: String) -> [String] {
        table.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[") }
    }

    @Test func eachFactIsOneShortLineWithItsSourceAndFlags() throws {
        for answer in try seededAnswers() {
            let table = QueryRendering(answer: answer, evidence: .short).render(.table)
            let notes = noteLines(table)
            #expect(Set(notes.map { $0.drop { $0 != " " } }).count == notes.count, "a fact is one note")
            #expect(!notes.contains { $0.contains("Source: ") }, "the long form stays behind --evidence full")
            for item in answer.matches.flatMap(\.evidence) {
                let a = item.attestation
                let note = notes.first { $0.contains("] \(a.id):") || $0.contains("] \(a.id) —") }
                #expect(note != nil, "\(a.id) has a note")
                guard let note else { continue }
                #expect(note.contains(ShortNote.label(a.source)))
                for notice in item.notices { #expect(note.contains(notice.brief), "\(a.id): \(notice)") }
                if let expires = a.expiresOn { #expect(note.contains("expires \(expires)")) }
                #expect(note.count < Describe.evidence(item).count, "shorter than the whole fact")
            }
            for listing in answer.matches.flatMap(\.catalogues) {
                #expect(notes.contains { $0.contains("] \(listing.listing.id)") })
            }
            #expect(table.contains("--evidence full"), "the table says where the rest is")
        }
    }

    @Test func fullNotesAndOtherFormatsGiveEachFactWhole() throws {
        for answer in try seededAnswers() {
            let full = QueryRendering(answer: answer, evidence: .full)
            let short = QueryRendering(answer: answer, evidence: .short)
            for item in answer.matches.flatMap(\.evidence) {
                #expect(full.render(.table).contains(terminalSafe(Describe.evidence(item))))
            }
            for format in [OutputFormat.markdown, .json, .ndjson, .csv] {
                #expect(short.render(format) == full.render(format), "\(format) ignores --evidence")
            }
        }
    }

    @Test(arguments: [
        (
            Notice.transcription("two research notes"),
            "taken from a transcription, not checked against the document itself"
        ),
        (.referentialUnknown, "referential version unknown"),
        (
            .conflict(with: "numspot/secnumcloud", kind: .press, differences: ["status"]),
            "conflict: numspot/secnumcloud (press) differs on status"
        ),
        (.expiryUnknown, "expiry unknown"),
        (.notGrantedYet, "not granted yet"),
    ])
    func aNoticeInBriefKeepsItsFirstWords(notice: Notice, short: String) {
        #expect(notice.brief == short)
        #expect(notice.english.hasPrefix(short), "the brief is the start of the whole")
    }

    @Test func aSourceIsItsSiteOrItsFirstWords() {
        #expect(ShortNote.label("https://esante.gouv.fr/offres — ANS, liste des hébergeurs") == "esante.gouv.fr")
        let title = "ZDNet data on the UGAP cloud market (UGAP CEO's Senate hearing), mirrored at a blog"
        let label = ShortNote.label(title)
        #expect(label.hasSuffix("…") && label.count <= 41 && title.hasPrefix(label.dropLast()))
        #expect(ShortNote.label("ANS directory") == "ANS directory")
    }
}
