import Foundation
import GRDB

/// ANSSI's catalogue imported as published: one edition, the whole truth for the qualified SecNumCloud services
/// (publication `anssi-catalogue`) and nothing else. A qualification is its decision (year, number); each fact
/// cites the edition, the copy's SHA-256, the page and the decision's link.
enum CatalogueImport {
    static let url =
        "https://messervices.cyber.gouv.fr/visas/catalogue-produits-services-profils-de-protection-sites-certifies-qualifies-agrees-anssi.pdf"

    static func source(_ catalogue: AnssiCatalogue) -> String {
        "\(url) — ANSSI, « Catalogue des produits, services et sites certifiés, qualifiés et agréés », section 3.3, "
            + catalogue.editionWords
    }

    static func run(
        _ catalogue: AnssiCatalogue, copySha256: String, options: ImportOptions, db: Database, facts: FactWriter,
        report: inout ImportReport
    ) throws {
        report.counts.read = catalogue.rows.count
        report.edition = catalogue.editionWords
        switch try EditionOrder.check(catalogue, copySha256: copySha256, db) {
        case .refused(let message):
            return report.reject(InputProblem(line: nil, column: nil, value: nil, message: message))
        case .sameEdition(let message):
            report.notes.append(message)
            return
        case .newer:
            break
        }
        var context = ListContext(
            db: db, facts: facts, matcher: try ProviderMatcher(db), day: options.day, source: source(catalogue))
        for row in catalogue.rows {
            do {
                let id = try apply(row, catalogue, copySha256: copySha256, &context)
                if let rowid = try context.rowid(of: id, in: "attestation") {
                    context.seen.insert(rowid, line: row.line)
                }
            } catch let problem as InputProblem {
                report.reject(problem)
            }
        }
        guard report.status != .rejected else { return }
        // The page of the row that named each: a line is counted within its page.
        report.unmatched = Array(try context.unmatchedWithSuggestions().prefix(options.listLimit)).map { name in
            var placed = name
            placed.page =
                catalogue.rows.first {
                    $0.line == name.line && (name.kind == .provider ? $0.provider : $0.service) == name.name
                }?.page
            return placed
        }
        report.notes += context.notes
        try withdrawAbsent(catalogue, &context, options: options, report: &report)
        guard report.status != .rejected else { return }
        try db.execute(
            sql: """
                INSERT INTO publicationEdition (publication, stamp, editionOn, copySha256, runId)
                VALUES ('anssi-catalogue', ?, ?, ?, (SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1))
                """, arguments: [catalogue.stamp, catalogue.editionOn, copySha256])
    }

    /// Lands a row on its qualification: the one with its decision (a rename keeps it, the old name an
    /// alias); else, a new decision on the offer of that name (a renewal), or on a new offer.
    private static func apply(
        _ row: AnssiCatalogue.Row, _ catalogue: AnssiCatalogue, copySha256: String, _ context: inout ListContext
    ) throws -> String {
        let place = "page \(row.page), line \(row.line)"
        let byDecision = try attestation(row.decision, context.db)
        let identity = RowIdentity(provider: row.provider, siren: nil, key: [row.service, "\(row.decision)"])
        if let owner = byDecision?.providerId,
            try context.matcher.provider(named: row.provider, siren: nil) != .found(owner)
        {
            throw InputProblem(
                record: place, column: "decision", value: "\(row.decision)",
                message:
                    "decision \(row.decision) belongs to provider '\(owner)', not « \(row.provider) »; add the name as its alias (registry alias add) if it is the same"
            )
        }
        let providerId: String
        switch try context.provider(identity, line: row.line) {
        case .success(let id): providerId = id
        case .failure(var problem):
            problem.record = place
            throw problem
        }
        let offerId = try offer(of: row, providerId: providerId, byDecision: byDecision, place: place, &context)
        // A service the in-qualification page listed becomes qualified: one fact's lifecycle, in its history.
        let decided = try byDecision ?? inQualification(offerId, context.db)
        try keepNames(row, offerId: offerId, decided: decided, &context)
        try addModels(row.models, to: offerId, context.facts)
        let granted = decided.map { $0.status == .qualified } ?? false
        let fact = Attestation(
            id: try decided?.id ?? freeId(providerId: providerId, decision: row.decision, context.db),
            providerId: providerId, schemeId: "secnumcloud", version: decided?.version, status: .qualified,
            milestone: nil,
            // Unknown start: counted from the first edition that showed it, never before. Back on the list after
            // an edition left it out: from this edition, never over the days the list said it was gone.
            statusSince: granted
                ? decided?.statusSince
                : decided?.status == .withdrawn ? catalogue.editionOn : (row.startsOn ?? catalogue.editionOn),
            scope: .offers, hdsPerimeter: nil, certificateRef: row.decision.number, issuer: decided?.issuer,
            issuedOn: row.startsOn, expiresOn: row.endsOn,
            note: row.recommendation.map { "Niveau de recommandation : \($0)" },
            source: context.source, sourceKind: .officialList, verifiedOn: context.day, origin: .secnumcloud,
            via: nil, publication: .anssiCatalogue, decisionYear: row.decision.year, decisionUrl: row.decision.url,
            edition: catalogue.editionWords, copySha256: copySha256, page: row.page, listedName: row.service)
        try context.write(AttestationEntry(attestation: fact, offers: [offerId]), existing: decided)
        if let end = row.endsOn, end < context.day {
            context.notes.append(
                "page \(row.page), line \(row.line): decision \(row.decision) is listed until \(end), already past on \(context.day): stored as the catalogue says, it counts as ended"
            )
        }
        return fact.id
    }

    /// `ovhcloud/secnumcloud-2279`, named after its decision; with the year when that id is taken (ANSSI
    /// numbers restart each year).
    static func freeId(providerId: String, decision: AnssiCatalogue.Decision, _ db: Database) throws -> String {
        let exists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM attestation WHERE id = ?)")
        let base = "\(providerId)/secnumcloud-\(decision.number)"
        for id in [base, "\(providerId)/secnumcloud-\(decision.year)-\(decision.number)"]
        where try Bool.fetchOne(exists, arguments: [id]) != true {
            return id
        }
        throw InputProblem(
            column: "decision", value: "\(decision)",
            message: "another fact holds this decision's id; check the registry")
    }

    /// The offer a row lands on: the one its decision covers (unless the row names another: a conflict), else
    /// the offer of that name, created when new.
    private static func offer(
        of row: AnssiCatalogue.Row, providerId: String, byDecision: Attestation?, place: String,
        _ context: inout ListContext
    ) throws -> String {
        guard let byDecision, let covered = try Registry.scope(ofAttestation: byDecision.id, context.db).first else {
            return try context.offer(
                named: row.service, of: providerId, model: row.models.first, kind: .officialList, line: row.line)
        }
        do {
            return try context.offer(
                holding: "\(row.decision)", covered: covered, named: row.service, line: row.line, aliasing: false)
        } catch var problem as InputProblem {
            problem.record = place
            problem.line = nil
            throw problem
        }
    }

    /// The offer's entry of the in-qualification page (J0–J3), if it has one.
    static func inQualification(_ offerId: String, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT attestation.* FROM attestationOffer
                    JOIN attestation ON attestation.id = attestationOffer.attestationId
                    WHERE attestationOffer.offerId = ? AND attestation.schemeId = 'secnumcloud'
                      AND attestation.publication = 'anssi-in-qualification' AND attestation.status = 'in_progress'
                    ORDER BY attestation.id LIMIT 1
                    """), arguments: [offerId])
    }

    /// The qualification with this decision: the same year, or a transcription's number without its year.
    static func attestation(_ decision: AnssiCatalogue.Decision, _ db: Database) throws -> Attestation? {
        try Attestation.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT * FROM attestation WHERE schemeId = 'secnumcloud' AND certificateRef = ?
                      AND (decisionYear = ? OR decisionYear IS NULL)
                    ORDER BY decisionYear IS NULL LIMIT 1
                    """), arguments: [decision.number, decision.year])
    }

    /// The service's name as printed is an alias of its offer; a rename under the same decision keeps the old
    /// name as an alias, and renames an offer that was named after the list.
    private static func keepNames(
        _ row: AnssiCatalogue.Row, offerId: String, decided: Attestation?, _ context: inout ListContext
    ) throws {
        guard var offer = try context.db.record(Offer.self, id: offerId) else { return }
        if let old = decided?.listedName, old != row.service {
            context.notes.append(
                "decision \(row.decision): « \(old) » is now « \(row.service) » (page \(row.page)); the old name stays an alias"
            )
            if offer.name == old {
                try context.facts.addAlias(old, to: offerId, provider: false)
                offer.name = row.service
                try context.facts.save(offer, key: ["id": offerId], id: offerId)
                return
            }
        }
        if offer.name != row.service { try context.facts.addAlias(row.service, to: offerId, provider: false) }
    }

    /// The ticked models the offer does not have yet; none is taken away (another source may know more).
    private static func addModels(_ models: [ServiceModel], to offerId: String, _ facts: FactWriter) throws {
        guard var offer = try facts.db.record(Offer.self, id: offerId) else { return }
        if offer.serviceModel == nil, let first = models.first {
            offer.serviceModel = first
            try facts.save(offer, key: ["id": offerId], id: offerId)
        }
        let known = try ServiceModels.of(offerId, facts.db)
        let others = known.filter { $0 != offer.serviceModel } + models.filter { !known.contains($0) }
        let stored = Set(known.filter { $0 != offer.serviceModel })
        guard Set(others) != stored else { return }
        _ = try facts.replaceLinks(
            "offerServiceModel", "offerId", is: offerId, "model", others.map(\.rawValue).sorted())
        facts.record(
            .updated, table: "offer", id: offerId,
            "service models \(([offer.serviceModel].compactMap { $0 } + others).map(\.rawValue).joined(separator: ", "))"
        )
    }

    /// The catalogue's current entries: not withdrawn, less the decisions a newer one of the same offer replaced.
    static let currentEntries: SQLRequest<Row> = """
        SELECT rowid, id, status FROM attestation AS old
        WHERE origin = 'secnumcloud' AND publication = 'anssi-catalogue' AND status <> 'withdrawn'
          AND NOT \(SecNumCloudList.supersededByAnotherDecision(publication: .anssiCatalogue))
        """

    /// The publication's current entries absent from this edition are withdrawn on the edition's day, unless
    /// that is more than the guard allows. A transcription's entry is the publication's too: the document
    /// never lets a transcription keep alive what it dropped. A decision a newer one of the same offer
    /// replaced stays as it was (a renewal), superseded.
    private static func withdrawAbsent(
        _ catalogue: AnssiCatalogue, _ context: inout ListContext, options: ImportOptions,
        report: inout ImportReport
    ) throws {
        let current = try Row.fetchAll(context.db, currentEntries)
        let absent = current.filter { context.seen.line(of: $0["rowid"]) == nil }.map { $0["id"] as String }.sorted()
        guard !absent.isEmpty else { return }
        let base = current.count - context.newEntries
        let share = base > 0 ? Double(absent.count) * 100 / Double(base) : 100
        if share > options.maxWithdrawnPercent && !options.force {
            return report.reject(
                InputProblem(
                    line: nil, column: nil, value: nil,
                    message: String(
                        format:
                            "this edition would withdraw %d of %d qualified services (%.0f %%), more than --max-withdrawn %.0f %%; "
                            + "a truncated copy? Check it, or pass --force if the catalogue really shrank",
                        absent.count, base, share, options.maxWithdrawnPercent)))
        }
        for id in absent {
            guard var attestation = try context.db.record(Attestation.self, id: id) else { continue }
            attestation.status = .withdrawn
            attestation.milestone = nil
            attestation.statusSince = catalogue.editionOn
            try attestation.update(context.db)
            context.facts.noteWithdrawn(
                table: "attestation", id: id,
                summary: "qualified → withdrawn (absent from the edition \(catalogue.editionWords))")
        }
    }
}

/// Where an edition stands against those the registry already reflects for the publication.
enum EditionOrder {
    case newer
    case sameEdition(String)
    case refused(String)

    /// The newest edition read (imported, or transcribed in the seeds' list editions) decides: an older one is
    /// refused, the same one changes nothing; a document may replace a transcription of its own edition.
    static func check(_ catalogue: AnssiCatalogue, copySha256: String, _ db: Database) throws -> EditionOrder {
        if let (stamp, day) = try newestImported(db) {
            if stamp == catalogue.stamp {
                return .sameEdition(
                    "the edition mis à jour le \(stamp) is already imported; nothing changed")
            }
            if (day, time(stamp)) > (catalogue.editionOn, catalogue.editionTime) {
                return .refused(
                    "this copy is the edition mis à jour le \(catalogue.stamp), older than the edition mis à jour le \(stamp) already imported; "
                        + "import the newest edition (an older one would take back what the newer one says)")
            }
        }
        if let transcribed = try transcribed(db), transcribed > catalogue.editionOn {
            return .refused(
                "this copy is the edition of \(catalogue.editionOn), older than the edition of \(transcribed) the registry already reflects (through a transcription); "
                    + "import the edition of \(transcribed) or a newer one")
        }
        return .newer
    }

    /// Why a transcription of the edition of `day` cannot be imported: the document of a newer edition was read.
    static func transcription(of day: Day, _ db: Database) throws -> String? {
        guard let newest = try newestImported(db), newest.day > day else { return nil }
        return "this transcription is of the edition of \(day), older than the edition mis à jour le "
            + "\(newest.stamp) already read in the document itself; it would take back what that one says"
    }

    /// The newest edition of the catalogue read in the document itself: its stamp and day.
    static func newestImported(_ db: Database) throws -> (stamp: String, day: Day)? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT stamp, editionOn FROM publicationEdition WHERE publication = 'anssi-catalogue'
                ORDER BY editionOn DESC, stamp DESC LIMIT 1
                """
        ).map { ($0["stamp"], $0["editionOn"]) }
    }

    /// The day of the catalogue's edition the registry reflects through a transcription, if it does.
    static func transcribed(_ db: Database) throws -> Day? {
        try Day.fetchOne(db, sql: "SELECT editionOn FROM listEdition WHERE source = 'secnumcloud' AND via IS NOT NULL")
    }

    /// The transcribed edition the registry now reflects for the catalogue, when newer than the one it did.
    static func recordTranscription(of day: Day, file: String, day importDay: Day, _ facts: FactWriter) throws {
        let stored = try ListEdition.fetchOne(facts.db, key: ImportSource.secnumcloud.rawValue)
        guard stored?.editionOn.map({ $0 < day }) ?? true else { return }
        let edition = ListEdition(
            source: .secnumcloud,
            title:
                "ANSSI, catalogue of qualified SecNumCloud services (section 3.3), with the services in qualification",
            url: CatalogueImport.url, editionOn: day, via: "a transcription (\(file)) imported on \(importDay)")
        try facts.save(edition, key: ["source": edition.source.rawValue], id: edition.source.rawValue)
    }

    private static func time(_ stamp: String) -> String {
        stamp.components(separatedBy: " à ").dropFirst().first ?? ""
    }
}

/// An offer's service models: `offer.serviceModel` first, then the others ticked for it.
enum ServiceModels {
    static func of(_ offerId: String, _ db: Database) throws -> [ServiceModel] {
        let first = try ServiceModel.fetchOne(
            db.cachedStatement(sql: "SELECT serviceModel FROM offer WHERE id = ?"), arguments: [offerId])
        let others = try ServiceModel.fetchAll(
            db.cachedStatement(sql: "SELECT model FROM offerServiceModel WHERE offerId = ? ORDER BY model"),
            arguments: [offerId])
        return [first].compactMap { $0 } + others.filter { $0 != first }
    }
}
