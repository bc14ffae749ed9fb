import Foundation
import GRDB

/// Listings of purchasing bodies (UGAP, RESAH, CAIH): one row per provider, market and lot, optionally per
/// offer. A file speaks for the catalogues it names: their listings absent from it are withdrawn.
enum CatalogueList: OfficialList {
    struct Row {
        var identity: RowIdentity
        var line: Int
        var catalogue: String
        var offer: String?
        var market: String
        var reference: String?
        var intermediary: String?
        var lot: String?
        var validFrom: Day?
        var validUntil: Day?
    }

    static let columns = [
        ColumnSpec(
            "catalogue", required: true, ["vehicle", "centrale", "centrale d achat", "vehicule", "purchasing body"]),
        ColumnSpec("provider", required: true, ["fournisseur", "editeur", "prestataire"]),
        ColumnSpec("siren"),
        ColumnSpec("offer", ["offre", "service", "produit"]),
        ColumnSpec("market", required: true, ["marche", "nom du marche", "market name"]),
        ColumnSpec("reference", ["reference du marche", "numero de marche", "market reference", "ref"]),
        ColumnSpec("intermediary", ["titulaire", "intermediaire", "distributeur", "revendeur", "holder"]),
        ColumnSpec("lot"),
        ColumnSpec("valid_from", ["debut", "date de debut", "debut de validite", "start"]),
        ColumnSpec("valid_until", ["fin", "date de fin", "fin de validite", "end", "expires on"]),
    ]
    static let sourceTitle = "purchasing catalogue listings"
    static let sourceKind = SourceKind.officialList
    static let table = "listing"

    static func parse(_ fields: [String], _ map: ColumnMap, line: Int) -> ParsedRow<Row> {
        var errors: [InputProblem] = []
        // Checked against the registry's catalogues when the row is written.
        let catalogue = Cell.required(
            map.value("catalogue", in: fields), column: "catalogue", line: line, into: &errors
        )
        .map(SearchText.fold)
        let provider = Cell.required(
            Cell.text(map.value("provider", in: fields)), column: "provider", line: line, into: &errors)
        let siren = Cell.siren(map.value("siren", in: fields), column: "siren", line: line, into: &errors)
        let market = Cell.required(
            Cell.text(map.value("market", in: fields)), column: "market", line: line, into: &errors)
        let offer = Cell.text(map.value("offer", in: fields))
        let lot = Cell.text(map.value("lot", in: fields))
        let identity = provider.flatMap { provider in
            market.map {
                RowIdentity(provider: provider, siren: siren, key: [catalogue ?? "", $0, lot ?? "", offer ?? ""])
            }
        }
        let (validFrom, validUntil) = Cell.period(
            fields, map, from: "valid_from", until: "valid_until", oneDay: true, line: line, into: &errors
        ) { "ends before it starts (\($0)); check both dates" }
        guard errors.isEmpty, let identity, let catalogue, let market else {
            return ParsedRow(row: nil, identity: identity, errors: errors)
        }
        let row = Row(
            identity: identity, line: line, catalogue: catalogue, offer: offer, market: market,
            reference: Cell.text(map.value("reference", in: fields)),
            intermediary: Cell.text(map.value("intermediary", in: fields)), lot: lot, validFrom: validFrom,
            validUntil: validUntil)
        return ParsedRow(row: row, identity: identity, errors: [])
    }

    static func listingId(providerId: String, catalogue: String, market: String, lot: String?, offerId: String?)
        -> String
    {
        var parts = [catalogue, Slug.make(market)]
        if let lot { parts.append("lot-\(Slug.make(lot))") }
        if let offerId { parts.append(String(offerId.split(separator: "/")[1])) }
        return "\(providerId)/" + parts.joined(separator: "-")
    }

    static func apply(_ row: Row, _ context: inout ListContext) throws -> String {
        guard try Catalogue.exists(context.db, key: row.catalogue) else {
            let known = try String.fetchAll(context.db, sql: "SELECT id FROM catalogue ORDER BY id")
            throw InputProblem(
                line: row.line, column: "catalogue", value: row.catalogue,
                message: "unknown catalogue; use one of: \(known.joined(separator: ", "))")
        }
        let providerId = try context.provider(row.identity, line: row.line).get()
        context.scope.insert(row.catalogue)
        var offerId: String?
        if let name = row.offer {
            offerId = try context.offer(named: name, of: providerId, model: nil, kind: sourceKind, line: row.line)
        }
        let id = listingId(
            providerId: providerId, catalogue: row.catalogue, market: row.market, lot: row.lot, offerId: offerId)
        let existing = try context.db.record(Listing.self, id: id)
        let listing = Listing(
            id: id, catalogueId: row.catalogue, providerId: providerId, market: row.market, reference: row.reference,
            intermediary: row.intermediary, lot: row.lot, scope: offerId == nil ? .provider : .offers,
            validFrom: row.validFrom, validUntil: row.validUntil, withdrawnOn: nil, note: existing?.note,
            source: "\(row.catalogue.uppercased()) catalogue listings", sourceKind: sourceKind,
            verifiedOn: existing?.verifiedOn ?? context.day, origin: .catalogue)
        let outcome = try context.facts.write(ListingEntry(listing: listing, offers: offerId.map { [$0] } ?? []))
        context.count(outcome, wasWithdrawn: existing?.withdrawnOn != nil, table: table, id: id)
        return id
    }

    static func existingEntry(_ identity: RowIdentity, _ context: ListContext) throws -> String? {
        guard
            case .found(let providerId) = try context.matcher.provider(named: identity.provider, siren: identity.siren),
            identity.key.count == 4, !identity.key[0].isEmpty
        else { return nil }
        let offer =
            identity.key[3].isEmpty
            ? nil : try context.matcher.offer(named: identity.key[3], of: providerId, context.db)
        if !identity.key[3].isEmpty && offer == nil { return nil }
        let id = listingId(
            providerId: providerId, catalogue: SearchText.fold(identity.key[0]), market: identity.key[1],
            lot: identity.key[2].isEmpty ? nil : identity.key[2], offerId: offer)
        return try context.db.record(Listing.self, id: id) != nil ? id : nil
    }

    static func currentEntries(_ context: ListContext) throws -> RowCursor {
        try GRDB.Row.fetchCursor(
            context.db,
            sql: """
                SELECT rowid, id FROM listing WHERE origin = 'catalogue' AND withdrawnOn IS NULL
                  AND catalogueId IN (SELECT value FROM json_each(?))
                """,
            arguments: [String(decoding: try JSONEncoder().encode(context.scope.sorted()), as: UTF8.self)])
    }

    static func withdraw(_ id: String, _ context: inout ListContext) throws {
        try context.withdraw(Listing.self, id, table: table) { "absent from the \($0.catalogueId) catalogue" }
    }
}
