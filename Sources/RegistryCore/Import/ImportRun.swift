import Foundation
import GRDB

/// A recorded import: what was read, when, and what it changed. Seeds and every import make one.
public struct ImportRun: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var source: RunSource
    public var fileName: String?
    public var sha256: String?
    /// ISO 8601 UTC timestamps.
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    public var readCount = 0
    public var insertedCount = 0
    public var updatedCount = 0
    public var withdrawnCount = 0
    public var reinstatedCount = 0
    public var unchangedCount = 0
    public var rejectedCount = 0
    public var message: String?
    /// The day the import spoke for: the registry clock's today, what its facts were verified on.
    public var day: Day?
    /// The hash of the last history row the run wrote: the head of the history's chain when it ended.
    public var chainHead: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(source: RunSource, fileName: String?, sha256: String?, day: Day) {
        self.source = source
        self.fileName = fileName
        self.sha256 = sha256
        self.day = day
        self.startedAt = ImportRun.now()
        self.status = .running
    }

    mutating func finish(status: RunStatus, counts: ImportCounts, message: String? = nil) {
        self.status = status
        endedAt = ImportRun.now()
        readCount = counts.read
        insertedCount = counts.inserted
        updatedCount = counts.updated
        withdrawnCount = counts.withdrawn
        reinstatedCount = counts.reinstated
        unchangedCount = counts.unchanged
        rejectedCount = counts.rejected
        self.message = message
    }

    /// A physical moment, as the history's triggers stamp theirs: runs and history order together.
    static func now() -> String {
        Moment.at(Date()).timestamp
    }
}

extension Registry {
    /// Runs `body` as one import: a run is recorded and every change the body makes lands in the history
    /// with that run. The body reports problems by setting `report.status = .rejected`; then, as in a dry
    /// run, the transaction is rolled back and nothing is written (a rejected run is still recorded).
    func performImport(
        _ report: ImportReport, runSource: RunSource, day: Day, dryRun: Bool,
        body: (Database, FactWriter, inout ImportReport) throws -> Void
    ) throws -> ImportReport {
        var report = report
        try guardingDatabaseErrors {
            try writeWithoutTransaction { db in
                // Each write with triggers keeps a statement journal to undo itself: in memory, not in a
                // temporary file (a long list's import spent a third of its time in those files' writes).
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                try db.inTransaction(.immediate) {
                    var run = ImportRun(source: runSource, fileName: report.file, sha256: report.sha256, day: day)
                    try run.insert(db)
                    let facts = FactWriter(db: db, listLimit: report.listLimit)
                    try body(db, facts, &report)
                    let (read, rejected) = (report.counts.read, report.counts.rejected)
                    report.counts = facts.counts(read: read, rejected: rejected)
                    report.changes = facts.changes
                    report.changesOmitted = facts.changesOmitted
                    if report.status == .rejected || dryRun {
                        if !dryRun {
                            // Rolled back: nothing of it happened.
                            report.counts = ImportCounts(read: read, rejected: rejected)
                            report.changes = []
                            report.changesOmitted = 0
                        }
                        if dryRun && report.status != .rejected { report.status = .dryRun }
                        return .rollback
                    }
                    let changed = report.counts.changedAnything
                    report.status = changed ? .applied : .unchanged
                    run.finish(status: changed ? .applied : .unchanged, counts: report.counts)
                    // What the run wrote becomes visible at once, when it commits: its changes carry that moment,
                    // so that `--as-of` a moment inside the run answers the state every reader saw then.
                    try db.execute(
                        sql: "UPDATE history SET changedAt = ? WHERE runId = ?", arguments: [run.endedAt, run.id])
                    if let id = run.id, changed { try OfferSearch.refresh(db, runId: id) }
                    run.chainHead = try HistoryChain.extend(db)
                    try run.update(db)
                    Registry.logger.info(
                        "run \(run.id ?? 0) \(report.status.rawValue): read \(report.counts.read), inserted \(report.counts.inserted), updated \(report.counts.updated), withdrawn \(report.counts.withdrawn)"
                    )
                    report.runId = run.id
                    return .commit
                }
                if report.status == .rejected && !dryRun {
                    var run = ImportRun(source: runSource, fileName: report.file, sha256: report.sha256, day: day)
                    run.finish(
                        status: .rejected, counts: report.counts,
                        message: report.errors.prefix(3).map(\.description).joined(separator: "; "))
                    try run.insert(db)
                    report.runId = run.id
                }
            }
        }
        return report
    }
}

extension ImportCounts {
    init(read: Int, rejected: Int) {
        self.init()
        self.read = read
        self.rejected = rejected
    }
}
