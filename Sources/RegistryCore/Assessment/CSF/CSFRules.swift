import Foundation
import GRDB

/// One offer's CSF answers and levels: the registry's indicative reading, every answer derived by a named
/// rule from cited facts, or unknown.
public struct CSFAssessment: Hashable, Sendable {
    public var offer: Offer
    public var provider: Provider
    public var day: Day
    /// One per criterion, in the framework's order.
    public var answers: [CSFAnswer]
    public var levels: CSFLevels
}

extension Registry {
    /// The CSF levels of an offer on `day`, with `weights` (`csf-2026` by default). A provider's id is a usage
    /// error naming its offers: levels are per offer.
    public func assessCSF(_ id: String, on day: Day, weights: CSF.Weights = CSF.weights[0]) throws -> CSFAssessment {
        try guardingDatabaseErrors {
            try read { db in
                guard let offer = try Offer.fetchOne(db, key: id) else {
                    if try Provider.fetchOne(db, key: id) != nil {
                        let offers = try String.fetchAll(
                            db, sql: "SELECT id FROM offer WHERE providerId = ? ORDER BY id", arguments: [id])
                        throw RegistryError.usage(
                            "CSF levels are computed per offer; assess one of \(id)'s offers: "
                                + (offers.isEmpty ? "it has none recorded" : offers.joined(separator: ", ")))
                    }
                    throw try Registry.unknownId(id, db)
                }
                return try CSFRules(assessor: Assessor(db: db, day: day, listsAttestations: false))
                    .assess(offer, weights: weights)
            }
        }
    }
}

/// A CSF answer recorded by a person that the registry's derivation disagrees with (`registry conflicts`).
public struct CSFConflict: Hashable, Sendable {
    public var offerId: String
    public var answer: CSFAnswer
    public var recorded: CSFRecordedAnswer
}

extension Registry {
    /// Every answer recorded by a person that the registry's own rule leaves no room for, on `day`.
    public func csfConflicts(on day: Day) throws -> [CSFConflict] {
        try guardingDatabaseErrors {
            try read { db in
                let rules = CSFRules(assessor: Assessor(db: db, day: day, listsAttestations: false))
                var conflicts: [CSFConflict] = []
                let recorded = try CSFRecordedAnswer.order(Column("offerId"), Column("criterion")).fetchAll(db)
                for (offerId, answers) in Dictionary(grouping: recorded, by: \.offerId).sorted(by: { $0.key < $1.key })
                {
                    let offer = try db.existingRecord(Offer.self, id: offerId)
                    let csf = try rules.assess(offer, weights: CSF.weights[0])
                    for answer in csf.answers where answer.disagreement != nil {
                        guard let mine = answers.first(where: { $0.criterion == answer.criterion }) else { continue }
                        conflicts.append(CSFConflict(offerId: offerId, answer: answer, recorded: mine))
                    }
                }
                return conflicts
            }
        }
    }
}

/// The registry's own rules, one per criterion it can read from facts (documented in docs/csf.md). Criteria
/// about legal entities are answered for the offer's provider, its controlling holders and every provider it
/// runs on: the weakest answer wins and names who set it.
struct CSFRules {
    let assessor: Assessor
    var db: Database { assessor.db }
    /// What one assessment has read already.
    final class Memo {
        var controls: [String: Control] = [:]
    }
    let memo = Memo()

    static let entityCriteria: Set<String> = ["1.1", "1.2", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.6"]
    /// The criteria some rule of the registry derives from facts; the others only a person can answer.
    static let derivable: Set<String> = [
        "1.1", "1.4", "2.1", "2.2", "2.3", "3.1", "3.4", "4.2", "4.4", "4.6", "5.6", "6.3", "7.1", "7.3",
    ]

    func assess(_ offer: Offer, weights: CSF.Weights) throws -> CSFAssessment {
        let provider = try db.existingRecord(Provider.self, id: offer.providerId)
        let eu = try assessor.eu()
        let subjects = try legalSubjects(offer, provider, eu: eu)
        var answers: [String: CSFAnswer] = [:]
        for id in ["1.1", "1.4", "2.2", "2.3"] {
            answers[id] = weakest(try subjects.map { try entityAnswer(id, $0, eu: eu) })
        }
        answers["3.4"] = try dataLocation(offer)
        answers["4.2"] = operations(offer, eu: eu)
        let runsOn = subjects.filter(\.runsOn)
        answers["4.6"] = try subcontractors(runsOn, eu: eu)
        answers["5.6"] = try singlePoint(offer, runsOn, eu: eu)
        answers["7.1"] = try certification(offer)
        for answer in try termAnswers(offer, provider, eu: eu) { answers[answer.criterion] = answer }
        for recorded in try CSFRecordedAnswer.filter(Column("offerId") == offer.id).fetchAll(db) {
            answers[recorded.criterion] = assessed(recorded, derived: answers[recorded.criterion])
        }
        let all = CSF.criteria.map { answers[$0.id] ?? .unknown($0.id) }
        return CSFAssessment(
            offer: offer, provider: provider, day: assessor.day, answers: all,
            levels: CSFLevels(Dictionary(uniqueKeysWithValues: all.map { ($0.criterion, $0) }), weights: weights))
    }

    /// A person's answer, with its source. Where the registry's derivation leaves it no room, the weaker of the
    /// two stands and the disagreement is said: a recorded answer never lifts what the facts hold down.
    func assessed(_ recorded: CSFRecordedAnswer, derived: CSFAnswer?) -> CSFAnswer {
        let cited = CitedFact(
            kind: "csf-answer", id: "\(recorded.offerId) \(recorded.criterion)",
            text: Phrase("answer \(recorded.rung) recorded", fr: "réponse \(recorded.rung) enregistrée")
                + Phrase(same: recorded.note.map { ": \($0)" } ?? ""), source: recorded.source,
            sourceKind: recorded.sourceKind, verifiedOn: recorded.verifiedOn)
        var answer = CSFAnswer(
            criterion: recorded.criterion, kind: .assessed, rungs: recorded.rung...recorded.rung, rule: nil,
            explanation: Phrase(
                "answered by a person, with its source", fr: "répondu par une personne, avec sa source"),
            evidence: [cited])
        if let derived, derived.kind == .derived, !derived.rungs.contains(recorded.rung) {
            let low = min(recorded.rung, derived.rungs.lowerBound)
            answer.rungs = low...min(recorded.rung, derived.rungs.upperBound)
            let (rung, rungs) = (recorded.rung, "\(derived.rungs.lowerBound)–\(derived.rungs.upperBound)")
            answer.explanation = Phrase(
                "DISAGREEMENT: recorded as rung \(rung), but \(derived.rule ?? "the registry's rule") finds rungs \(rungs) "
                    + "(\(derived.explanation.english)); the weaker stands",
                fr:
                    "DÉSACCORD : enregistrée à l'échelon \(rung), mais \(derived.rule ?? "la règle du registre") trouve les "
                    + "échelons \(rungs) (\(derived.explanation.french)) ; la plus faible s'applique")
            answer.evidence += derived.evidence
            answer.setBy = derived.setBy
            answer.disagreement = CSFAnswer.Disagreement(
                recordedRung: recorded.rung, rule: derived.rule, derivedRungs: derived.rungs,
                explanation: derived.explanation)
        }
        return answer
    }

    /// The weakest of several entities' answers: the lowest rungs still possible, and who set the highest.
    func weakest(_ answers: [CSFAnswer]) -> CSFAnswer {
        guard
            var result = answers.min(by: {
                ($0.rungs.upperBound, $0.rungs.lowerBound) < ($1.rungs.upperBound, $1.rungs.lowerBound)
            })
        else { return .unknown("") }
        let low = answers.map(\.rungs.lowerBound).min() ?? 1
        result.rungs = min(low, result.rungs.upperBound)...result.rungs.upperBound
        if answers.count > 1 {
            let setters = answers.compactMap(\.setBy).joined(separator: ", ")
            result.explanation =
                result.explanation + Phrase(" (the weakest of \(setters))", fr: " (la plus faible de \(setters))")
        }
        return result
    }
}

/// An entity the depth rule reaches: the offer's provider, a controlling holder, or a provider it runs on.
struct LegalSubject {
    var name: String
    var country: String?
    /// The entity whose holders are looked through, when recorded.
    var entityId: String?
    /// A provider (whose SecNumCloud 3.2 qualification in force is ANSSI's finding on §19.6).
    var provider: Provider?
    /// Reached through runs-on links.
    var runsOn = false
    var cited: CitedFact
}

extension CSFRules {
    func legalSubjects(_ offer: Offer, _ provider: Provider, eu: Set<String>) throws -> [LegalSubject] {
        var subjects = [subject(provider)]
        var seen: Set<String> = [offer.id]
        var next = offer.runsOnOfferId
        while let id = next, seen.insert(id).inserted, let base = try Offer.fetchOne(db, key: id) {
            let owner = try db.existingRecord(Provider.self, id: base.providerId)
            if !subjects.contains(where: { $0.provider?.id == owner.id }) {
                var reached = subject(owner)
                reached.runsOn = true
                reached.cited.text =
                    reached.cited.text
                    + Phrase(" (\(offer.id) runs on \(base.id))", fr: " (\(offer.id) repose sur \(base.id))")
                subjects.append(reached)
            }
            next = base.runsOnOfferId
        }
        // Controlling holders that are legal entities (companies, funds): a family or a state has no seat, and
        // its country already counts in the look-through of the company it holds.
        for root in subjects.compactMap(\.entityId) {
            for holder in try controllingHolders(of: root)
            where [.company, .fund].contains(holder.kind) && !subjects.contains(where: { $0.entityId == holder.id }) {
                subjects.append(
                    LegalSubject(
                        name: holder.name, country: holder.country, entityId: holder.id, provider: nil,
                        cited: CitedFact(
                            kind: "entity", id: holder.id,
                            text: Phrase(
                                "\(holder.name), a controlling holder, seat \(holder.country ?? "unknown")",
                                fr: "\(holder.name), détenteur de contrôle, siège \(holder.country ?? "inconnu")"),
                            source: holder.source, sourceKind: holder.sourceKind, verifiedOn: holder.verifiedOn)))
            }
        }
        return subjects
    }

    /// A provider as an entity of the depth rule, citing its seat.
    func subject(_ provider: Provider) -> LegalSubject {
        LegalSubject(
            name: provider.name, country: provider.hqCountry, entityId: provider.entityId, provider: provider,
            cited: CitedFact(
                kind: "provider", id: provider.id,
                text: Phrase(
                    "\(provider.name), seat \(provider.hqCountry ?? "unknown")",
                    fr: "\(provider.name), siège \(provider.hqCountry ?? "inconnu")"),
                source: provider.source, sourceKind: provider.sourceKind, verifiedOn: provider.verifiedOn))
    }

    /// The holders above `root` along controlling edges (more than 50 % of votes, or of capital when votes are
    /// not given, or marked controlling), nearest first.
    private func controllingHolders(of root: String) throws -> [Entity] {
        try Entity.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH RECURSIVE holder(id, depth) AS (
                        SELECT ?, 0
                        UNION
                        SELECT ownership.ownerId, holder.depth + 1 FROM ownership JOIN holder ON ownership.ownedId = holder.id
                        WHERE holder.depth < 32 AND (ownership.controlling = 1
                           OR coalesce(ownership.votingPercent, ownership.capitalPercent) > 50))
                    SELECT entity.* FROM holder JOIN entity ON entity.id = holder.id
                    WHERE holder.depth > 0 GROUP BY entity.id ORDER BY min(holder.depth), entity.id
                    """), arguments: [root])
    }
}
