import Foundation
import GRDB

/// The ANS list of HDS-certified hosts: one row per certificate.
enum HDSList: OfficialList {
    struct Row {
        var identity: RowIdentity
        var line: Int
        var certificate: String
        var certifier: String?
        var version: String?
        var perimeter: HDSPerimeter?
        var activities: [Int]
        /// « Certifié » unless the list says otherwise.
        var status: StatusPhrase
        var validFrom: Day?
        var validUntil: Day?
        /// Products of the host the certificate covers, when the steward lists them.
        var offers: [String]
    }

    static let columns = [
        ColumnSpec(
            "host", required: true, ["hebergeur", "raison sociale", "nom", "provider", "fournisseur", "societe"]),
        ColumnSpec("siren"),
        ColumnSpec(
            "certificate", required: true,
            [
                "certificat", "numero de certificat", "n de certificat", "certificate number", "certificate ref",
                "reference",
            ]),
        ColumnSpec(
            "certifier",
            ["certificateur", "organisme certificateur", "organisme de certification", "certification body"]),
        ColumnSpec("version", ["referentiel", "version du referentiel", "referential", "referential version"]),
        ColumnSpec("perimeter", ["perimetre", "type de certificat", "certificate type"]),
        ColumnSpec("activities", required: true, ["activites", "activites certifiees", "certified activities"]),
        ColumnSpec(
            "valid_from", ["date de debut", "debut de validite", "date de certification", "issued on", "valable du"]),
        ColumnSpec(
            "valid_until",
            [
                "date de fin", "fin de validite", "expires on", "expiration", "date d expiration", "valable jusqu au",
                "valid to",
            ]),
        ColumnSpec("offers", ["offres", "produits", "products", "services couverts"]),
        ColumnSpec("status", ["statut", "etat", "etat du certificat", "statut du certificat"]),
    ]
    static let sourceTitle =
        "https://esante.gouv.fr/offres-services/hds/liste-des-hebergeurs-certifies — ANS, liste des hébergeurs certifiés HDS"
    static let sourceKind = SourceKind.officialList
    static let table = "attestation"

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row> {
        var errors: [InputProblem] = []
        let host = Cell.required(Cell.text(map.value("host", in: fields)), column: "host", line: line, into: &errors)
        let siren = Cell.siren(map.value("siren", in: fields), column: "siren", line: line, into: &errors)
        let certificate = Cell.required(
            Cell.text(map.value("certificate", in: fields)), column: "certificate", line: line, into: &errors)
        let identity = host.flatMap { host in certificate.map { RowIdentity(provider: host, siren: siren, key: [$0]) } }
        let perimeter = map.value("perimeter", in: fields).flatMap { text -> HDSPerimeter? in
            guard let perimeter = parsePerimeter(text) else {
                errors.append(
                    InputProblem(
                        line: line, column: "perimeter", value: text,
                        message: "expected « hébergeur d'infrastructure physique », « hébergeur infogéreur » or both"))
                return nil
            }
            return perimeter
        }
        let activities = Cell.activities(
            Cell.required(map.value("activities", in: fields), column: "activities", line: line, into: &errors),
            column: "activities", line: line, into: &errors)
        // A list without the column lists certified hosts only.
        let status =
            map.value("status", in: fields) == nil
            ? StatusPhrase(status: .certified)
            : Cell.status(
                map.value("status", in: fields), StatusPhrase.hds, column: "status", line: line, into: &errors)
        let (validFrom, validUntil) = Cell.period(
            fields, map, from: "valid_from", until: "valid_until", line: line, into: &errors
        ) { "ends on or before it starts (\($0)); check both dates" }
        guard errors.isEmpty, let identity, let certificate, let status else {
            return ParsedRow(row: nil, identity: identity, errors: errors)
        }
        let offers = (Cell.text(map.value("offers", in: fields)) ?? "").split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let row = Row(
            identity: identity, line: line, certificate: certificate,
            certifier: Cell.text(map.value("certifier", in: fields)),
            version: Cell.text(map.value("version", in: fields)), perimeter: perimeter, activities: activities,
            status: status, validFrom: validFrom, validUntil: validUntil, offers: offers)
        return ParsedRow(row: row, identity: identity, errors: [])
    }

    static func parsePerimeter(_ text: String) -> HDSPerimeter? {
        let folded = SearchText.fold(text)
        let physical = folded.contains("physique") || folded.contains("physical")
        let managed = folded.contains("infogere") || folded.contains("managed")
        switch (physical, managed) {
        case (true, true): return .both
        case (true, false): return .physicalInfrastructure
        case (false, true): return .managedServices
        default: return folded.contains("deux") || folded.contains("both") ? .both : nil
        }
    }

    static func apply(_ row: Row, _ context: inout ListContext) throws -> String {
        // Checked before anything is written (the provider may be new): a refused row leaves nothing behind.
        let numbered = try attestation(certificate: row.certificate, context.db)
        if let owner = numbered?.providerId,
            try context.matcher.provider(named: row.identity.provider, siren: row.identity.siren) != .found(owner)
        {
            throw InputProblem(
                line: row.line, column: "certificate", value: row.certificate,
                message: "this certificate belongs to provider '\(owner)'; check the host name or the number")
        }
        let providerId = try context.provider(row.identity, line: row.line).get()
        // The attestation with this certificate number. Else the provider's only unnumbered certificate (a
        // seeded fact) says which offers the certificate covers, which the ANS list does not: the list's fact
        // takes its scope and is written beside it, superseding it.
        let existing = numbered
        let unnumbered = numbered == nil ? try unnumberedAttestation(providerId: providerId, context.db) : nil
        let scoped = existing ?? unnumbered
        var offers = try scoped.map { try Registry.scope(ofAttestation: $0.id, context.db) } ?? []
        if !row.offers.isEmpty {
            offers = []
            for name in row.offers {
                offers.append(
                    try context.offer(named: name, of: providerId, model: nil, kind: sourceKind, line: row.line))
            }
        }
        // The ANS list certifies a host, not named products: without products the scope stays unspecified.
        let scope: Scope = !offers.isEmpty ? .offers : (scoped?.scope == .provider ? .provider : .unspecified)
        let id = existing?.id ?? "\(providerId)/hds-\(Slug.make(row.certificate))"
        let attestation = Attestation(
            id: id, providerId: providerId, schemeId: "hds", version: row.version ?? existing?.version,
            status: row.status.status, milestone: nil,
            statusSince: existing?.status == row.status.status
                ? existing?.statusSince : (existing == nil ? (row.validFrom == nil ? context.day : nil) : context.day),
            scope: scope, hdsPerimeter: row.perimeter ?? existing?.hdsPerimeter, certificateRef: row.certificate,
            issuer: row.certifier ?? existing?.issuer, issuedOn: row.validFrom ?? existing?.issuedOn,
            expiresOn: Cell.keptEnd(start: row.validFrom, end: row.validUntil, stored: existing?.expiresOn),
            note: row.status.note ?? existing?.note,
            source: context.source,
            sourceKind: sourceKind,
            verifiedOn: existing.flatMap { $0.origin == .hds ? $0.verifiedOn : nil } ?? context.day,
            origin: .hds)
        try context.write(
            AttestationEntry(
                attestation: attestation, offers: scope == .offers ? offers : [], activities: row.activities),
            existing: existing)
        context.noteEnded(attestation.status, until: attestation.expiresOn, line: row.line)
        return id
    }

    /// The provider's HDS attestation without a number, when it has exactly one: a seeded fact that a row
    /// naming the provider's certificate now confirms.
    static func unnumberedAttestation(providerId: String, _ db: Database) throws -> Attestation? {
        let unnumbered = try Attestation.fetchAll(db.cachedStatement(sql: unnumberedSQL), arguments: [providerId])
        return unnumbered.count == 1 ? unnumbered[0] : nil
    }

    /// By provider, not by scheme: a list imports one row after another.
    static let unnumberedSQL = """
        SELECT * FROM attestation WHERE providerId = ? AND +schemeId = 'hds' AND certificateRef IS NULL LIMIT 2
        """

    static func attestation(certificate: String, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM attestation WHERE schemeId = 'hds' AND certificateRef = ?"),
            arguments: [certificate])
    }

    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String? {
        guard let certificate = identity.key.first else { return nil }
        return try attestation(certificate: certificate, context.db)?.id
    }

    static func currentEntries(_ context: ListContext) throws -> RowCursor {
        try GRDB.Row.fetchCursor(
            context.db, sql: "SELECT rowid, id FROM attestation WHERE origin = 'hds' AND status <> 'withdrawn'")
    }

    static func withdraw(_ id: String, _ context: inout ListContext) throws {
        try context.withdrawAttestation(id)
    }
}

extension Registry {
    /// The offers an attestation's scope names.
    static func scope(ofAttestation id: String, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT offerId FROM attestationOffer WHERE attestationId = ? ORDER BY offerId", arguments: [id])
    }
}
