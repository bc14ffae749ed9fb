import Foundation

/// A record of a CSV file: its fields and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line number where the record starts (a quoted field may span several lines).
    public var line: Int
    public var fields: [String]
}

/// A structural problem that makes the rest of the file unreadable.
public struct CSVError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}

/// Reads CSV as real files come: UTF-8 with or without a BOM, or Windows-1252 from spreadsheet exports;
/// `,`, `;` or tab separators detected from the header line; CRLF, LF or CR line ends; quoted fields with
/// separators, doubled quotes and line breaks inside. It streams: memory holds one chunk and one record.
public struct CSVReader {
    /// The largest field accepted, in bytes (`REGISTRY_MAX_FIELD_BYTES` on the command line).
    public static let defaultMaxFieldBytes = 65_536
    /// The most fields accepted on one record.
    public static let maxFields = 1_000

    private let maxFieldBytes: Int

    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    /// The separator found on the header line.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")
    /// Whether some bytes were not UTF-8 and were read as Windows-1252.
    public private(set) var usedWindows1252 = false
    /// The bytes read so far (for progress).
    public private(set) var bytesRead = 0

    public init(handle: FileHandle, maxFieldBytes: Int = CSVReader.defaultMaxFieldBytes) {
        self.handle = handle
        self.maxFieldBytes = maxFieldBytes
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        if !started { try start() }
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    // MARK: - Bytes

    private mutating func refill() -> Bool {
        guard !atEnd else { return false }
        let data = (try? handle.read(upToCount: 1 << 16)) ?? nil
        guard let data, !data.isEmpty else {
            atEnd = true
            return false
        }
        if position < chunk.count {
            chunk = Array(chunk[position...]) + data
        } else {
            chunk = Array(data)
        }
        position = 0
        bytesRead += data.count
        return true
    }

    private mutating func nextByte() -> UInt8? {
        if position >= chunk.count && !refill() { return nil }
        defer { position += 1 }
        return chunk[position]
    }

    private mutating func peekByte() -> UInt8? {
        if position >= chunk.count && !refill() { return nil }
        return chunk[position]
    }

    /// Skips a UTF-8 BOM, refuses UTF-16, and picks the separator from the header line.
    private mutating func start() throws(CSVError) {
        started = true
        while chunk.count - position < 4 && refill() {}
        let head = Array(chunk[position..<min(chunk.count, position + 3)])
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw CSVError(line: 1, message: "the file is UTF-16; save it as CSV UTF-8 (or Windows-1252) and retry")
        }
        if head == [0xEF, 0xBB, 0xBF] { position += 3 }
        // Count candidate separators outside quotes on the header line.
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var index = position
        var inQuotes = false
        while true {
            if index >= chunk.count {
                // Refilling drops the bytes before `position`: keep the offset, not the index.
                let offset = index - position
                guard offset < maxFieldBytes * 4, refill() else { break }
                index = position + offset
                continue
            }
            let byte = chunk[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if byte == 0x0A || byte == 0x0D { break }
                if counts[byte] != nil { counts[byte, default: 0] += 1 }
            }
            index += 1
        }
        // The most frequent wins; on a tie, `;` (French spreadsheet exports), then `,`, then tab.
        let priority = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")]
        if let best = priority.max(by: { counts[$0, default: 0] < counts[$1, default: 0] }),
            counts[best, default: 0] > 0
        {
            separator = best
        }
    }

    // MARK: - Records

    private mutating func readRecord() throws(CSVError) -> CSVRecord? {
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoted = false
        var sawAny = false
        let startLine = line

        while true {
            guard let byte = nextByte() else {
                if inQuotes {
                    throw CSVError(
                        line: startLine,
                        message:
                            "a quoted field that starts here never ends; the file may be truncated, or a quote is missing"
                    )
                }
                if !sawAny { return nil }
                try appendField(&field, to: &fields, line: startLine)
                return CSVRecord(line: startLine, fields: fields)
            }
            sawAny = true
            if inQuotes {
                if byte == quote {
                    if peekByte() == quote {
                        position += 1
                        field.append(quote)
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                if byte == 0x0A || (byte == 0x0D && peekByte() != 0x0A) { line += 1 }
                field.append(byte)
            } else if byte == quote && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if byte == separator {
                try appendField(&field, to: &fields, line: startLine)
                quoted = false
            } else if byte == 0x0D || byte == 0x0A {
                if byte == 0x0D && peekByte() == 0x0A { position += 1 }
                line += 1
                try appendField(&field, to: &fields, line: startLine)
                return CSVRecord(line: startLine, fields: fields)
            } else {
                field.append(byte)
            }
            if field.count > maxFieldBytes { throw fieldTooLong(line: startLine) }
        }
    }

    /// Ends a field: decodes it onto the record and starts the next one empty.
    private mutating func appendField(_ field: inout [UInt8], to fields: inout [String], line: Int) throws(CSVError) {
        fields.append(try decode(field, line: line))
        field.removeAll(keepingCapacity: true)
        if fields.count > Self.maxFields {
            throw CSVError(
                line: line,
                message: "more than \(Self.maxFields) fields on one record; check the separator and the quotes")
        }
    }

    private func fieldTooLong(line: Int) -> CSVError {
        CSVError(
            line: line,
            message: "a field is longer than \(maxFieldBytes) bytes; check the quotes, "
                + "or raise the limit with REGISTRY_MAX_FIELD_BYTES")
    }

    /// UTF-8 when the bytes are UTF-8, else Windows-1252 (and the report says so).
    private mutating func decode(_ bytes: [UInt8], line: Int) throws(CSVError) -> String {
        if bytes.contains(0) {
            throw CSVError(line: line, message: "a NUL byte: this is not a text CSV file; export it again as CSV UTF-8")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        usedWindows1252 = true
        return String(String.UnicodeScalarView(bytes.map { Self.windows1252[Int($0)] }))
    }

    /// Windows-1252 to Unicode: Latin-1 except 0x80–0x9F.
    private static let windows1252: [Unicode.Scalar] = (0...255).map { byte in
        let high: [Int: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        return Unicode.Scalar(high[byte] ?? UInt32(byte)) ?? "\u{FFFD}"
    }
}
