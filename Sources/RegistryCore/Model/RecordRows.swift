import GRDB

// Hand-written row conversions for the records a list import reads and writes for every row: GRDB's
// Codable path cost about a fifth of a long list's import. Column names are the records' coding keys.

extension Provider {
    public init(row: Row) throws {
        self.init(
            id: row["id"], name: row["name"], legalName: row["legalName"], entityId: row["entityId"],
            hqCountry: row["hqCountry"], siren: row["siren"], website: row["website"], note: row["note"],
            source: row["source"], sourceKind: row["sourceKind"], verifiedOn: row["verifiedOn"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["legalName"] = legalName
        container["entityId"] = entityId
        container["hqCountry"] = hqCountry
        container["siren"] = siren
        container["website"] = website
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
    }
}

extension Offer {
    public init(row: Row) throws {
        self.init(
            id: row["id"], providerId: row["providerId"], name: row["name"], serviceModel: row["serviceModel"],
            runsOnOfferId: row["runsOnOfferId"], adminCountry: row["adminCountry"], note: row["note"],
            source: row["source"], sourceKind: row["sourceKind"], verifiedOn: row["verifiedOn"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["providerId"] = providerId
        container["name"] = name
        container["serviceModel"] = serviceModel
        container["runsOnOfferId"] = runsOnOfferId
        container["adminCountry"] = adminCountry
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
    }
}

extension Attestation {
    public init(row: Row) throws {
        self.init(
            id: row["id"], providerId: row["providerId"], schemeId: row["schemeId"], version: row["version"],
            status: row["status"], milestone: row["milestone"], statusSince: row["statusSince"], scope: row["scope"],
            hdsPerimeter: row["hdsPerimeter"], certificateRef: row["certificateRef"], issuer: row["issuer"],
            issuedOn: row["issuedOn"], expiresOn: row["expiresOn"], note: row["note"], source: row["source"],
            sourceKind: row["sourceKind"], verifiedOn: row["verifiedOn"], origin: row["origin"], via: row["via"],
            publication: row["publication"], decisionYear: row["decisionYear"], decisionUrl: row["decisionUrl"],
            edition: row["edition"], copySha256: row["copySha256"], page: row["page"], listedName: row["listedName"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["providerId"] = providerId
        container["schemeId"] = schemeId
        container["version"] = version
        container["status"] = status
        container["milestone"] = milestone
        container["statusSince"] = statusSince
        container["scope"] = scope
        container["hdsPerimeter"] = hdsPerimeter
        container["certificateRef"] = certificateRef
        container["issuer"] = issuer
        container["issuedOn"] = issuedOn
        container["expiresOn"] = expiresOn
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
        container["origin"] = origin
        container["via"] = via
        container["publication"] = publication
        container["decisionYear"] = decisionYear
        container["decisionUrl"] = decisionUrl
        container["edition"] = edition
        container["copySha256"] = copySha256
        container["page"] = page
        container["listedName"] = listedName
    }
}
