import Foundation
import GRDB
import Testing

@testable import RegistryCore

@Suite struct ValueTests {
    @Test(arguments: [
        ("2026-11-29", "2026-11-29"), ("29/11/2026", "2026-11-29"), ("1/2/2024", "2024-02-01"),
        ("2024-02-29", "2024-02-29"), (" 2026-01-01 ", "2026-01-01"),
    ])
    func daysParseFromISOAndFrenchForms(text: String, expected: String) {
        #expect(Day(parsing: text)?.description == expected)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "", "yesterday", "２０２６-01-01",
    ])
    func impossibleOrMalformedDaysAreRejected(text: String) {
        #expect(Day(parsing: text) == nil)
    }

    /// The stored form is read from its bytes; on any text the database could hold, it reads what the parser
    /// reads (or leaves it to the parser), never another day.
    @Test func aStoredDayReadsAsTheParserReadsIt() {
        var texts = [
            "2026-11-29", "2024-02-29", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31",
            "2026-1-011", "2026-11-2x", "+026-11-29", " 2026-11-2", "２０２６-01-01", "29/11/2026", "",
        ]
        var random = SplitMix64(seed: 10)
        for _ in 0..<2_000 {
            texts.append(String((0..<10).map { _ in Array("0123456789-/ x")[Int(random.next() % 14)] }))
        }
        for text in texts {
            #expect(Day(stored: text).map { $0 == Day(parsing: text) } ?? true, "\(text)")
            #expect((Day.fromDatabaseValue(text.databaseValue)) == Day(parsing: text), "\(text)")
        }
    }

    @Test func daysCountAcrossMonthsAndLeapYears() {
        #expect(Fixture.day("2024-02-28").days(until: Fixture.day("2024-03-01")) == 2)
        #expect(Fixture.day("2026-11-29").days(until: Fixture.day("2026-11-22")) == -7)
    }

    @Test(arguments: [("432735082", true), ("432735083", false), ("12345678", false), ("43273508A", false)])
    func sirenNumbersCarryALuhnCheckDigit(siren: String, valid: Bool) {
        #expect(SIREN.isValid(siren) == valid)
    }

    @Test func asciiTextFoldsAsFoundationFoldsIt() {
        let ascii = String((0x09...0x7E).map { Character(Unicode.Scalar(UInt8($0))) })
        for text in [ascii, "Hosted Private Cloud - SNC", "  A\tB  C "] {
            let foundation = text.folding(
                options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil
            ).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(SearchText.fold(text) == foundation)
        }
    }

    @Test func daysPrintWithFourDigitYearsAndTwoDigitMonthsAndDays() {
        #expect(Fixture.day("0999-01-05").description == "0999-01-05")
        #expect(Fixture.day("2026-11-29").description == "2026-11-29")
    }

    @Test(arguments: [("3DS Outscale", "3ds outscale"), ("Dassault  Systèmes", "dassault systemes"), ("ÉTAT", "etat")])
    func searchFoldsCaseDiacriticsAndSpaces(text: String, folded: String) {
        #expect(SearchText.fold(text) == folded)
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(text: String, digest: String) {
        #expect(Fingerprint.sha256(Array(text.utf8)) == digest)
    }

    @Test func feedingInPiecesGivesTheSameDigest() {
        let bytes = (0..<1_000).map { UInt8($0 % 251) }
        var pieces = Fingerprint()
        for start in stride(from: 0, to: bytes.count, by: 37) {
            pieces.update(bytes[start..<min(start + 37, bytes.count)])
        }
        #expect(Fingerprint.sha256(bytes) == pieces.hex())
    }
}
