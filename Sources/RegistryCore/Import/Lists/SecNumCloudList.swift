import GRDB

/// ANSSI's SecNumCloud catalogue and its in-qualification list, in one CSV: one row per service.
enum SecNumCloudList: OfficialList {
    struct Row {
        var identity: RowIdentity
        var line: Int
        var service: String
        var serviceModel: ServiceModel?
        var version: String?
        var status: AttestationStatus
        var milestone: Milestone?
        var qualifiedOn: Day?
        var expiresOn: Day?
        var evaluator: String?
        var link: String?
    }

    static let columns = [
        ColumnSpec("provider", required: true, ["fournisseur", "prestataire", "nom du fournisseur", "societe"]),
        ColumnSpec("siren"),
        ColumnSpec("service", required: true, ["offre", "offer", "nom du service", "service name", "solution"]),
        ColumnSpec("service_type", ["type de service", "type", "service type", "modele", "service model"]),
        ColumnSpec("version", ["referentiel", "version du referentiel", "referential", "referential version"]),
        ColumnSpec("status", required: true, ["statut", "etat", "jalon", "milestone", "etape"]),
        ColumnSpec("qualified_on", ["date de qualification", "qualification date", "qualifie le", "issued on"]),
        ColumnSpec(
            "expires_on",
            [
                "fin de validite", "date de fin de validite", "end of validity", "expiration", "date d expiration",
                "valid until",
            ]),
        ColumnSpec(
            "evaluator", ["centre d evaluation", "cesti", "evaluation centre", "evaluation center", "evaluateur"]),
        ColumnSpec("link", ["lien", "url", "page"]),
    ]
    static let sourceTitle = "ANSSI, SecNumCloud qualified and in-qualification services (cyber.gouv.fr)"
    static let sourceKind = SourceKind.officialList
    static let table = "attestation"

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row> {
        var errors: [RowError] = []
        let provider = Cell.required(
            Cell.text(map.value("provider", in: fields)), column: "provider", line: line, into: &errors)
        let siren = Cell.siren(map.value("siren", in: fields), column: "siren", line: line, into: &errors)
        let service = Cell.required(
            Cell.text(map.value("service", in: fields)), column: "service", line: line, into: &errors)
        let identity = provider.flatMap { provider in
            service.map { RowIdentity(provider: provider, siren: siren, key: [$0]) }
        }
        let model = Cell.serviceModel(
            map.value("service_type", in: fields), column: "service_type", line: line, into: &errors)
        let status = Cell.required(map.value("status", in: fields), column: "status", line: line, into: &errors)
            .flatMap { text -> (AttestationStatus, Milestone?)? in
                guard let parsed = parseStatus(text) else {
                    errors.append(
                        RowError(
                            line: line, column: "status", value: text,
                            message:
                                "expected qualifié, J0, J1, J2, J3, suspendu, retiré or expiré (or qualified, suspended, withdrawn, expired)"
                        ))
                    return nil
                }
                return parsed
            }
        let qualifiedOn = Cell.day(
            map.value("qualified_on", in: fields), column: "qualified_on", line: line, into: &errors)
        let expiresOn = Cell.day(map.value("expires_on", in: fields), column: "expires_on", line: line, into: &errors)
        if let qualifiedOn, let expiresOn, expiresOn <= qualifiedOn {
            errors.append(
                RowError(
                    line: line, column: "expires_on", value: "\(expiresOn)",
                    message: "ends on or before the qualification date (\(qualifiedOn)); check both dates"))
        }
        guard errors.isEmpty, let identity, let service, let status else {
            return ParsedRow(row: nil, identity: identity, errors: errors)
        }
        let row = Row(
            identity: identity, line: line, service: service, serviceModel: model,
            version: Cell.text(map.value("version", in: fields)), status: status.0, milestone: status.1,
            qualifiedOn: qualifiedOn, expiresOn: expiresOn, evaluator: Cell.text(map.value("evaluator", in: fields)),
            link: Cell.text(map.value("link", in: fields)))
        return ParsedRow(row: row, identity: identity, errors: [])
    }

    /// « Qualifié », "J1", « En cours (J2) », « Retiré »...
    static func parseStatus(_ text: String) -> (AttestationStatus, Milestone?)? {
        let folded = SearchText.fold(text)
        for milestone in Milestone.allCases where folded.contains(milestone.rawValue.lowercased()) {
            return (.inProgress, milestone)
        }
        let words: [(String, AttestationStatus)] = [
            ("qualifi", .qualified), ("en cours", .inProgress), ("in progress", .inProgress), ("suspend", .suspended),
            ("retir", .withdrawn), ("withdrawn", .withdrawn), ("expir", .expired),
        ]
        return words.first { folded.contains($0.0) }.map { ($0.1, nil) }
    }

    static func apply(_ row: Row, _ context: inout ListContext) throws -> String {
        let providerId = try context.provider(row.identity, line: row.line).get()
        let offerId = try context.offer(named: row.service, of: providerId, model: row.serviceModel, kind: sourceKind)
        let existing = try existingAttestation(offerId: offerId, context.db)
        let id = existing?.id ?? "\(providerId)/secnumcloud-\(offerId.split(separator: "/")[1])"
        let statusChanged = existing.map { $0.status != row.status || $0.milestone != row.milestone } ?? true
        let attestation = Attestation(
            id: id, providerId: providerId, schemeId: "secnumcloud", version: row.version ?? existing?.version,
            status: row.status, milestone: row.milestone,
            statusSince: statusChanged
                ? (existing == nil ? (row.status == .qualified ? row.qualifiedOn : nil) : context.day)
                : existing?.statusSince,
            scope: .offers, hdsPerimeter: nil, certificateRef: existing?.certificateRef,
            issuer: row.evaluator ?? existing?.issuer, issuedOn: row.qualifiedOn ?? existing?.issuedOn,
            expiresOn: row.expiresOn ?? existing?.expiresOn, note: existing?.note,
            source: row.link ?? context.source, sourceKind: sourceKind,
            verifiedOn: existing.flatMap { $0.origin == .secnumcloud ? $0.verifiedOn : nil } ?? context.day,
            origin: .secnumcloud)
        try context.write(AttestationEntry(attestation: attestation, offers: [offerId]), existing: existing)
        return id
    }

    /// The SecNumCloud attestation that covers exactly this offer, if any.
    static func existingAttestation(offerId: String, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT attestation.* FROM attestationOffer
                    CROSS JOIN attestation ON attestation.id = attestationOffer.attestationId  -- from the offer, not the scheme
                    WHERE attestation.schemeId = 'secnumcloud' AND attestationOffer.offerId = ?
                      AND (SELECT count(*) FROM attestationOffer AS other WHERE other.attestationId = attestation.id) = 1
                    ORDER BY attestation.origin IS NULL, attestation.id LIMIT 1
                    """), arguments: [offerId])
    }

    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String? {
        guard
            case .found(let providerId) = try context.matcher.provider(named: identity.provider, siren: identity.siren),
            let service = identity.key.first,
            let offerId = try context.matcher.offer(named: service, of: providerId, context.db)
        else { return nil }
        return try existingAttestation(offerId: offerId, context.db)?.id
    }

    static func currentEntries(_ context: ListContext) throws -> RowCursor {
        try GRDB.Row.fetchCursor(
            context.db,
            sql: "SELECT rowid, id FROM attestation WHERE origin = 'secnumcloud' AND status <> 'withdrawn'")
    }

    static func withdraw(_ id: String, _ context: inout ListContext) throws {
        try context.withdrawAttestation(id)
    }
}

extension ListContext {
    /// Writes an attestation of the list, counting a withdrawn one that comes back as reinstated.
    mutating func write(_ entry: AttestationEntry, existing: Attestation?) throws {
        // The row's apply has just read the attestation it updates: no need to read it again. (A new id is
        // still looked up: another entry may hold it.)
        var stored: Attestation?? = nil
        if let existing, existing.id == entry.attestation.id { stored = .some(existing) }
        let outcome = try facts.write(entry, stored: stored)
        let back = existing?.status == .withdrawn && entry.attestation.status != .withdrawn
        count(outcome, wasWithdrawn: back, table: "attestation", id: entry.attestation.id)
    }

    /// Counts an entry written by a list: new, or back on the list (reinstated). Neither was current before
    /// this import, so neither is in the base of the withdrawal guard.
    mutating func count(_ outcome: FactWriter.Outcome, wasWithdrawn: Bool, table: String, id: String) {
        if outcome == .inserted { newEntries += 1 }
        if wasWithdrawn && outcome == .updated {
            facts.markReinstated(table: table, id: id)
            newEntries += 1
        }
    }

    /// Marks an attestation absent from its list as withdrawn today; it is kept, never deleted.
    mutating func withdrawAttestation(_ id: String) throws {
        guard var attestation = try db.record(Attestation.self, id: id) else { return }
        let before = attestation.status
        attestation.status = .withdrawn
        attestation.milestone = nil
        attestation.statusSince = day
        try attestation.update(db)
        facts.noteWithdrawn(
            table: "attestation", id: id,
            summary: "\(before.rawValue.replacingOccurrences(of: "_", with: " ")) → withdrawn (absent from the list)")
    }
}
