import Foundation
import GRDB

/// A row of an official list, parsed: the row when valid, its identity when readable (to find the entry
/// it speaks of even when the row is rejected), and its problems.
struct ParsedRow<Row> {
    var row: Row?
    /// Provider name, SIREN and the source-specific key, when the key columns could be read.
    var identity: RowIdentity?
    var errors: [RowError]
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
    /// refuses (a `RowError`) must be refused before anything is written.
    static func apply(_ row: Row, _ context: inout ListContext) throws -> String
    /// The id of the existing entry a row speaks of, without creating anything.
    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String?
    /// The current (not withdrawn) entries this file speaks for: their rowid and id, in that order.
    static func currentEntries(_ context: ListContext) throws -> RowCursor
    /// Marks an entry absent from the file as withdrawn on the import's day.
    static func withdraw(_ id: String, _ context: inout ListContext) throws
}

/// What an official-list import needs while it writes.
struct ListContext {
    let db: Database
    let facts: FactWriter
    var matcher: ProviderMatcher
    let day: Day
    /// "ANSSI … (file secnumcloud.csv)".
    let source: String
    /// Catalogues or hosts the file covers, for lists that speak for part of their source only.
    var scope: Set<String> = []
    /// Entries that were not current before this import (inserted or reinstated): not in the guard's base.
    var newEntries = 0
    /// Names that matched nothing, for which entries were created.
    var unmatched: [UnmatchedName] = []
    /// What the steward should read in the report: a row granted until a day already past, say.
    var notes: [String] = []

    /// Notes a row the list marks granted whose end has passed on the import's day: it is stored as the list
    /// says and counts as ended.
    mutating func noteEnded(_ status: AttestationStatus, until end: Day?, line: Int) {
        guard status.isGranted, let end, end < day else { return }
        if notes.count < 100 {
            notes.append(
                "line \(line): marked \(status.rawValue) until \(end), already past on \(day): stored as the list says, it counts as ended"
            )
        }
    }

    /// The provider a row names, created when the list names it for the first time; nil with an error
    /// when the name is ambiguous.
    mutating func provider(_ identity: RowIdentity, line: Int) throws -> Result<String, RowError> {
        switch try matcher.provider(named: identity.provider, siren: identity.siren) {
        case .found(let id):
            return .success(id)
        case .ambiguous(let ids):
            return .failure(
                RowError(
                    line: line, column: "provider", value: identity.provider,
                    message:
                        "names several providers (\(ids.joined(separator: ", "))); add the SIREN, or write the provider id"
                ))
        case .missing:
            let id = try matcher.createProvider(
                named: identity.provider, siren: identity.siren, source: source, kind: .officialList, on: day,
                facts: facts)
            facts.relabelLastChange(table: "provider", id: id, summary: "new provider, first seen in this list")
            unmatched.append(
                UnmatchedName(line: line, kind: .provider, name: identity.provider, createdId: id, suggestions: []))
            return .success(id)
        }
    }

    /// The offer of `providerId` a row names, created when the list names it for the first time.
    mutating func offer(
        named name: String, of providerId: String, model: ServiceModel?, kind: SourceKind, line: Int
    ) throws -> String {
        let (id, created) = try matcher.offer(
            named: name, of: providerId, model: model, source: source, kind: kind, on: day, facts: facts)
        if created {
            unmatched.append(UnmatchedName(line: line, kind: .offer, name: name, createdId: id, suggestions: []))
        }
        return id
    }

    /// The unmatched names with their suggestions: existing entries only, not those this import created.
    /// Only the first `limit` are looked up, against one index of the registry's names (a list of new
    /// providers by the thousand costs one read of the registry).
    func unmatchedWithSuggestions(limit: Int = 20) throws -> [UnmatchedName] {
        let created = Set(unmatched.map(\.createdId))
        var providers: NameSuggestions?
        var result = unmatched
        for index in result.indices.prefix(limit) {
            let name = result[index]
            switch name.kind {
            case .provider:
                if providers == nil { providers = try NameSuggestions.providers(db) }
                result[index].suggestions = providers?.nearest(name.name, excluding: created) ?? []
            case .offer:
                let providerId = String(name.createdId.prefix { $0 != "/" })
                // One provider's offers are few, and a shared word already says much: a lower bar.
                result[index].suggestions = try NameSuggestions.offers(of: providerId, db)
                    .nearest(name.name, excluding: created, threshold: 0.15)
            }
        }
        return result
    }

    /// The entries the file names so far, with the line that first named each.
    var seen = EntriesSeen()

    /// The rowid of an entry of the list's table: what `seen` keeps, instead of the entry's id.
    func rowid(of id: String, in table: String) throws -> Int64? {
        let quotedTable = table.quotedDatabaseIdentifier
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT rowid FROM \(quotedTable) WHERE id = ?"), arguments: [id])
    }
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

/// Options of an import.
public struct ImportOptions: Sendable {
    /// Compute and report everything, write nothing.
    public var dryRun = false
    /// Apply the valid rows and report the rejected ones, instead of rejecting the file.
    public var skipInvalid = false
    /// The largest share of a source's current entries one import may withdraw, in percent.
    public var maxWithdrawnPercent = 20.0
    /// Apply even an empty file or one that withdraws more than `maxWithdrawnPercent`.
    public var force = false
    /// The day of the import: withdrawals and verifications are dated with it.
    public var day: Day
    /// Called with the number of records read, every `progressInterval` records.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressInterval = 10_000
    /// The largest CSV field, or registry-json string, accepted, in bytes.
    public var maxFieldBytes = CSVReader.defaultMaxFieldBytes
    /// The largest file accepted, in bytes: an endless stream or a wrong file stops here.
    public var maxFileBytes = 1 << 30
    /// The most rows a file may hold: a runaway file is refused rather than filling the disk.
    public var maxRows = 10_000_000
    /// The most changes and errors the report lists (the rest are counted).
    public var listLimit = 10_000

    public init(day: Day) {
        self.day = day
    }
}

enum OfficialListImport {
    /// Reads the whole file, writing valid rows as they come; rejects the file when a row is bad (unless
    /// skipping invalid rows), when it is empty, or when it would withdraw too much.
    static func run<List: OfficialList>(
        _ list: List.Type, reader: inout CSVReader, options: ImportOptions, fileLabel: String,
        db: Database, facts: FactWriter, report: inout ImportReport
    ) throws {
        let header: CSVRecord
        do {
            guard let first = try reader.next() else {
                return reject(&report, "the file is empty; check the download, or pass --force to accept it", options)
            }
            header = first
        } catch {
            return report.reject(RowError(line: error.line, column: nil, value: nil, message: error.message))
        }
        if header.fields.first?.trimmingCharacters(in: .whitespaces).hasPrefix("{") == true {
            return report.reject(
                RowError(
                    line: header.line, column: nil, value: nil,
                    message: "this looks like a JSON document, not a CSV list; use --source registry-json"))
        }
        let map: ColumnMap
        do {
            map = try ColumnMap(header: header.fields, specs: List.columns, line: header.line)
        } catch {
            if case .badHeader(let problems) = error { problems.forEach { report.add($0) } }
            report.status = .rejected
            return
        }
        var context = ListContext(
            db: db, facts: facts, matcher: try ProviderMatcher(db), day: options.day,
            source: List.sourceTitle)
        var rejectedFile = false
        while true {
            let record: CSVRecord
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                report.reject(RowError(line: error.line, column: nil, value: nil, message: error.message))
                return
            }
            report.counts.read += 1
            if report.counts.read > options.maxRows {
                report.reject(
                    RowError(
                        line: record.line, column: nil, value: nil,
                        message:
                            "more than \(options.maxRows) rows; split the file, or raise the limit with REGISTRY_MAX_ROWS"
                    ))
                return
            }
            if report.counts.read % options.progressInterval == 0 { options.progress?(report.counts.read) }

            var parsed = List.parse(record.fields, map, line: record.line)
            if record.fields.count > max(header.fields.count, map.width) {
                parsed.errors.append(
                    RowError(
                        line: record.line, column: nil, value: nil,
                        message:
                            "\(record.fields.count) fields but the header has \(header.fields.count); check the separators and quotes"
                    ))
            }
            // The entry the row speaks of, if the registry holds it: named twice by this file is an error,
            // and a rejected row still speaks of it (never withdraw an entry for a typo).
            let existing = try parsed.identity.flatMap { try List.existingEntry($0, context) }
            let existingRowid = try existing.flatMap { try context.rowid(of: $0, in: List.table) }
            if let existingRowid, let first = context.seen.line(of: existingRowid) {
                parsed.errors.append(
                    RowError(
                        line: record.line, column: nil, value: nil,
                        message: "the same entry as line \(first); keep one row per entry"))
            }
            if parsed.errors.isEmpty, let row = parsed.row {
                do {
                    // No savepoint per row: `apply` makes its checks before it writes anything.
                    let id = try List.apply(row, &context)
                    if let rowid = try id == existing ? existingRowid : context.rowid(of: id, in: List.table) {
                        context.seen.insert(rowid, line: record.line)
                    }
                } catch let error as RowError {
                    report.add(error)
                    report.counts.rejected += 1
                    rejectedFile = true
                }
            } else {
                parsed.errors.forEach { report.add($0) }
                report.counts.rejected += 1
                rejectedFile = true
                if let existingRowid { context.seen.insert(existingRowid, line: record.line) }
            }
        }
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
        let base = currentCount - context.newEntries
        let share = base > 0 ? Double(absent.count) * 100 / Double(base) : 100
        if share > options.maxWithdrawnPercent && !options.force {
            return report.reject(
                RowError(
                    line: nil, column: nil, value: nil,
                    message: String(
                        format: "would withdraw %d of %d current entries (%.0f %%), more than --max-withdrawn %.0f %%; "
                            + "a truncated download? Check the file, or pass --force if the list really shrank",
                        absent.count, base, share, options.maxWithdrawnPercent)))
        }
        for id in absent { try List.withdraw(id, &context) }
    }

    private static func reject(_ report: inout ImportReport, _ message: String, _ options: ImportOptions) {
        guard !options.force else { return }
        report.reject(RowError(line: nil, column: nil, value: nil, message: message))
    }
}

extension ImportReport {
    mutating func reject(_ error: RowError) {
        add(error)
        status = .rejected
    }

    /// Lists an error, up to `listLimit`; beyond, only counts it.
    mutating func add(_ error: RowError) {
        if errors.count < listLimit { errors.append(error) } else { errorsOmitted += 1 }
    }
}

extension RowError: Error {}
