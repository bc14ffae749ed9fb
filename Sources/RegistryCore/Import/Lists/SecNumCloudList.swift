import GRDB

/// ANSSI's SecNumCloud publications as a steward transcribes them, in one CSV: one row per service. A qualified
/// row speaks for the catalogue of qualified services, a J0–J3 row for the page of services in qualification;
/// a file speaks only for the publications its rows belong to, and never for what was read in the catalogue's
/// document itself (`--source anssi-catalogue`), which a transcription cannot change.
enum SecNumCloudList: OfficialList {
    struct Row {
        var identity: RowIdentity
        var line: Int
        var service: String
        var serviceModel: ServiceModel?
        var version: String?
        var status: StatusPhrase
        /// ANSSI's decision number: the key of a qualification (a renewal is a new decision).
        var decision: String?
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
        // Optional for ANSSI's catalogue as published, which has no status column (see `status(…)`).
        ColumnSpec("status", ["statut", "etat", "jalon", "milestone", "etape"]),
        ColumnSpec(
            "qualified_on", ["qualifie du", "date de qualification", "qualification date", "qualifie le", "issued on"]),
        ColumnSpec(
            "expires_on",
            [
                "au", "fin de validite", "date de fin de validite", "end of validity", "expiration",
                "date d expiration", "valid until",
            ]),
        ColumnSpec(
            "decision", ["n de decision", "numero de decision", "decision number", "n decision", "decision n"]),
        ColumnSpec(
            "evaluator", ["centre d evaluation", "cesti", "evaluation centre", "evaluation center", "evaluateur"]),
        ColumnSpec("link", ["lien", "url", "page"]),
    ]
    static let sourceTitle =
        "https://messervices.cyber.gouv.fr/visas/catalogue-produits-services-profils-de-protection-sites-certifies-qualifies-agrees-anssi.pdf"
        + " — ANSSI's catalogue of qualified services (section 3.3), with its list of services in qualification"
    static let sourceKind = SourceKind.officialList
    static let table = "attestation"

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row> {
        var errors: [InputProblem] = []
        let provider = Cell.required(
            Cell.text(map.value("provider", in: fields)), column: "provider", line: line, into: &errors)
        let siren = Cell.siren(map.value("siren", in: fields), column: "siren", line: line, into: &errors)
        let service = Cell.required(
            Cell.text(map.value("service", in: fields)), column: "service", line: line, into: &errors)
        let decision = Cell.text(map.value("decision", in: fields))
        let identity = provider.flatMap { provider in
            service.map { RowIdentity(provider: provider, siren: siren, key: [$0] + (decision.map { [$0] } ?? [])) }
        }
        let model = Cell.serviceModel(
            map.value("service_type", in: fields), column: "service_type", line: line, into: &errors)
        let status = Self.status(fields, map, line: line, into: &errors)
        let (qualifiedOn, expiresOn) = Cell.period(
            fields, map, from: "qualified_on", until: "expires_on", line: line, into: &errors
        ) { "ends on or before the qualification date (\($0)); check both dates" }
        guard errors.isEmpty, let identity, let service, let status else {
            return ParsedRow(row: nil, identity: identity, errors: errors)
        }
        let row = Row(
            identity: identity, line: line, service: service, serviceModel: model,
            version: Cell.text(map.value("version", in: fields)), status: status,
            decision: decision, qualifiedOn: qualifiedOn, expiresOn: expiresOn,
            evaluator: Cell.text(map.value("evaluator", in: fields)),
            link: Cell.text(map.value("link", in: fields)))
        return ParsedRow(row: row, identity: identity, errors: [])
    }

    /// The row's status phrase. ANSSI's catalogue of qualified services has no status column: a file with
    /// the catalogue's columns and no status reads a row as « qualifié » only when it gives its decision or a
    /// date of the qualification. Anything else needs a status (a list of services in qualification without
    /// one must never read as qualified).
    static func status(_ fields: [String], _ map: ColumnMap, line: Int, into errors: inout [InputProblem])
        -> StatusPhrase?
    {
        if map.contains("status") || !["decision", "qualified_on", "expires_on"].contains(where: map.contains) {
            return Cell.status(
                map.value("status", in: fields), StatusPhrase.secNumCloud, column: "status", line: line, into: &errors)
        }
        if ["decision", "qualified_on", "expires_on"].contains(where: { map.value($0, in: fields) != nil }) {
            return StatusPhrase(status: .qualified)
        }
        errors.append(
            InputProblem(
                line: line, column: "status", value: nil,
                message:
                    "a row of the catalogue needs its decision number or its dates; else add a status column and write the status"
            ))
        return nil
    }

    /// Lands the row on the qualification it speaks of: the one with its decision number; else the offer's
    /// attestation from this list, unless that one carries another decision (then the row is a renewal, a
    /// new attestation beside it). A fact from another source (the seeds, the press) is never rewritten:
    /// the list's fact is written beside it and supersedes it by precedence.
    static func apply(_ row: Row, _ context: inout ListContext) throws -> String {
        // Checked before anything is written (the provider may be new): a decision belongs to one provider.
        let decided = try row.decision.flatMap { try attestation(decision: $0, context.db) }
        if let owner = decided?.providerId,
            try context.matcher.provider(named: row.identity.provider, siren: row.identity.siren) != .found(owner)
        {
            throw InputProblem(
                line: row.line, column: "decision", value: row.decision,
                message: "this decision belongs to provider '\(owner)'; check the provider name or the number")
        }
        let providerId = try context.provider(row.identity, line: row.line).get()
        let offerId: String
        if let decided, let decision = row.decision,
            let covered = try Registry.scope(ofAttestation: decided.id, context.db).first
        {
            offerId = try context.offer(holding: decision, covered: covered, named: row.service, line: row.line)
        } else {
            offerId = try context.offer(
                named: row.service, of: providerId, model: row.serviceModel, kind: sourceKind, line: row.line)
        }
        var existing = decided
        if existing == nil, let listed = try listedAttestation(offerId: offerId, context.db),
            row.decision == nil || listed.certificateRef == nil
        {
            existing = listed
        }
        let publication: Publication = row.status.status == .inProgress ? .anssiInQualification : .anssiCatalogue
        context.scope.insert(publication.rawValue)
        if let existing, existing.readInDocument {
            context.notes.append(
                "line \(row.line): \(existing.id) was read in the catalogue itself (\(existing.edition ?? "an edition")); a transcription does not change it"
            )
            return existing.id
        }
        let id =
            try existing?.id ?? freeId(providerId: providerId, offerId: offerId, decision: row.decision, context.db)
        let status = row.status.status
        let statusChanged = existing.map { $0.status != status || $0.milestone != row.status.milestone } ?? true
        let fact = Attestation(
            id: id, providerId: providerId, schemeId: "secnumcloud", version: row.version ?? existing?.version,
            status: status, milestone: row.status.milestone,
            statusSince: statusChanged
                // A new entry counts from its decision, else from the edition transcribed, else from the day
                // the transcription was read.
                ? (existing == nil
                    ? (status == .qualified ? row.qualifiedOn ?? context.edition ?? context.day : context.day)
                    : context.day)
                : existing?.statusSince,
            scope: .offers, hdsPerimeter: nil, certificateRef: row.decision ?? existing?.certificateRef,
            issuer: row.evaluator ?? existing?.issuer, issuedOn: row.qualifiedOn ?? existing?.issuedOn,
            expiresOn: Cell.keptEnd(start: row.qualifiedOn, end: row.expiresOn, stored: existing?.expiresOn),
            note: row.status.note ?? existing?.note,
            source: row.link ?? context.source, sourceKind: sourceKind,
            verifiedOn: existing.flatMap { $0.origin == .secnumcloud ? $0.verifiedOn : nil } ?? context.day,
            origin: .secnumcloud, via: context.transcription,
            publication: publication)
        try context.write(AttestationEntry(attestation: fact, offers: [offerId]), existing: existing)
        context.noteEnded(fact.status, until: fact.expiresOn, line: row.line)
        return id
    }

    /// The qualification with this ANSSI decision number, whatever its source.
    static func attestation(decision: String, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM attestation WHERE schemeId = 'secnumcloud' AND certificateRef = ?"),
            arguments: [decision])
    }

    /// The newest attestation this list wrote for exactly this offer, if any.
    static func listedAttestation(offerId: String, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT attestation.* FROM attestationOffer
                    CROSS JOIN attestation ON attestation.id = attestationOffer.attestationId  -- from the offer, not the scheme
                    WHERE attestation.schemeId = 'secnumcloud' AND attestationOffer.offerId = ?
                      AND attestation.origin = 'secnumcloud'
                      AND (SELECT count(*) FROM attestationOffer AS other WHERE other.attestationId = attestation.id) = 1
                    ORDER BY coalesce(attestation.issuedOn, attestation.statusSince) DESC, attestation.id DESC LIMIT 1
                    """), arguments: [offerId])
    }

    /// `ovhcloud/secnumcloud-bare-metal-pod-snc`; with the decision when that id is taken (a renewal, or a
    /// seeded fact of the same name).
    static func freeId(providerId: String, offerId: String, decision: String?, _ db: Database) throws -> String {
        let base = "\(providerId)/secnumcloud-\(offerId.split(separator: "/")[1])"
        let exists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM attestation WHERE id = ?)")
        var candidates = [base] + (decision.map { ["\(base)-\(Slug.make($0))"] } ?? [])
        candidates += (2...).lazy.map { "\(base)-\($0)" }.prefix(1_000)
        for id in candidates where try Bool.fetchOne(exists, arguments: [id]) != true { return id }
        throw InputProblem(
            line: nil, column: "service", value: offerId, message: "too many SecNumCloud attestations for this offer")
    }

    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String? {
        if let decision = identity.key.dropFirst().first, let decided = try attestation(decision: decision, context.db)
        {
            return decided.id
        }
        guard
            case .found(let providerId) = try context.matcher.provider(named: identity.provider, siren: identity.siren),
            let service = identity.key.first,
            let offerId = try context.matcher.offer(named: service, of: providerId, context.db),
            let listed = try listedAttestation(offerId: offerId, context.db)
        else { return nil }
        // Another decision for the same offer is a renewal: a different entry.
        let decision = identity.key.dropFirst().first
        return decision == nil || listed.certificateRef == nil || listed.certificateRef == decision ? listed.id : nil
    }

    /// Current entries: the list's attestations not withdrawn, less those a newer decision of the list for the
    /// same offer has replaced (a renewal leaves the old decision as it was, superseded, not withdrawn).
    static func currentEntries(_ context: ListContext) throws -> RowCursor {
        try GRDB.Row.fetchCursor(
            context.db,
            SQLRequest(
                literal: """
                    SELECT rowid, id FROM attestation AS old
                    WHERE origin = 'secnumcloud' AND status <> 'withdrawn' AND copySha256 IS NULL
                      AND publication IN \(context.scope)
                      AND NOT \(supersededByAnotherDecision(publication: nil))
                    """))
    }

    /// Whether a newer decision covers one of `old`'s offers (a renewal). From `old`'s own offers outwards, in
    /// that order (CROSS JOIN): walking every decision of the list for each entry made an import quadratic.
    static func supersededByAnotherDecision(publication: Publication?) -> SQL {
        let same: SQL =
            publication.map { "AND newer.publication = \($0.rawValue) AND newer.status <> 'withdrawn'" } ?? ""
        return """
            EXISTS (
                SELECT 1 FROM attestationOffer AS mine
                CROSS JOIN attestationOffer AS theirs ON theirs.offerId = mine.offerId
                  AND theirs.attestationId <> mine.attestationId
                CROSS JOIN attestation AS newer ON newer.id = theirs.attestationId
                WHERE mine.attestationId = old.id AND newer.origin = 'secnumcloud' \(same)
                  AND coalesce(newer.issuedOn, '') > coalesce(old.issuedOn, ''))
            """
    }

    static func withdraw(_ id: String, _ context: inout ListContext) throws {
        try context.withdrawAttestation(id)
    }
}
