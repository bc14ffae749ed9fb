import Foundation
import GRDB

/// The rules on the offer's own facts: where its data is, who runs it, what it runs on, what certifies it, and
/// the terms the framework asks about.
extension CSFRules {
    /// 3.4: every site and the administration in the EEA, each site's role known (primary, disaster recovery,
    /// backup) → « all data exclusively in the EU with no third-country fallback » (5). A site or the
    /// administration outside → an exception (2–4, SEAL-1 at best). All inside but a role or the
    /// administration unknown → a fallback elsewhere cannot be excluded (2–5).
    func dataLocation(_ offer: Offer) throws -> CSFAnswer {
        let hosting = try Registry.hosting(ofOffer: offer.id, db)
        guard !hosting.isEmpty else {
            return .unknown(
                "3.4",
                Phrase(
                    "no hosting site of \(offer.name) is recorded",
                    fr: "aucun site d'hébergement de \(offer.name) n'est enregistré"))
        }
        let admin = try offer.adminCountry.flatMap {
            try Bool.fetchOne(db, sql: "SELECT eea FROM country WHERE code = ?", arguments: [$0])
        }
        var evidence = hosting.map { item in
            CitedFact(
                kind: "site", id: item.site.id,
                text: Phrase.site(item.site.name ?? item.site.code, item.site.country)
                    + Phrase(
                        ", role \(item.site.role?.rawValue ?? "not recorded")",
                        fr: ", rôle \(item.site.role?.rawValue ?? "non enregistré")"),
                source: item.site.source, sourceKind: item.site.sourceKind, verifiedOn: item.site.verifiedOn)
        }
        if let country = offer.adminCountry { evidence.append(administered(offer, country)) }
        let outside = hosting.filter { $0.eea == false }.map { "\($0.site.code) (\($0.site.country ?? "?"))" }
        if !outside.isEmpty || admin == false {
            let country = offer.adminCountry ?? "?"
            let what =
                outside.map { Phrase(same: $0) }
                + (admin == false ? [Phrase("administration (\(country))", fr: "l'administration (\(country))")] : [])
            return derived(
                "3.4", "csf-3.4-location", 2...4,
                Phrase("outside the EEA: ", fr: "hors de l'EEE : ") + Phrase.joined(what, separator: ", "), evidence)
        }
        let open =
            hosting.filter { $0.eea == nil }.map {
                Phrase("the country of \($0.site.code)", fr: "le pays de \($0.site.code)")
            }
            + hosting.filter { $0.site.role == nil }.map {
                Phrase("the role of \($0.site.code)", fr: "le rôle de \($0.site.code)")
            }
            + (admin == nil ? [Phrase("where it is administered from", fr: "le pays d'où elle est administrée")] : [])
        guard open.isEmpty, hosting.contains(where: { $0.site.role == .primary }) else {
            return derived(
                "3.4", "csf-3.4-location", 2...5,
                Phrase(
                    "every recorded site is in the EEA, but a fallback elsewhere cannot be excluded: ",
                    fr: "tous les sites enregistrés sont dans l'EEE, mais un repli ailleurs ne peut être exclu : ")
                    + (open.isEmpty
                        ? Phrase("no primary site is recorded", fr: "aucun site principal n'est enregistré")
                        : Phrase.joined(open, separator: ", ") + Phrase(" not recorded", fr: " : non enregistré")),
                evidence)
        }
        return derived(
            "3.4", "csf-3.4-location", 5...5,
            Phrase(
                "every site (primary, recovery, backup) and the administration are in the EEA",
                fr: "tous les sites (principal, reprise, sauvegarde) et l'administration sont dans l'EEE"), evidence)
    }

    /// 4.2: administered from the EU → the stack is run by EU teams (4–5); from outside → critical operations
    /// by non-EU teams (1).
    func operations(_ offer: Offer, eu: Set<String>) -> CSFAnswer {
        guard let country = offer.adminCountry else {
            return .unknown(
                "4.2",
                Phrase(
                    "where \(offer.name) is administered from is not recorded",
                    fr: "le pays d'où \(offer.name) est administrée n'est pas enregistré"))
        }
        let inside = eu.contains(country)
        return derived(
            "4.2", "csf-4.2-operations", inside ? 4...5 : 1...1,
            inside
                ? Phrase(
                    "\(offer.name) is administered from \(country), in the EU",
                    fr: "\(offer.name) est administrée depuis l'UE (\(country))")
                : Phrase(
                    "\(offer.name) is administered from \(country), outside the EU",
                    fr: "\(offer.name) est administrée depuis l'extérieur de l'UE (\(country))"),
            [administered(offer, country)])
    }

    /// 4.6: the worst provider the offer runs on — controlled from outside the EU → a critical non-EU
    /// subcontractor (2); EU-controlled within §19.6 → 5, past its limits → 4.
    func subcontractors(_ runsOn: [LegalSubject], eu: Set<String>) throws -> CSFAnswer {
        guard !runsOn.isEmpty else {
            return .unknown(
                "4.6",
                Phrase("no offer it runs on is recorded", fr: "aucune offre sur laquelle elle repose n'est enregistrée")
            )
        }
        return weakest(
            try runsOn.map { subject in
                let control = try control(subject, eu: eu)
                let map = { (rung: Int) in rung <= 2 ? 2 : rung }
                var answer = derived(
                    "4.6", "csf-4.6-subcontractors", map(control.rungs.lowerBound)...map(control.rungs.upperBound),
                    Phrase("it runs on \(subject.name): ", fr: "elle repose sur \(subject.name) : ")
                        + control.explanation,
                    control.evidence)
                answer.setBy = subject.name
                return answer
            })
    }

    /// 5.6: a provider it runs on, or a site's operator, controlled from outside the EU → a non-EU dependency
    /// in a critical service (1–3); otherwise the registry cannot tell there is none.
    func singlePoint(_ offer: Offer, _ runsOn: [LegalSubject], eu: Set<String>) throws -> CSFAnswer {
        var operators = runsOn
        for provider in try Provider.fetchAll(
            db,
            sql: """
                SELECT DISTINCT provider.* FROM offerSite JOIN site ON site.id = offerSite.siteId
                JOIN provider ON provider.id = site.providerId
                WHERE offerSite.offerId = ? AND site.providerId <> ?
                """, arguments: [offer.id, offer.providerId])
        where !operators.contains(where: { $0.provider?.id == provider.id }) {
            operators.append(subject(provider))
        }
        for subject in operators {
            let control = try control(subject, eu: eu)
            if control.nonEU == true {
                return derived(
                    "5.6", "csf-5.6-dependency", 1...3,
                    Phrase(
                        "a critical service depends on \(subject.name): ",
                        fr: "un service critique dépend de \(subject.name) : ") + control.explanation, control.evidence)
            }
        }
        return .unknown(
            "5.6",
            Phrase(
                "no dependency on a provider controlled from outside the EU is recorded, which does not show there is none",
                fr:
                    "aucune dépendance envers un fournisseur contrôlé depuis l'extérieur de l'UE n'est enregistrée, ce qui "
                    + "ne montre pas qu'il n'y en a pas"))
    }

    /// 7.1, by the registry's table: no certification recorded → from rung 1; ISO/IEC 27001, 27017, 27018,
    /// 27701, HDS, SOC 2, C5 or EUCS → from rung 3 (EAL2); SecNumCloud 3.2 → from rung 4 (EAL3). The top
    /// rung (EAL4-5, EUCS High) stays possible: the registry does not know every certificate.
    func certification(_ offer: Offer) throws -> CSFAnswer {
        let counting = try Attestation.fetchAll(
            db,
            SQLRequest(
                literal: """
                    SELECT attestation.* FROM offerAttestation
                    JOIN attestation ON attestation.id = offerAttestation.attestationId
                    WHERE offerAttestation.offerId = \(offer.id) AND \(CountingRule(day: assessor.day).counts(offer: "offerAttestation.offerId"))
                    ORDER BY attestation.id
                    """))
        let rung = { (a: Attestation) -> Int in
            a.schemeId == "secnumcloud" && a.version == "3.2"
                ? 4 : Self.certificationSchemes.contains(a.schemeId) || a.schemeId == "secnumcloud" ? 3 : 1
        }
        let best = counting.map(rung).max() ?? 1
        let cited = counting.filter { rung($0) == best }
        return derived(
            "7.1", "csf-7.1-certification", best...5,
            cited.isEmpty
                ? Phrase(
                    "no certification in force is recorded", fr: "aucune certification en vigueur n'est enregistrée")
                : Phrase("in force: ", fr: "en vigueur : ")
                    + Phrase(
                        same: cited.map { "\($0.schemeId) \($0.version ?? "")".trimmingCharacters(in: .whitespaces) }
                            .joined(separator: ", ")),
            cited.map(assessor.fact))
    }

    static let certificationSchemes: Set<String> = [
        "iso27001", "iso27017", "iso27018", "iso27701", "hds", "soc2", "c5", "eucs",
    ]

    private func administered(_ offer: Offer, _ country: String) -> CitedFact {
        CitedFact(
            kind: "offer", id: offer.id, text: Phrase.administered(from: country), source: offer.source,
            sourceKind: offer.sourceKind, verifiedOn: offer.verifiedOn)
    }
}

/// The rules on an offer's terms (`offerTerm`): each cites the term it read.
extension CSFRules {
    func termAnswers(_ offer: Offer, _ provider: Provider, eu: Set<String>) throws -> [CSFAnswer] {
        let terms = Dictionary(
            try OfferTerm.filter(Column("offerId") == offer.id).fetchAll(db).map { ($0.term, $0) },
            uniquingKeysWith: { first, _ in first })
        let cite = { (term: OfferTerm) in
            CitedFact(
                kind: "offer-term", id: "\(offer.id) \(term.term.rawValue)",
                text: Phrase(same: "\(term.term.rawValue): \(term.value)"),
                source: term.source, sourceKind: term.sourceKind, verifiedOn: term.verifiedOn)
        }
        var answers: [CSFAnswer] = []
        func answer(_ id: String, _ rule: String, _ term: OfferTerm, _ rungs: ClosedRange<Int>?, _ why: Phrase) {
            guard let rungs else { return }
            answers.append(derived(id, rule, rungs, why, [cite(term)]))
        }
        let inEU = { (term: OfferTerm) in eu.contains(term.value) }
        if let law = terms[.governingLaw] {
            // « Exclusively EU law » needs the contract and the contracting provider both under it.
            let seatEU = provider.hqCountry.map(eu.contains)
            answer(
                "2.1", "csf-2.1-jurisdiction", law,
                inEU(law) ? (seatEU == true ? 5...5 : seatEU == false ? 2...2 : 2...5) : 1...2,
                Phrase(
                    "the contract is governed by the law of \(law.value); \(provider.name)'s seat: "
                        + (provider.hqCountry ?? "not recorded"),
                    fr: "le contrat relève du droit de \(law.value) ; siège de \(provider.name) : "
                        + (provider.hqCountry ?? "non enregistré")))
        }
        if let keys = terms[.keyCustody] {
            let rungs = Self.keyCustodyRungs[keys.value]
            answer(
                "3.1", "csf-3.1-keys", keys, rungs,
                Phrase("encryption keys: \(keys.value)", fr: "clés de chiffrement : \(keys.value)"))
        }
        if let support = terms[.supportCountry] {
            let escalates = terms[.supportEscalation]?.value
            answer(
                "4.4", "csf-4.4-support", support,
                !inEU(support) || escalates == "yes" ? 1...2 : escalates == "no" ? 3...5 : 1...5,
                Phrase(
                    "support from \(support.value); escalation outside the EU: \(escalates ?? "not recorded")",
                    fr: "support depuis \(support.value) ; escalade hors de l'UE : \(escalates ?? "non enregistrée")"))
        }
        if let soc = terms[.socCountry] {
            answer(
                "7.3", "csf-7.3-soc", soc, inEU(soc) ? 4...5 : 1...3,
                Phrase(
                    "security operations centre in \(soc.value)",
                    fr: "centre opérationnel de sécurité en \(soc.value)"))
        }
        if let licence = terms[.stackLicence] {
            let rungs = Self.licenceRungs[licence.value]
            answer(
                "6.3", "csf-6.3-licence", licence, rungs,
                Phrase("the stack's licence: \(licence.value)", fr: "licence de la pile logicielle : \(licence.value)"))
        }
        return answers.filter { $0.kind == .derived }
    }

    /// 3.1's rungs by who holds the keys; 6.3's by the stack's licence (another value answers nothing).
    static let keyCustodyRungs: [String: ClosedRange<Int>] = [
        "provider-held": 1...1, "customer-managed": 2...3, "customer-held": 4...5,
    ]
    static let licenceRungs: [String: ClosedRange<Int>] = [
        "proprietary": 1...1, "source-available": 2...2, "open-source": 3...5,
    ]
}
