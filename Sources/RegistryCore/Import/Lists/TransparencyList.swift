import Foundation
import GRDB

/// A host's HDS 2024 transparency table (exigences 29 and 30): one row per actor of the hosting service.
/// A file speaks for the hosts it names: rows of those hosts absent from it are withdrawn.
enum TransparencyList: OfficialList {
    struct Row {
        var identity: RowIdentity
        var line: Int
        var actor: String
        var role: HostingRole
        var hdsCertified: HDSCertification?
        var secnumcloud32: Bool?
        var activities: [Int]
        var exigence29: String?
        var accessFromOutsideEEA: Bool?
        var exigence30: Bool?
    }

    static let columns = [
        ColumnSpec("host", required: true, ["hebergeur", "hebergeur publiant", "publisher", "provider"]),
        ColumnSpec("actor", required: true, ["raison sociale de l acteur", "raison sociale", "acteur", "company"]),
        ColumnSpec("role", required: true, ["role dans le cadre de la prestation d hebergement", "role de l acteur"]),
        ColumnSpec("hds_certified", ["certifie hds", "hds certified", "hds"]),
        ColumnSpec("secnumcloud", ["qualifie secnumcloud 3 2", "secnumcloud 3 2", "qualifie secnumcloud"]),
        ColumnSpec(
            "activities",
            ["activites d hebergement sur lesquelles l acteur intervient", "activites", "activites d hebergement"]),
        ColumnSpec("exigence_29", ["exigence n 29", "exigence 29", "requirement 29"]),
        ColumnSpec("exigence_30", ["exigence n 30", "exigence 30", "requirement 30"]),
    ]
    static let sourceTitle = "HDS 2024 transparency table published by the host"
    static let sourceKind = SourceKind.providerStatement
    static let table = "hdsTransparency"

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row> {
        var errors: [InputProblem] = []
        let host = Cell.required(Cell.text(map.value("host", in: fields)), column: "host", line: line, into: &errors)
        let actor = Cell.required(Cell.text(map.value("actor", in: fields)), column: "actor", line: line, into: &errors)
        let identity = host.flatMap { host in actor.map { RowIdentity(provider: host, siren: nil, key: [$0]) } }
        let role = Cell.required(map.value("role", in: fields), column: "role", line: line, into: &errors).flatMap {
            text -> HostingRole? in
            let folded = SearchText.fold(text)
            if folded.contains("sous traitant") || folded.contains("sous-traitant") || folded.contains("subcontractor")
            {
                return .subcontractor
            }
            if folded.contains("hebergeur") || folded.contains("host") { return .host }
            errors.append(
                InputProblem(
                    line: line, column: "role", value: text,
                    message: "expected Hébergeur or Sous-traitant de l'hébergeur"))
            return nil
        }
        let hds = map.value("hds_certified", in: fields).flatMap { text -> HDSCertification? in
            if SearchText.fold(text).hasPrefix("exempt") { return .exempt }
            return Cell.yesNo(text, column: "hds_certified", line: line, into: &errors).map { $0 ? .yes : .no }
        }
        let secnumcloud = Cell.yesNo(
            map.value("secnumcloud", in: fields), column: "secnumcloud", line: line, into: &errors)
        let activities = Cell.activities(
            map.value("activities", in: fields), column: "activities", line: line, into: &errors)
        let exigence29 = Cell.text(map.value("exigence_29", in: fields))
        let exigence30 = Cell.yesNo(
            map.value("exigence_30", in: fields), column: "exigence_30", line: line, into: &errors)
        guard errors.isEmpty, let identity, let actor, let role else {
            return ParsedRow(row: nil, identity: identity, errors: errors)
        }
        // Exigence 29 reads "Non" or "Oui — Canada (décision d'adéquation)": its first word is the answer.
        var ignored: [InputProblem] = []
        let access = exigence29.flatMap { text in
            Cell.yesNo(
                String(SearchText.fold(text).prefix { $0.isLetter }), column: "exigence_29", line: line, into: &ignored)
        }
        let row = Row(
            identity: identity, line: line, actor: actor, role: role, hdsCertified: hds, secnumcloud32: secnumcloud,
            activities: activities, exigence29: exigence29, accessFromOutsideEEA: access, exigence30: exigence30)
        return ParsedRow(row: row, identity: identity, errors: [])
    }

    static func apply(_ row: Row, _ context: inout ListContext) throws -> String {
        let providerId = try context.provider(row.identity, line: row.line).get()
        context.scope.insert(providerId)
        let id = "\(providerId)/transparency-\(Slug.make(row.actor))"
        let existing = try context.db.record(HDSTransparency.self, id: id)
        let record = HDSTransparency(
            id: id, providerId: providerId, actor: row.actor, role: row.role, hdsCertified: row.hdsCertified,
            secnumcloud32: row.secnumcloud32, activities: row.activities, exigence29: row.exigence29,
            accessFromOutsideEEA: row.accessFromOutsideEEA, exigence30: row.exigence30, withdrawnOn: nil,
            note: existing?.note, source: context.source, sourceKind: sourceKind,
            verifiedOn: existing?.verifiedOn ?? context.day)
        let outcome = try context.facts.save(record, key: ["id": id], id: id)
        context.count(outcome, wasWithdrawn: existing?.withdrawnOn != nil, table: table, id: id)
        return id
    }

    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String? {
        guard case .found(let providerId) = try context.matcher.provider(named: identity.provider, siren: nil),
            let actor = identity.key.first
        else { return nil }
        let id = "\(providerId)/transparency-\(Slug.make(actor))"
        return try context.db.record(HDSTransparency.self, id: id) != nil ? id : nil
    }

    static func currentEntries(_ context: ListContext) throws -> RowCursor {
        try GRDB.Row.fetchCursor(
            context.db,
            sql:
                "SELECT rowid, id FROM hdsTransparency WHERE withdrawnOn IS NULL AND providerId IN (SELECT value FROM json_each(?))",
            arguments: [String(decoding: try JSONEncoder().encode(context.scope.sorted()), as: UTF8.self)])
    }

    static func withdraw(_ id: String, _ context: inout ListContext) throws {
        try context.withdraw(HDSTransparency.self, id, table: table) { _ in "absent from the host's table" }
    }
}
