import GRDB

// Hand-written row conversions for the records an import reads and writes for every row, and those an assessment
// reads for every provider and offer: GRDB's Codable path cost about a fifth of a long list's import, and a tenth
// of `--profile sensitive`. Column names are the records' coding keys.

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

// The records an assessment reads: holders and hosting sites.

extension Entity {
    public init(row: Row) throws {
        self.init(
            id: row["id"], name: row["name"], kind: row["kind"], country: row["country"], note: row["note"],
            source: row["source"], sourceKind: row["sourceKind"], verifiedOn: row["verifiedOn"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["kind"] = kind
        container["country"] = country
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
    }
}

extension Ownership {
    public init(row: Row) throws {
        self.init(
            ownerId: row["ownerId"], ownedId: row["ownedId"], capitalPercent: row["capitalPercent"],
            votingPercent: row["votingPercent"], vetoRight: row["vetoRight"],
            boardMajorityRight: row["boardMajorityRight"], controlling: row["controlling"], asOf: row["asOf"],
            note: row["note"], source: row["source"], sourceKind: row["sourceKind"], verifiedOn: row["verifiedOn"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["ownerId"] = ownerId
        container["ownedId"] = ownedId
        container["capitalPercent"] = capitalPercent
        container["votingPercent"] = votingPercent
        container["vetoRight"] = vetoRight
        container["boardMajorityRight"] = boardMajorityRight
        container["controlling"] = controlling
        container["asOf"] = asOf
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
    }
}

extension Site {
    public init(row: Row) throws {
        self.init(
            id: row["id"], providerId: row["providerId"], code: row["code"], name: row["name"], city: row["city"],
            country: row["country"], note: row["note"], source: row["source"], sourceKind: row["sourceKind"],
            verifiedOn: row["verifiedOn"], role: row["role"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["providerId"] = providerId
        container["code"] = code
        container["name"] = name
        container["city"] = city
        container["country"] = country
        container["note"] = note
        container["source"] = source
        container["sourceKind"] = sourceKind
        container["verifiedOn"] = verifiedOn
        container["role"] = role
    }
}
