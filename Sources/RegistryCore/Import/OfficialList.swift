import Foundation
import GRDB

/// A row of an official list, parsed: the row when valid, its identity when readable (to find the entry
/// it speaks of even when the row is rejected), and its problems.
struct ParsedRow<Row> {
    var row: Row?
    /// Provider name, SIREN and the source-specific key, when the key columns could be read.
    var identity: RowIdentity?
    var errors: [InputProblem]
}

/// Who and what a row is about.
struct RowIdentity: Hashable {
    var provider: String
    var siren: String?
    /// The rest of the key: the service, the certificate number, the market...
    var key: [String]
}

/// One kind of official list: its columns, how a record becomes a row, how a row is written, and which
/// entries the file speaks for (those absent from it are withdrawn).
protocol OfficialList {
    associatedtype Row
    /// The layout, documented in docs/import-formats.md.
    static var columns: [ColumnSpec] { get }
    /// Where the facts come from, for their `source` column.
    static var sourceTitle: String { get }
    static var sourceKind: SourceKind { get }
    /// The table of the entries the list speaks for.
    static var table: String { get }

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row>
    /// Writes the row (creating its provider and offers when new) and returns the id of its entry. A row it
    /// refuses (a `InputProblem`) must be refused before anything is written.
    static func apply(_ row: Row, _ context: inout ListContext) throws -> String
    /// The id of the existing entry a row speaks of, without creating anything.
    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String?
    /// The current (not withdrawn) entries this file speaks for: their rowid and id, in that order.
    static func currentEntries(_ context: ListContext) throws -> RowCursor
    /// Marks an entry absent from the file as withdrawn on the import's day.
    static func withdraw(_ id: String, _ context: inout ListContext) throws
}

/// The entries a file names, by rowid, each with the line of the first row that named it. An array indexed
/// by rowid: a million entries take 4 MB, where a set of their ids would take a hundred.
struct EntriesSeen {
    private var lines: [Int32] = []
    /// Rowids too large for the array (a table whose rowids were chosen by hand).
    private var sparse: [Int64: Int] = [:]
    static let denseLimit: Int64 = 8_000_000

    mutating func insert(_ rowid: Int64, line: Int) {
        guard self.line(of: rowid) == nil else { return }
        guard rowid >= 0, rowid < Self.denseLimit else {
            sparse[rowid] = line
            return
        }
        if Int(rowid) >= lines.count {
            lines += repeatElement(0, count: max(Int(rowid) + 1 - lines.count, lines.count))
        }
        lines[Int(rowid)] = Int32(clamping: line)
    }

    func line(of rowid: Int64) -> Int? {
        guard rowid >= 0, rowid < Self.denseLimit else { return sparse[rowid] }
        return Int(rowid) < lines.count && lines[Int(rowid)] != 0 ? Int(lines[Int(rowid)]) : nil
    }
}

enum OfficialListImport {
    /// Reads the whole file, writing valid rows as they come; rejects the file when a row is bad (unless
    /// skipping invalid rows), when it is empty, or when it would withdraw too much. The steps: the header,
    /// each row (parse, match, apply), then what the file as a whole says (its notes, its absent entries).
    static func run<List: OfficialList>(
        _ list: List.Type, reader: inout CSVReader, options: ImportOptions, fileLabel: String,
        db: Database, facts: FactWriter, report: inout ImportReport
    ) throws {
        guard let (header, map) = readHeader(list, reader: &reader, options: options, report: &report) else { return }
        var context = ListContext(
            db: db, facts: facts, matcher: try ProviderMatcher(db), day: options.day,
            source: List.sourceTitle)
        context.fileLabel = fileLabel
        context.edition = options.edition
        var rejectedFile = false
        while let record = nextRecord(&reader, options: options, report: &report) {
            let width = max(header.fields.count, map.width)
            if try !importRow(
                list, record, map, extraFields: record.fields.count > width ? header.fields.count : nil,
                context: &context, report: &report)
            {
                rejectedFile = true
            }
        }
        guard report.status != .rejected else { return }
        report.unmatched = Array(try context.unmatchedWithSuggestions().prefix(options.listLimit))
        report.notes += context.notes
        report.notes +=
            reader.usedWindows1252
            ? ["some bytes were not UTF-8 and were read as Windows-1252; check accented names in the changes"] : []
        if rejectedFile && !options.skipInvalid {
            report.status = .rejected
            return
        }
        if report.counts.read == 0 {
            return reject(
                &report, "the file has a header but no rows; check the download, or pass --force to accept it", options)
        }
        try withdrawAbsent(list, context: &context, options: options, report: &report)
    }

    /// The header and the columns it maps, or nil when the file is rejected (or empty, and forced) there.
    private static func readHeader<List: OfficialList>(
        _ list: List.Type, reader: inout CSVReader, options: ImportOptions, report: inout ImportReport
    ) -> (CSVRecord, ColumnMap)? {
        let header: CSVRecord
        do {
            guard let first = try reader.next() else {
                reject(&report, "the file is empty; check the download, or pass --force to accept it", options)
                return nil
            }
            header = first
        } catch {
            report.reject(InputProblem(line: error.line, column: nil, value: nil, message: error.message))
            return nil
        }
        if header.fields.first?.trimmingCharacters(in: .whitespaces).hasPrefix("{") == true {
            report.reject(
                InputProblem(
                    line: header.line, column: nil, value: nil,
                    message: "this looks like a JSON document, not a CSV list; use --source registry-json"))
            return nil
        }
        do {
            return (header, try ColumnMap(header: header.fields, specs: List.columns, line: header.line))
        } catch {
            if case .badHeader(let problems) = error { problems.forEach { report.add($0) } }
            report.status = .rejected
            return nil
        }
    }

    /// The next record, counted; nil at the end of the file, or when the file is rejected (unreadable, or
    /// over the row limit).
    private static func nextRecord(_ reader: inout CSVReader, options: ImportOptions, report: inout ImportReport)
        -> CSVRecord?
    {
        let record: CSVRecord
        do {
            guard let next = try reader.next() else { return nil }
            record = next
        } catch {
            report.reject(InputProblem(line: error.line, column: nil, value: nil, message: error.message))
            return nil
        }
        report.counts.read += 1
        if report.counts.read > options.maxRows {
            report.reject(
                InputProblem(
                    line: record.line, column: nil, value: nil,
                    message:
                        "more than \(options.maxRows) rows; split the file, or raise the limit with REGISTRY_MAX_ROWS"
                ))
            return nil
        }
        if report.counts.read % options.progressInterval == 0 { options.progress?(report.counts.read) }
        return record
    }

    /// Parses one record, finds the entry it speaks of and writes it; false when the row is rejected.
    /// `extraFields` is the header's width when the record has more fields than the header.
    private static func importRow<List: OfficialList>(
        _ list: List.Type, _ record: CSVRecord, _ map: ColumnMap, extraFields headerWidth: Int?,
        context: inout ListContext, report: inout ImportReport
    ) throws -> Bool {
        var parsed = List.parse(record.fields, map, line: record.line)
        if let headerWidth {
            parsed.errors.append(
                InputProblem(
                    line: record.line, column: nil, value: nil,
                    message:
                        "\(record.fields.count) fields but the header has \(headerWidth); check the separators and quotes"
                ))
        }
        // The entry the row speaks of, if the registry holds it: named twice by this file is an error,
        // and a rejected row still speaks of it (never withdraw an entry for a typo).
        let existing = try parsed.identity.flatMap { try List.existingEntry($0, context) }
        let existingRowid = try existing.flatMap { try context.rowid(of: $0, in: List.table) }
        if let existingRowid, let first = context.seen.line(of: existingRowid) {
            parsed.errors.append(
                InputProblem(
                    line: record.line, column: nil, value: nil,
                    message: "the same entry as line \(first); keep one row per entry"))
        }
        guard parsed.errors.isEmpty, let row = parsed.row else {
            parsed.errors.forEach { report.add($0) }
            report.counts.rejected += 1
            if let existingRowid { context.seen.insert(existingRowid, line: record.line) }
            return false
        }
        do {
            // No savepoint per row: `apply` makes its checks before it writes anything.
            let id = try List.apply(row, &context)
            if let rowid = try id == existing ? existingRowid : context.rowid(of: id, in: List.table) {
                context.seen.insert(rowid, line: record.line)
            }
            return true
        } catch let error as InputProblem {
            report.add(error)
            report.counts.rejected += 1
            return false
        }
    }

    /// Withdraws the current entries absent from the file, unless that is more than the guard allows.
    private static func withdrawAbsent<List: OfficialList>(
        _ list: List.Type, context: inout ListContext, options: ImportOptions, report: inout ImportReport
    ) throws {
        var absent: [String] = []
        var currentCount = 0
        let current = try List.currentEntries(context)
        while let entry = try current.next() {
            currentCount += 1
            if context.seen.line(of: entry[0]) == nil { absent.append(entry[1]) }
        }
        guard !absent.isEmpty else { return }
        absent.sort()
        if let refusal = WithdrawalGuard.refusal(
            absent: absent.count, of: currentCount - context.newEntries, options: options, entries: "entries")
        {
            return report.reject(refusal)
        }
        for id in absent { try List.withdraw(id, &context) }
    }

    private static func reject(_ report: inout ImportReport, _ message: String, _ options: ImportOptions) {
        guard !options.force else { return }
        report.reject(InputProblem(line: nil, column: nil, value: nil, message: message))
    }
}

extension ImportReport {
    mutating func reject(_ error: InputProblem) {
        add(error)
        status = .rejected
    }

    /// Lists an error, up to `listLimit`; beyond, only counts it.
    mutating func add(_ error: InputProblem) {
        if errors.count < listLimit { errors.append(error) } else { errorsOmitted += 1 }
    }
}

extension InputProblem: Error {}
