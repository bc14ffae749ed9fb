import Foundation

/// What `verify-receipt` found: whether the signature holds, who signed, and how the receipt's results
/// differ from the answer the registry's history gives as of the receipt's time.
public struct ReceiptVerification: Hashable, Sendable {
    public var signatureHolds: Bool
    /// The fingerprint of the key the receipt carries.
    public var signer: String?
    /// Each difference between the results the receipt shows and those derived as of its time, in plain words.
    public var differences: [String]
    /// How many offers the derived answer has.
    public var derivedCount: Int
    /// Offers that match today but not in the receipt, and the reverse.
    public var addedSince: [String]
    public var removedSince: [String]

    /// The receipt proves its content: its signature holds and the history gives exactly its results.
    public var verifies: Bool { signatureHolds && differences.isEmpty }
}

extension Registry {
    // MARK: - Reads

    /// Checks a receipt: its signature over its content, then its results field by field against the answer
    /// derived as of its time, then what changed since. A receipt naming what the registry does not know
    /// (a provider id, a profile) is bad data: `RegistryError.invalidInput` (65).
    public func verify(_ receipt: QueryReceipt, origin: String) throws -> ReceiptVerification {
        func refuse(_ message: String) -> RegistryError {
            .invalidInput(origin: origin, problems: [InputProblem(record: origin, column: nil, message: message)])
        }
        guard let moment = Moment(parsing: receipt.issuedAt) else {
            throw refuse("issuedAt '\(receipt.issuedAt)' is not a moment")
        }
        let signatureHolds = try receipt.signatureHolds()
        let answers: (then: QueryAnswer, now: QueryAnswer)
        do {
            answers = (try asOf(moment).answer(receipt.criteria), try answer(receipt.criteria))
        } catch let error as RegistryError where error.exitCode == 64 {
            throw refuse("its criteria do not fit this registry: \(error)")
        }
        let derived = QueryReceipt.results(answers.then.matches)
        var differences = try Self.differences(shown: receipt.results, derived: derived)
        if let head = receipt.registry.chainHead,
            try read({
                try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM history WHERE hash = ?)", arguments: [head])
            }) != true
        {
            differences.insert(
                "the history the receipt was answered from (chain head \(head.prefix(16))…) is not in this registry: "
                    + "it was rewritten, or the receipt comes from another registry", at: 0)
        }
        let shown = Set(receipt.results.map(\.offerId))
        let current = Set(answers.now.matches.map(\.offer.id))
        return ReceiptVerification(
            signatureHolds: signatureHolds,
            signer: receipt.signature.map { ReceiptKey.fingerprint(ofPublicKey: $0.publicKey) },
            differences: differences,
            derivedCount: derived.count, addedSince: current.subtracting(shown).sorted(),
            removedSince: shown.subtracting(current).sorted())
    }

    /// Field by field: offers only one side has, then for each offer its fields and each attestation's.
    static func differences(shown: [QueryReceipt.Result], derived: [QueryReceipt.Result]) throws -> [String] {
        var lines: [String] = []
        let derivedById = Dictionary(derived.map { ($0.offerId, $0) }, uniquingKeysWith: { first, _ in first })
        let shownIds = Set(shown.map(\.offerId))
        for offer in derived.map(\.offerId) where !shownIds.contains(offer) {
            lines.append("\(offer): in the registry's answer, missing from the receipt")
        }
        for result in shown {
            guard let truth = derivedById[result.offerId] else {
                lines.append("\(result.offerId): in the receipt, not in the registry's answer")
                continue
            }
            lines += try fields(of: result, truth, at: result.offerId, skipping: ["evidence"])
            let truthEvidence = Dictionary(
                truth.evidence.map { ($0.attestationId, $0) }, uniquingKeysWith: { first, _ in first })
            let shownEvidence = Set(result.evidence.map(\.attestationId))
            for item in truth.evidence where !shownEvidence.contains(item.attestationId) {
                lines.append(
                    "\(result.offerId), \(item.attestationId): in the registry's answer, missing from the receipt")
            }
            for item in result.evidence {
                guard let real = truthEvidence[item.attestationId] else {
                    lines.append(
                        "\(result.offerId), \(item.attestationId): in the receipt, not in the registry's answer")
                    continue
                }
                lines += try fields(of: item, real, at: "\(result.offerId), \(item.attestationId)")
            }
        }
        return lines
    }

    /// The members of two records that differ: « status: 'qualified' in the receipt, 'withdrawn' in the
    /// registry ».
    private static func fields<T: Encodable>(of shown: T, _ truth: T, at place: String, skipping: Set<String> = [])
        throws -> [String]
    {
        func members(_ value: T) throws -> [String: String] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let object = try JSONSerialization.jsonObject(with: try encoder.encode(value)) as? [String: Any] ?? [:]
            return object.mapValues { value in
                (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        let (left, right) = (try members(shown), try members(truth))
        return Set(left.keys).union(right.keys).subtracting(skipping).sorted().compactMap { key in
            left[key] == right[key]
                ? nil
                : "\(place): \(key) is \(left[key] ?? "absent") in the receipt, \(right[key] ?? "absent") in the registry"
        }
    }
}
