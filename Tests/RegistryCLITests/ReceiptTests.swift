import Foundation
import RegistryRendering
import Testing

@testable import RegistryCLI
@testable import RegistryCore

/// Query receipts: written with the answer, verified later, refused once modified.
@Suite struct ReceiptTests {
    static let day = Day(year: 2026, month: 11, day: 29)!

    func issue(_ registry: Registry, key: ReceiptKey = ReceiptKey()) throws -> QueryReceipt {
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.secnumcloud = true
        let answer = try registry.answer(criteria)
        return try QueryReceipt(
            answer: answer, question: Receipt.question(criteria), moment: registry.clock.now,
            status: try registry.status(on: Self.day), key: key)
    }

    func seeded() throws -> Registry {
        let registry = try Registry.inMemory(clock: .pinned(to: Self.day))
        try registry.loadSeeds()
        return registry
    }

    @Test func aReceiptVerifiesThroughItsFileAndItsSignature() throws {
        let registry = try seeded()
        let receipt = try issue(registry)
        let read = try QueryReceipt(file: try receipt.fileBytes(), origin: "r.json")
        #expect(read == receipt)
        let check = try registry.verify(read, origin: "r.json")
        #expect(check.verifies, "\(check.differences)")
        #expect(check.signer == ReceiptKey.fingerprint(ofPublicKey: receipt.signature?.publicKey ?? ""))
    }

    @Test func anEditedResultIsADifferenceEvenReSignedByTheForger() throws {
        let registry = try seeded()
        var receipt = try issue(registry)
        receipt.results[0].evidence[0].expiresOn = Day(year: 2099, month: 1, day: 1)
        let offer = receipt.results[0].offerId
        // Unsigned edit: the signature no longer holds.
        let edited = try registry.verify(receipt, origin: "r.json")
        #expect(!edited.signatureHolds && !edited.verifies)
        // Re-signed by another key: the signature holds, the content does not.
        let forger = ReceiptKey()
        receipt.signature = try forger.sign(receipt)
        let forged = try registry.verify(receipt, origin: "r.json")
        #expect(forged.signatureHolds && forged.signer == forger.fingerprint)
        #expect(!forged.verifies)
        #expect(
            forged.differences.contains { $0.hasPrefix("\(offer), ") && $0.contains("expiresOn is \"2099-01-01\"") })
    }

    @Test func anOfferAddedToOrRemovedFromAReceiptIsNamed() throws {
        let registry = try seeded()
        var receipt = try issue(registry)
        let removed = receipt.results.removeLast()
        var invented = receipt.results[0]
        invented.offerId = "aws/aws-cloud"
        receipt.results.append(invented)
        let check = try registry.verify(receipt, origin: "r.json")
        #expect(check.differences.contains("\(removed.offerId): in the registry's answer, missing from the receipt"))
        #expect(check.differences.contains("aws/aws-cloud: in the receipt, not in the registry's answer"))
    }

    @Test func aReceiptAnsweredFromAHistoryRewrittenSinceDoesNotVerify() throws {
        let registry = try seeded()
        let receipt = try issue(registry)
        let head = try #require(receipt.registry.chainHead)
        try registry.write { try $0.execute(sql: "DELETE FROM history WHERE hash = ?", arguments: [head]) }
        let check = try registry.verify(receipt, origin: "r.json")
        #expect(!check.verifies)
        #expect(check.differences.first?.contains("is not in this registry") == true)
    }

    @Test func aReceiptOfAnUnknownProviderIsBadData() throws {
        let registry = try seeded()
        var receipt = try issue(registry)
        receipt.criteria.providerId = "no-such-provider"
        let error = #expect(throws: RegistryError.self) { try registry.verify(receipt, origin: "r.json") }
        #expect(error?.exitCode == 65)
    }

    /// What verifies is all the file says: a key given twice (Python, JavaScript and jq read the last one), a
    /// member outside the signed encoding, or a change of form is refused before any signature is checked.
    @Test func aReceiptIsExactlyItsSignedContent() throws {
        let registry = try seeded()
        let written = String(decoding: try issue(registry).fileBytes(), as: UTF8.self)
        let twice = written.replacingOccurrences(
            of: "\"status\" : \"qualified\",", with: "\"status\" : \"qualified\",\n \"status\" : \"qualified\",")
        let verdict = written.replacingOccurrences(
            of: "{\n  \"criteria\"", with: "{\n  \"verdict\" : \"Toutes ces offres sont qualifiées\",\n  \"criteria\"")
        for edited in [twice, verdict, written.replacingOccurrences(of: "\n", with: "\r\n")] {
            #expect(edited != written)
            let error = #expect(throws: RegistryError.self) {
                try QueryReceipt(file: Data(edited.utf8), origin: "r.json")
            }
            #expect(error?.exitCode == 65)
            #expect("\(error.map { "\($0)" } ?? "")".contains("not exactly the receipt the registry wrote"))
        }
        #expect(throws: Never.self) { try QueryReceipt(file: Data(written.utf8), origin: "r.json") }
    }

    @Test func aVersion1ReceiptIsRefusedAsUnprovable() throws {
        let old = Data(#"{"receipt": "registry-query-receipt", "version": 1, "sha256": "00"}"#.utf8)
        let error = #expect(throws: RegistryError.self) { try QueryReceipt(file: old, origin: "old.json") }
        #expect(error?.exitCode == 65)
        #expect("\(error.map { "\($0)" } ?? "")".contains("anyone could recompute"))
    }

    @Test func theQuestionIsWrittenInPlainFrench() {
        var criteria = OfferCriteria(validOn: Day(year: 2026, month: 3, day: 1)!)
        criteria.hdsActivities = [1, 5]
        criteria.hostedIn = "EEA"
        criteria.profile = "health"
        #expect(
            Receipt.question(criteria)
                == "Quelles offres d'informatique en nuage sont certifiées HDS pour les activités 1, 5, hébergeant les données dans l'Espace économique européen au 01/03/2026, selon le profil « health » ?"
        )
    }
}

extension EndToEndTests {
    @Test func aReceiptVerifiesAndAForgedOneDoesNotEvenWithItsChecksumRedone() throws {
        let path = runner.folder.appendingPathComponent("receipt.json").path
        let query = try runner.run([
            "query", "--secnumcloud", "--valid-on", "2026-11-29", "--receipt", path, "--format", "json",
        ])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stderr.contains("receipt written to \(path), signed with key"))
        let key = runner.folder.appendingPathComponent("config/registry/receipt-signing.key").path
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the key is its owner's only")
        let verified = try runner.run(["verify-receipt", path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("signature: valid"))
        #expect(verified.stdout.contains("(this desk's key)"))
        #expect(verified.stdout.contains("the same, field by field"))

        let printed = try runner.run(["key"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("fingerprint"))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"qualified\"", with: "\"suspended\"").utf8)
            .write(to: URL(fileURLWithPath: path))
        let tampered = try runner.run(["verify-receipt", path])
        #expect(tampered.status == 65)
        #expect(tampered.stdout.contains("signature: INVALID"))
        #expect(tampered.stdout.contains("status is \"suspended\" in the receipt, \"qualified\" in the registry"))
    }

    @Test func noReceiptIsSignedWithAKeyOthersCanReadOrForAMomentInTheFuture() throws {
        _ = try runner.run(["init"])
        let path = runner.folder.appendingPathComponent("r.json").path
        let future = try runner.run(["query", "--secnumcloud", "--as-of", "2099-01-01", "--receipt", path])
        #expect(future.status == 64 && future.stderr.contains("is in the future"))
        #expect(!FileManager.default.fileExists(atPath: path) && future.stdout.isEmpty)
        #expect(try runner.run(["query", "--secnumcloud", "--receipt", path]).status == 0)
        let key = runner.folder.appendingPathComponent("config/registry/receipt-signing.key").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let shared = try runner.run(["query", "--secnumcloud", "--receipt", path + "2"])
        #expect(shared.status == 64)
        #expect(shared.stderr.contains("chmod 600"))
        #expect(!FileManager.default.fileExists(atPath: path + "2"))
    }

    /// Only this desk's key, or one the verifier names, makes a receipt verify; and its question must be its
    /// criteria's: a receipt re-signed by another key claiming « et certifiées HDS » over a SecNumCloud-only
    /// answer is refused.
    @Test func anotherKeyOrAQuestionThatIsNotTheCriteriasIsRefused() throws {
        _ = try runner.run(["init"])
        let path = runner.folder.appendingPathComponent("r.json").path
        #expect(try runner.run(["query", "--secnumcloud", "--valid-on", "2026-11-29", "--receipt", path]).status == 0)
        let elsewhere = ["XDG_CONFIG_HOME": runner.folder.appendingPathComponent("other").path]
        let foreign = try runner.run(["verify-receipt", path], environment: elsewhere)
        #expect(foreign.status == 65)
        #expect(foreign.stdout.contains("not trusted here"))
        let fingerprint = try #require(
            foreign.stdout.firstMatch(of: #/--trust ([0-9a-f]{16})/#).map { String($0.1) })
        #expect(try runner.run(["verify-receipt", path, "--trust", fingerprint], environment: elsewhere).status == 0)

        // Signed whole by a key the verifier trusts, but asking what its criteria do not.
        let (registry, _) = try Registry.open(path: runner.database)
        var criteria = OfferCriteria(validOn: Day(year: 2026, month: 11, day: 29)!)
        criteria.secnumcloud = true
        let forger = ReceiptKey()
        let lying = try QueryReceipt(
            answer: try registry.answer(criteria),
            question: Receipt.question(criteria).replacingOccurrences(
                of: "qualifiées SecNumCloud", with: "qualifiées SecNumCloud et certifiées HDS"),
            moment: registry.clock.now, status: try registry.status(on: criteria.validOn), key: forger)
        #expect(lying.question != Receipt.question(criteria))
        let lyingPath = runner.folder.appendingPathComponent("lying.json")
        try lying.fileBytes().write(to: lyingPath)
        let refused = try runner.run(["verify-receipt", lyingPath.path, "--trust", forger.fingerprint])
        #expect(refused.status == 65)
        #expect(refused.stdout.contains("question: NOT the criteria's"), "\(refused.stdout)")
    }

    @Test func anOversizedReceiptIsRefusedUnread() throws {
        let path = runner.folder.appendingPathComponent("huge.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: (64 << 20) + 1)))
        _ = try runner.run(["init"])
        let result = try runner.run(["verify-receipt", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("larger than 67108864 bytes"))
    }
}
