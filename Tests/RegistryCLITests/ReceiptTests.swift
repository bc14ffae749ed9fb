import Foundation
import Testing

@testable import RegistryCLI
@testable import RegistryCore

/// Query receipts: written with the answer, verified later, refused once modified.
@Suite struct ReceiptTests {
    @Test func aReceiptIsIntactUntilAnyByteChanges() throws {
        let registry = try Registry.inMemory(clock: .pinned(to: Day(year: 2026, month: 11, day: 29)!))
        try registry.loadSeeds()
        var criteria = OfferCriteria(validOn: Day(year: 2026, month: 11, day: 29)!)
        criteria.secnumcloud = true
        let answer = try registry.answer(criteria)
        let text = Receipt.make(
            answer: answer, moment: try #require(Moment(parsing: "2026-11-29T10:00Z")),
            status: try registry.status(on: criteria.validOn))
        #expect(Receipt.intact(text))
        #expect(!Receipt.intact(text.replacingOccurrences(of: "s3ns/premi3ns", with: "s3ns/premi3nz")))
        let count = "\"count\": \(answer.matches.count)"
        #expect(text.contains(count))
        #expect(!Receipt.intact(text.replacingOccurrences(of: count, with: "\"count\": 99")))
        #expect(!Receipt.intact(String(text.dropLast(5))))
    }

    @Test func theQuestionIsWrittenInPlainFrench() {
        var criteria = OfferCriteria(validOn: Day(year: 2026, month: 3, day: 1)!)
        criteria.hdsActivities = [1, 5]
        criteria.hostedIn = "EEA"
        criteria.profile = "health"
        #expect(
            Receipt.question(criteria)
                == "Quelles offres d'informatique en nuage sont certifiées HDS pour les activités 1, 5, hébergeant les données dans l'Espace économique européen au 01/03/2026, selon le profil « health » ?"
        )
    }
}

extension EndToEndTests {
    @Test func aReceiptVerifiesAndAModifiedOneDoesNot() throws {
        let path = runner.folder.appendingPathComponent("receipt.json").path
        let query = try runner.run(["query", "--secnumcloud", "--receipt", path, "--format", "json"])
        #expect(query.status == 0)
        #expect(query.stderr.contains("receipt written to \(path)"))
        let verified = try runner.run(["verify-receipt", path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("checksum: intact"))
        #expect(verified.stdout.contains("the same"))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"qualified\"", with: "\"certified\"").utf8)
            .write(to: URL(fileURLWithPath: path))
        let tampered = try runner.run(["verify-receipt", path])
        #expect(tampered.status == 65)
        #expect(tampered.stdout.contains("checksum: MISMATCH"))
    }
}
