import Foundation
import GRDB

/// A host's transparency page imported as published: each row lands on every offer the page is configured
/// for (`--offer`, or `sources set --offer`), citing the copy read; rows of those offers absent from the page
/// are withdrawn, under the withdrawal guard. Exigences 29 and 30 stay facts of the row, apart from any
/// certification: a host's statement never makes an offer HDS-certified or SecNumCloud-qualified.
enum TransparencyPageImport {
    static let table = "hdsTransparency"
    /// The most a page may weigh: a publication of a few tables, not a stream.
    static let maxPageBytes = 32 << 20

    /// The host of a page's offers: each must exist, and all be one provider's.
    static func host(of offers: [String], _ db: Database) throws -> String {
        guard !offers.isEmpty else {
            throw InputProblem(
                message:
                    "a transparency page speaks for the offers it was published for: name them with --offer ID (registry query --search NAME lists offers with their ids)"
            )
        }
        var providers: Set<String> = []
        for id in offers {
            guard let offer = try db.record(Offer.self, id: id) else {
                throw InputProblem(
                    column: "offer", value: id,
                    message: "no offer has the id '\(id)'; find it with registry query --search NAME")
            }
            providers.insert(offer.providerId)
        }
        guard providers.count == 1, let host = providers.first else {
            throw InputProblem(
                column: "offer", value: offers.joined(separator: ", "),
                message:
                    "a host's page speaks for its own offers, and these are of \(providers.sorted().joined(separator: " and ")); configure one source per host"
            )
        }
        return host
    }

    static func run(
        _ page: TransparencyPage, source: String, copySha256: String, options: ImportOptions, db: Database,
        facts: FactWriter, report: inout ImportReport
    ) throws {
        report.counts.read = page.rows.count
        let host: String
        do { host = try Self.host(of: options.offers, db) } catch let problem as InputProblem {
            return report.reject(problem)
        }
        if page.rows.isEmpty && !options.force {
            return report.reject(
                InputProblem(
                    message: "the page's table has a header but no rows; check the copy, or pass --force to accept it"))
        }
        var context = ListContext(
            db: db, facts: facts, matcher: try ProviderMatcher(db), day: options.day,
            source: "\(source) — transparency table of the host (HDS 2024, exigence 31)")
        var written: Set<String> = []
        for offer in options.offers {
            for (row, id) in zip(page.rows, try ids(page.rows, offer: offer, db)) {
                let existing = try db.record(HDSTransparency.self, id: id)
                let record = HDSTransparency(
                    id: id, providerId: host, actor: row.actor, role: row.role, hdsCertified: row.hdsCertified,
                    secnumcloud32: row.secnumcloud32, activities: row.activities, exigence29: row.exigence29,
                    accessFromOutsideEEA: row.accessFromOutsideEEA, exigence30: row.exigence30, withdrawnOn: nil,
                    note: row.marks.isEmpty ? nil : "The page marks " + row.marks.joined(separator: "; ") + ".",
                    source: context.source, sourceKind: .providerStatement,
                    verifiedOn: existing?.verifiedOn ?? options.day, offerId: offer, exigence30Text: row.exigence30Text,
                    copySha256: copySha256)
                let outcome = try facts.save(record, key: ["id": id], id: id)
                context.count(outcome, wasWithdrawn: existing?.withdrawnOn != nil, table: table, id: id)
                written.insert(id)
            }
        }
        try withdrawAbsent(written: written, &context, options: options, report: &report)
    }

    /// The id of each row on `offer`: the row already there for the same actor (its n-th for the actor's
    /// n-th row: one per activity, say), so that ids stay when an offer was merged; else a new one,
    /// `ovhcloud/file-storage-transparency-aiven-oy`, numbered in the page's order.
    private static func ids(_ rows: [TransparencyPage.Row], offer: String, _ db: Database) throws -> [String] {
        var stored: [String: [String]] = [:]
        for row in try HDSTransparency.filter(Column("offerId") == offer).order(Column("id")).fetchAll(db) {
            stored[Slug.make(row.actor), default: []].append(row.id)
        }
        var seen: [String: Int] = [:]
        return rows.map { row in
            let slug = Slug.make(row.actor)
            let count = seen[slug, default: 0] + 1
            seen[slug] = count
            let kept = stored[slug] ?? []
            return count <= kept.count
                ? kept[count - 1] : "\(offer)-transparency-\(slug)" + (count > 1 ? "-\(count)" : "")
        }
    }

    private static func withdrawAbsent(
        written: Set<String>, _ context: inout ListContext, options: ImportOptions, report: inout ImportReport
    ) throws {
        let current = try String.fetchAll(
            context.db,
            sql: """
                SELECT id FROM hdsTransparency
                WHERE withdrawnOn IS NULL AND offerId IN (SELECT value FROM json_each(?)) ORDER BY id
                """,
            arguments: [String(decoding: try JSONEncoder().encode(options.offers), as: UTF8.self)])
        let absent = current.filter { !written.contains($0) }
        if let refusal = WithdrawalGuard.refusal(
            absent: absent.count, of: current.count - context.newEntries, options: options, entries: "rows")
        {
            return report.reject(refusal)
        }
        for id in absent {
            try context.withdraw(HDSTransparency.self, id, table: table) { _ in "absent from the host's page" }
        }
    }
}

/// The withdrawal guard every import shares: a copy that would withdraw more than `--max-withdrawn` of the
/// current entries is refused (a truncated download looks like a list that shrank), unless forced.
enum WithdrawalGuard {
    static func refusal(absent: Int, of base: Int, options: ImportOptions, entries: String) -> InputProblem? {
        guard absent > 0, !options.force else { return nil }
        let share = base > 0 ? Double(absent) * 100 / Double(base) : 100
        guard share > options.maxWithdrawnPercent else { return nil }
        return InputProblem(
            message: String(
                format: "would withdraw %d of %d current %@ (%.0f %%), more than --max-withdrawn %.0f %%; "
                    + "a truncated download? Check the file, or pass --force if the list really shrank",
                absent, base, entries, share, options.maxWithdrawnPercent))
    }
}
