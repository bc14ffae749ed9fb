import Foundation
import Testing

@testable import RegistryCore

/// Official lists' status cells are read as whole phrases: a negation or an ended status is never read as
/// granted, and a phrase outside the table is refused.
@Suite struct StatusPhraseTests {
    typealias Meaning = (status: AttestationStatus, milestone: Milestone?)

    @Test(
        arguments: [
            ("Qualifié", AttestationStatus.qualified, nil),
            ("qualifiée", .qualified, nil),
            ("QUALIFIED", .qualified, nil),
            ("Non qualifié", .withdrawn, nil),
            ("non-qualifiée", .withdrawn, nil),
            ("Qualification en cours", .inProgress, nil),
            ("Qualification en cours (J1)", .inProgress, .j1),
            ("En cours (J2)", .inProgress, .j2),
            ("J0", .inProgress, .j0),
            ("j3", .inProgress, .j3),
            ("Suspendu", .suspended, nil),
            ("Qualification suspendue", .suspended, nil),
            ("Retiré", .withdrawn, nil),
            ("Qualification retirée", .withdrawn, nil),
            ("Retiré (anciennement J2)", .withdrawn, nil),
            ("Expiré", .expired, nil),
            ("expirée", .expired, nil),
        ] as [(String, AttestationStatus, Milestone?)])
    func aSecNumCloudPhraseMeansWhatItSays(text: String, status: AttestationStatus, milestone: Milestone?) throws {
        let phrase = try #require(StatusPhrase.secNumCloud.read(text), "« \(text) » is refused")
        #expect(phrase.status == status)
        #expect(phrase.milestone == milestone)
    }

    @Test(
        arguments: [
            ("Certifié", AttestationStatus.certified),
            ("certifiée", .certified),
            ("Non certifié", .withdrawn),
            ("En cours de certification", .inProgress),
            ("Certification en cours", .inProgress),
            ("Suspendu", .suspended),
            ("Certificat suspendu", .suspended),
            ("Retiré", .withdrawn),
            ("Expiré", .expired),
        ] as [(String, AttestationStatus)])
    func anHDSPhraseMeansWhatItSays(text: String, status: AttestationStatus) throws {
        let phrase = try #require(StatusPhrase.hds.read(text), "« \(text) » is refused")
        #expect(phrase.status == status)
        #expect(phrase.milestone == nil)
    }

    @Test func aFormerMilestoneIsKeptInTheNote() throws {
        let phrase = try #require(StatusPhrase.secNumCloud.read("Retiré (anciennement J2)"))
        #expect(phrase.note == "formerly at milestone J2")
        #expect(StatusPhrase.secNumCloud.read("Non qualifié")?.note == "the list says « not qualified »")
    }

    @Test(arguments: [
        "peut-être", "qualifié sous réserve", "qualifié (anciennement J2)", "en cours qualifié", "Qualifié, retiré",
        "J4", "qualification", "non", "oui", "certifié", "ok", "qualifié depuis 2024",
    ])
    func aPhraseOutsideTheSecNumCloudTableIsRefused(text: String) {
        #expect(StatusPhrase.secNumCloud.read(text) == nil, "« \(text) » was read")
    }

    /// A footnote or doubt mark is not punctuation to fold away: the phrase is refused, never a plain grant.
    @Test(arguments: [
        "Qualifié*", "Qualifié †", "Qualifié (*)", "Qualifié ?", "Qualifié¹", "qualifié ‡", "Qualifié (1)",
        "Certifié*", "Certifié **", "certifié #", "Qualifié !", "J1*",
    ])
    func aPhraseWithAMarkIsRefusedInBothTables(text: String) {
        #expect(StatusPhrase.secNumCloud.read(text) == nil, "« \(text) » was read")
        #expect(StatusPhrase.hds.read(text) == nil, "« \(text) » was read")
        var errors: [InputProblem] = []
        _ = Cell.status(text, StatusPhrase.secNumCloud, column: "status", line: 2, into: &errors)
        #expect(errors.first?.message.contains("read the list's note") == true || !StatusPhrase.hasMark(text))
    }

    @Test(arguments: ["qualifié", "J1", "certifié sous réserve", "non", "en cours (J1)"])
    func aPhraseOutsideTheHDSTableIsRefused(text: String) {
        #expect(StatusPhrase.hds.read(text) == nil, "« \(text) » was read")
    }

    /// Phrases built at random from the words lists use: whatever the combination, one that holds a
    /// negation or an ended or pending status is never read as granted.
    @Test(arguments: ["secnumcloud", "hds"])
    func noPhraseWithANegationOrAnEndIsEverReadAsGranted(list: String) {
        let vocabulary = list == "hds" ? StatusPhrase.hds : StatusPhrase.secNumCloud
        let words = [
            "qualifié", "Qualifiée", "certifié", "certifiée", "qualified", "certified", "non", "pas", "ne", "not",
            "retiré", "retirée", "suspendu", "Suspendue", "expiré", "expirée", "en", "cours", "en cours",
            "qualification", "certification", "certificat", "J0", "J1", "J2", "J3", "anciennement", "de", "la",
            "in progress", "withdrawn", "suspended", "expired", "(", ")", "-", ",", "!", "NON",
        ]
        var random = SplitMix64(seed: list == "hds" ? 7 : 11)
        var granted = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 4) + 1
            let phrase = (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }
                .joined(separator: random.next() % 2 == 0 ? " " : "")
            let folded = SearchText.words(phrase)
            let tokens = Set(folded.split(separator: " ").map(String.init))
            let negated = !tokens.isDisjoint(with: ["non", "pas", "ne", "not"])
            let ended = ["retir", "suspend", "expir", "en cours", "in progress", "withdrawn"].contains {
                folded.contains($0)
            }
            guard let meaning = vocabulary.read(phrase) else { continue }
            if meaning.status.isGranted { granted += 1 }
            #expect(!(meaning.status.isGranted && (negated || ended)), "« \(phrase) » read as \(meaning.status)")
        }
        #expect(granted > 0, "the generator reaches the granted phrases too")
    }

    /// docs/import-formats.md prints the table: each documented phrase means what the page says, and every
    /// phrase the reader accepts, milestones aside, is documented.
    @Test(arguments: ["secnumcloud", "hds"])
    func theDocumentedTableIsTheOneTheReaderUses(list: String) throws {
        let vocabulary = list == "hds" ? StatusPhrase.hds : StatusPhrase.secNumCloud
        let page = try String(
            contentsOf: EmbeddedFilesTests.root.appendingPathComponent("docs/import-formats.md"), encoding: .utf8)
        let marker = "<!-- status phrases: \(list) -->"
        let section = try #require(page.components(separatedBy: marker).dropFirst().first)
        let rows =
            section.components(separatedBy: "\n\n").first?.split(separator: "\n")
            .filter { $0.hasPrefix("| «") } ?? []
        var documented = Set<String>()
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let status = try #require(AttestationStatus(rawValue: cells[1].trimmingCharacters(in: ["`"])))
            for phrase in cells[0].components(separatedBy: "»").compactMap({ $0.components(separatedBy: "«").last })
            where !phrase.trimmingCharacters(in: .whitespaces).isEmpty {
                #expect(vocabulary.read(phrase)?.status == status, "« \(phrase) » is documented as \(status)")
                documented.insert(SearchText.words(phrase))
            }
        }
        let plain = Set(vocabulary.phrases.map(\.phrase).filter { !$0.contains(" j") && !$0.hasPrefix("j") })
        #expect(plain == documented)
    }
}

/// A small seeded generator: the same phrases on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
