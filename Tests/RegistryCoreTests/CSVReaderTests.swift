import Foundation
import Testing

@testable import RegistryCore

@Suite struct CSVReaderTests {
    /// Reads every record of `bytes` through a real file handle.
    static func read(_ bytes: [UInt8]) throws -> (records: [CSVRecord], reader: CSVReader) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = CSVReader(handle: try FileHandle(forReadingFrom: url))
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return (records, reader)
    }

    static func read(_ text: String) throws -> [[String]] {
        try read(Array(text.utf8)).records.map(\.fields)
    }

    @Test(arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a;b\r\n1;2\r\n", [["a", "b"], ["1", "2"]]),
        ("a\tb\n1\t2", [["a", "b"], ["1", "2"]]),
        ("a;b,c\n1;2,3\n", [["a", "b,c"], ["1", "2,3"]]),  // more ; than , on the header
        ("a,b\r1,2\r", [["a", "b"], ["1", "2"]]),  // old Mac line ends
        ("a,b\n\n1,2\n\n", [["a", "b"], ["1", "2"]]),  // blank lines skipped
        ("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", [["a", "b"], ["x, y", "say \"hi\""]]),
        ("a,b\n\"line 1\nline 2\",z\n", [["a", "b"], ["line 1\nline 2", "z"]]),
        ("a,b\n1,\n", [["a", "b"], ["1", ""]]),
        ("\u{FEFF}a,b\n1,2\n", [["a", "b"], ["1", "2"]]),  // UTF-8 BOM
    ])
    func realWorldShapesAreRead(text: String, expected: [[String]]) throws {
        #expect(try Self.read(text) == expected)
    }

    @Test func lineNumbersCountLinesInsideQuotedFields() throws {
        let (records, _) = try Self.read(Array("a,b\n\"1\n2\",x\n3,y\n".utf8))
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func windows1252BytesAreDecodedAndReported() throws {
        // "Société;Numéro" in Windows-1252, then "Œuvre€" (0x8C, 0x80).
        var bytes: [UInt8] = Array("Soci".utf8)
        bytes += [0xE9, 0x74, 0xE9, 0x3B]
        bytes += Array("Num".utf8)
        bytes += [0xE9, 0x72, 0x6F, 0x0A, 0x8C]
        bytes += Array("uvre".utf8)
        bytes += [0x80, 0x3B, 0x31, 0x0A]
        let (records, reader) = try Self.read(bytes)
        #expect(records.map(\.fields) == [["Société", "Numéro"], ["Œuvre€", "1"]])
        #expect(reader.usedWindows1252)
    }

    @Test func utf8IsNotReportedAsWindows1252() throws {
        let (records, reader) = try Self.read(Array("Société;Numéro\nÉtat;1\n".utf8))
        #expect(records.count == 2)
        #expect(!reader.usedWindows1252)
    }

    static let hostile: [(bytes: [UInt8], line: Int, message: String)] = [
        (Array("a,b\n\"never closed,2\n".utf8), 2, "never ends"),
        ([0xFF, 0xFE, 0x61], 1, "UTF-16"),
        (Array("a,b\n1".utf8) + [0, 0x2C, 0x32, 0x0A], 2, "NUL byte"),
        ([0x61, 0x0A] + [UInt8](repeating: 0x78, count: 70_000) + [0x0A], 2, "longer than 65536 bytes"),
        ([0x61, 0x0A] + [UInt8](repeating: 0x2C, count: 5_000) + [0x0A], 2, "more than 1000 fields"),
    ]

    @Test(arguments: 0..<5)
    func structuralProblemsStopTheReadWithTheirLine(index: Int) throws {
        let (bytes, line, message) = Self.hostile[index]
        let error = #expect(throws: CSVError.self) { try Self.read(bytes) }
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true)
    }

    @Test func largeFilesStreamAcrossChunks() throws {
        var text = "provider;offer\n"
        for index in 0..<20_000 { text += "p\(index);\"offer \(index); quoted\"\n" }
        let (records, _) = try Self.read(Array(text.utf8))
        #expect(records.count == 20_001)
        #expect(records.last?.fields == ["p19999", "offer 19999; quoted"])
        #expect(records.last?.line == 20_001)
    }
}
