import Foundation
import GRDB

/// The rules, criterion by criterion. Each names itself (`csf-1.1-control`…) and cites every fact it read;
/// where the facts leave several rungs possible, it says which, and never picks one.
extension CSFRules {
    /// Who controls an entity, on the rungs of 1.1: seat outside the EU (1), controlled from outside (2),
    /// EU-controlled past §19.6's limits (4; rung 3 has no points in the calculator), within them (5).
    struct Control {
        var rungs: ClosedRange<Int>
        var explanation: Phrase
        var evidence: [CitedFact]

        /// Controlled from outside the EU for sure (true), EU-controlled for sure (false), or not known.
        var nonEU: Bool? { rungs.upperBound <= 2 ? true : rungs.lowerBound >= 4 ? false : nil }
    }

    /// Who controls `subject`, read once per assessment (four criteria and the runs-on rules ask it).
    func control(_ subject: LegalSubject, eu: Set<String>) throws -> Control {
        let key =
            subject.provider.map { "provider \($0.id)" } ?? subject.entityId.map { "entity \($0)" } ?? subject.name
        if let known = memo.controls[key] { return known }
        let control = try readControl(subject, eu: eu)
        memo.controls[key] = control
        return control
    }

    private func readControl(_ subject: LegalSubject, eu: Set<String>) throws -> Control {
        if let provider = subject.provider, let anssi = try assessor.secNumCloud32InForce(provider) {
            return Control(
                rungs: 5...5,
                explanation: Phrase(
                    "\(subject.name) holds \(anssi.id), a SecNumCloud 3.2 qualification in force: ANSSI found §19.6 met "
                        + "(seat and holders in the EU)",
                    fr: "\(subject.name) détient \(anssi.id), une qualification SecNumCloud 3.2 en vigueur : l'ANSSI a "
                        + "constaté le § 19.6 satisfait (siège et détenteurs dans l'UE)"),
                evidence: [subject.cited, assessor.fact(anssi)])
        }
        guard let country = subject.country else {
            return Control(
                rungs: 1...5,
                explanation: Phrase(
                    "\(subject.name)'s seat is not recorded", fr: "le siège de \(subject.name) n'est pas enregistré"),
                evidence: [subject.cited])
        }
        guard eu.contains(country) else {
            return Control(
                rungs: 1...1,
                explanation: Phrase(
                    "\(subject.name) has its seat in \(country), outside the EU",
                    fr: "\(subject.name) a son siège hors de l'UE (\(country))"),
                evidence: [subject.cited])
        }
        guard let root = subject.entityId else {
            return Control(
                rungs: 2...5,
                explanation: Phrase(
                    "\(subject.name) has its seat in \(country); its holders are not recorded",
                    fr: "\(subject.name) a son siège en \(country) ; ses détenteurs ne sont pas enregistrés"),
                evidence: [subject.cited])
        }
        return try lookedThrough(subject, country: country, root: root, eu: eu)
    }

    /// The control of an entity seated in the EU, from its holders.
    private func lookedThrough(_ subject: LegalSubject, country: String, root: String, eu: Set<String>) throws
        -> Control
    {
        let (look, wording) = try assessor.lookThrough(from: root, eu: eu)
        let evidence = [subject.cited] + look.edges.map(wording.cited)
        let votes = look.votes.largestNonEU ?? look.capital.largestNonEU
        if let votes, votes.share > 50 {
            return Control(
                rungs: 2...2,
                explanation: Phrase(
                    "\(wording.name(votes.entity).english) controls \(subject.name) from outside the EU",
                    fr: "\(wording.name(votes.entity).french) contrôle \(subject.name) depuis l'extérieur de l'UE"),
                evidence: evidence)
        }
        let breaches = wording.breaches(look)
        if !breaches.isEmpty {
            return Control(rungs: 4...4, explanation: Phrase.joined(breaches, separator: "; "), evidence: evidence)
        }
        let unknowns = wording.unknowns(look)
        guard unknowns.isEmpty else {
            let couldControl = (votes?.share ?? 0) + look.votes.unknownShare > 50 || !look.hasHolders || look.cycle
            return Control(
                rungs: (couldControl ? 2 : 4)...5, explanation: Phrase.joined(unknowns, separator: "; "),
                evidence: evidence)
        }
        return Control(
            rungs: 5...5,
            explanation: Phrase(
                "\(subject.name) has its seat in \(country) and its non-EU holders stay within §19.6's limits",
                fr: "\(subject.name) a son siège en \(country) et ses détenteurs hors UE restent dans les limites du "
                    + "§ 19.6"),
            evidence: evidence)
    }

    /// 1.1, 1.4, 2.2 and 2.3 for one entity of the depth rule.
    func entityAnswer(_ id: String, _ subject: LegalSubject, eu: Set<String>) throws -> CSFAnswer {
        let control = try control(subject, eu: eu)
        var answer: CSFAnswer
        switch id {
        case "1.1":
            answer = derived(id, "csf-1.1-control", control.rungs, control.explanation, control.evidence)
        case "1.4":
            answer = try financialIndependence(subject, eu: eu)
        case "2.2", "2.3":
            answer = extraterritorial(id, subject, control)
        default:
            answer = .unknown(id)
        }
        answer.setBy = subject.name
        return answer
    }

    /// 2.2 and 2.3: a SecNumCloud 3.2 qualification in force is the top answer (ANSSI checked the immunity
    /// criteria of §19.6); an entity controlled from outside the EU is capped below (2.2 at rung 3, 2.3 at
    /// rung 4: SEAL-1 either way).
    private func extraterritorial(_ id: String, _ subject: LegalSubject, _ control: Control) -> CSFAnswer {
        let rule = id == "2.2" ? "csf-2.2-extraterritorial" : "csf-2.3-access"
        if control.nonEU == true {
            return derived(
                id, rule, 1...(id == "2.2" ? 3 : 4),
                control.explanation
                    + Phrase(
                        ": exposed to non-EU law with cross-border reach, whatever its contracts say",
                        fr: " : exposé à un droit hors UE de portée extraterritoriale, quels que soient ses contrats"),
                control.evidence)
        }
        if control.rungs == 5...5, control.evidence.contains(where: { $0.kind == "attestation" }) {
            return derived(id, rule, 5...5, control.explanation, control.evidence)
        }
        return .unknown(
            id,
            Phrase(
                "\(subject.name): no SecNumCloud 3.2 qualification in force, and no control from outside the EU recorded",
                fr: "\(subject.name) : aucune qualification SecNumCloud 3.2 en vigueur, et aucun contrôle depuis "
                    + "l'extérieur de l'UE enregistré"))
    }

    /// 1.4 (score only): the share of capital EU holders hold, looked through: 100 % → 5, over 50 % → 4,
    /// 50 % → 3, above 0 → 2, none → 1; shares of unknown country make it a range.
    private func financialIndependence(_ subject: LegalSubject, eu: Set<String>) throws -> CSFAnswer {
        guard let root = subject.entityId else {
            return .unknown(
                "1.4",
                Phrase(
                    "\(subject.name)'s holders are not recorded",
                    fr: "les détenteurs de \(subject.name) ne sont pas enregistrés"))
        }
        let (look, wording) = try assessor.lookThrough(from: root, eu: eu)
        guard look.hasHolders, !look.cycle, look.capital.missingPercentages.isEmpty else {
            return .unknown(
                "1.4",
                Phrase(
                    "\(subject.name)'s capital is not recorded whole",
                    fr: "le capital de \(subject.name) n'est pas enregistré en entier"))
        }
        let nonEU = look.capital.nonEUTotal
        let unknown = look.capital.unknownShare + look.capital.publicFloat
        let rung = { (eu: Double) in eu >= 100 ? 5 : eu > 50 ? 4 : eu == 50 ? 3 : eu > 0 ? 2 : 1 }
        let low = rung(max(0, 100 - nonEU - unknown))
        let high = rung(max(0, 100 - nonEU))
        return derived(
            "1.4", "csf-1.4-capital", low...max(low, high),
            Phrase(
                String(
                    format:
                        "non-EU holders hold %.1f %% of \(subject.name)'s capital, holders of unknown country %.1f %%",
                    nonEU, unknown),
                fr:
                    "des détenteurs hors UE détiennent \(Phrase.frenchNumber(String(format: "%.1f", nonEU))) % du capital de "
                    + "\(subject.name), des détenteurs de pays inconnu \(Phrase.frenchNumber(String(format: "%.1f", unknown))) %"
            ),
            [subject.cited] + look.edges.map(wording.cited))
    }

    func derived(
        _ id: String, _ rule: String, _ rungs: ClosedRange<Int>, _ explanation: Phrase, _ evidence: [CitedFact]
    ) -> CSFAnswer {
        CSFAnswer(
            criterion: id, kind: rungs == 1...5 ? .unknown : .derived, rungs: rungs, rule: rule,
            explanation: explanation, evidence: evidence)
    }
}
