import Crypto
import Foundation

/// A query receipt of record, for the procurement file: the question, the registry's state, the answer in an
/// encoding the core owns (no renderer's, so that a change to the command line's JSON breaks no receipt), and
/// the issuer's Ed25519 signature over all of it.
///
/// `Registry.verify(_:)` checks the signature, then derives the answer again as of the receipt's time and
/// compares it with the results the receipt shows, field by field: an edited result is a difference whoever
/// signed the edit.
public struct QueryReceipt: Codable, Hashable, Sendable {
    public static let kind = "registry-query-receipt"
    /// Version 1 receipts carried a checksum anyone could recompute; they are not receipts of record.
    public static let currentVersion = 2

    public var receipt = QueryReceipt.kind
    public var version = QueryReceipt.currentVersion
    /// The question in plain French.
    public var question: String
    public var criteria: OfferCriteria
    /// When it was asked: `--as-of` this moment gives the same answer.
    public var issuedAt: String
    /// The schema and each source's last import when it was asked.
    public var registry: RegistryState
    public var results: [Result]
    /// Absent only while the receipt is being signed.
    public var signature: Signature?

    /// The registry's state a receipt records.
    public struct RegistryState: Codable, Hashable, Sendable {
        public var schemaVersion: String
        public var lastImports: [LastImport]
        /// The head of the history's chain when it was asked: the history it was answered from.
        public var chainHead: String?
    }

    public struct LastImport: Codable, Hashable, Sendable {
        public var source: String
        public var runId: Int64?
        public var endedAt: String?
        public var sha256: String?
    }

    /// An offer of the answer, with what showed it.
    public struct Result: Codable, Hashable, Sendable {
        public var providerId: String
        public var providerName: String
        public var offerId: String
        public var offerName: String
        public var evidence: [Evidence]
        /// Site ids with their country: `ovhcloud/gra (FR)`.
        public var hosting: [String]
        /// Listing ids.
        public var catalogues: [String]
        public var flags: [String]
    }

    /// An attestation of the answer, as the receipt records it.
    public struct Evidence: Codable, Hashable, Sendable {
        public var attestationId: String
        public var scheme: String
        public var version: String?
        public var status: AttestationStatus
        public var milestone: Milestone?
        public var statusSince: Day?
        public var reference: String?
        public var issuer: String?
        public var issuedOn: Day?
        public var expiresOn: Day?
        public var activities: [Int]
        public var source: String
        public var sourceKind: SourceKind
        public var via: String?
        public var flags: [String]
    }

    /// Who issued the receipt: the public key, and the signature over the receipt without this member.
    public struct Signature: Codable, Hashable, Sendable {
        public var algorithm = "ed25519"
        /// The signer's public key, base64 (`registry key` prints a desk's own).
        public var publicKey: String
        public var value: String
    }

    /// The receipt of `answer`, asked at `moment`, signed with `key`.
    public init(answer: QueryAnswer, question: String, moment: Moment, status: RegistryStatus, key: ReceiptKey) throws {
        self.question = question
        criteria = answer.criteria
        issuedAt = moment.timestamp
        registry = RegistryState(
            schemaVersion: status.schemaVersion,
            lastImports: status.sources.compactMap { source in
                source.lastRun.map {
                    LastImport(source: source.source, runId: $0.id, endedAt: $0.endedAt, sha256: $0.sha256)
                }
            }, chainHead: status.chainHead)
        results = Self.results(answer.matches)
        signature = try key.sign(self)
    }

    /// The results of matches, in the receipt's encoding.
    static func results(_ matches: [OfferMatch]) -> [Result] {
        matches.map { match in
            Result(
                providerId: match.provider.id, providerName: match.provider.name, offerId: match.offer.id,
                offerName: match.offer.name,
                evidence: match.evidence.map { item in
                    let a = item.attestation
                    return Evidence(
                        attestationId: a.id, scheme: a.schemeId, version: a.version, status: a.status,
                        milestone: a.milestone, statusSince: a.statusSince, reference: a.certificateRef,
                        issuer: a.issuer, issuedOn: a.issuedOn, expiresOn: a.expiresOn, activities: item.activities,
                        source: a.source, sourceKind: a.sourceKind, via: a.via, flags: item.flags)
                },
                hosting: match.hosting.map { "\($0.site.id) (\($0.site.country ?? "country unknown"))" },
                catalogues: match.catalogues.map(\.listing.id), flags: match.flags.map(\.english))
        }
    }

    /// The bytes a signature covers: the receipt without its signature, keys sorted, no spaces.
    func signedBytes() throws -> Data {
        var unsigned = self
        unsigned.signature = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(unsigned)
    }

    /// The file `query --receipt` writes: the same members, indented for a reader.
    public func fileBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// A receipt read from its file; a file that is not one is `RegistryError.invalidInput` (65).
    public init(file data: Data, origin: String) throws {
        let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard header?["receipt"] as? String == Self.kind else {
            throw RegistryError.invalidInput(
                origin: origin,
                problems: [
                    InputProblem(
                        record: origin, column: nil,
                        message: "not a registry query receipt; pass the file `query --receipt` wrote")
                ])
        }
        guard header?["version"] as? Int == Self.currentVersion else {
            throw RegistryError.invalidInput(
                origin: origin,
                problems: [
                    InputProblem(
                        record: origin, column: "version",
                        message:
                            "a receipt of version \(header?["version"] ?? "?"), whose checksum anyone could recompute: "
                            + "it cannot prove its content; ask the registry again with `query --receipt`")
                ])
        }
        do {
            self = try JSONDecoder().decode(QueryReceipt.self, from: data)
        } catch {
            throw RegistryError.invalidInput(
                origin: origin,
                problems: [InputProblem(record: origin, column: nil, message: "a damaged receipt: \(error)")])
        }
        // A receipt is exactly the bytes the registry wrote: a member given twice (which other readers may
        // read otherwise), a member the signature does not cover, or any change of form is refused, so that
        // what verifies is all the file says.
        let written = try fileBytes()
        guard written == data else {
            let offset =
                zip(written, data).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(written.count, data.count)
            throw RegistryError.invalidInput(
                origin: origin,
                problems: [
                    InputProblem(
                        record: origin, column: nil,
                        message:
                            "not exactly the receipt the registry wrote (it differs from byte \(offset) on: a member "
                            + "given twice, a member the signature does not cover, or an edit); ask the registry "
                            + "again with `query --receipt`")
                ])
        }
    }
}

/// An Ed25519 key that signs receipts: a desk's own, or a server's. Kept as its raw 32 bytes (the key type
/// itself is not `Sendable`).
public struct ReceiptKey: Sendable {
    public let rawRepresentation: Data

    /// A new random key.
    public init() {
        rawRepresentation = Curve25519.Signing.PrivateKey().rawRepresentation
    }

    /// The key stored as its raw 32 bytes; other bytes are an error.
    public init(rawRepresentation: Data) throws {
        self.rawRepresentation = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
            .rawRepresentation
    }

    private var key: Curve25519.Signing.PrivateKey {
        // Checked by the initialisers.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)) ?? Curve25519.Signing.PrivateKey()
    }

    /// The public key, base64: what `registry key` prints and a receipt carries.
    public var publicKey: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// A short name for the public key: the first 16 hex digits of its SHA-256.
    public var fingerprint: String { Self.fingerprint(ofPublicKey: publicKey) }

    public static func fingerprint(ofPublicKey publicKey: String) -> String {
        let bytes = Data(base64Encoded: publicKey) ?? Data(publicKey.utf8)
        return Crypto.SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    func sign(_ receipt: QueryReceipt) throws -> QueryReceipt.Signature {
        QueryReceipt.Signature(
            publicKey: publicKey, value: try key.signature(for: try receipt.signedBytes()).base64EncodedString())
    }
}

extension QueryReceipt {
    /// Whether the signature is the one its public key gives over the receipt's content.
    func signatureHolds() throws -> Bool {
        guard let signature, signature.algorithm == "ed25519", let publicKey = Data(base64Encoded: signature.publicKey),
            let value = Data(base64Encoded: signature.value),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(value, for: try signedBytes())
    }
}
