import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry verify-receipt FILE`: is this receipt intact, and does the registry still give its answer?
    struct VerifyReceipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-receipt",
            abstract:
                "Check a query receipt: its signature, its answer field by field as of its time, and what changed since.",
            discussion: """
                Exit 0 when the signature holds, by this desk's key or a key named with --trust, and the \
                registry's history gives exactly the receipt's results for the question its criteria ask; 65 \
                otherwise (another key, a question that is not its criteria', a difference).
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The receipt written by `registry query --receipt FILE`.", valueName: "file"))
        var file: String

        @Option(
            help: ArgumentHelp(
                "Also trust receipts signed by this key (its fingerprint, as `registry key` prints it); repeatable.",
                valueName: "fingerprint"))
        var trust: [String] = []

        /// Receipts hold one answer: a larger file is not one, and is not read whole.
        static let maxBytes = 64 << 20

        func run() throws {
            let data = try readBounded(file, maxBytes: Self.maxBytes)
            let receipt = try QueryReceipt(file: data, origin: file)
            let check = try database.open(forReading: true, existing: true).verify(receipt, origin: file)
            let ownKey = try ReceiptKeyStore.load(creating: false)?.fingerprint
            var lines = [
                "Receipt \(file), issued \(receipt.issuedAt), for: \(receipt.question)",
                check.signatureHolds
                    ? "  signature: valid, key \(check.signer ?? "?")"
                        + (ownKey == check.signer
                            ? " (this desk's key)"
                            : " (not this desk's key; compare with `registry key` where it was issued)")
                    : "  signature: INVALID — the receipt was changed after it was signed, or was never signed",
            ]
            if check.differences.isEmpty {
                lines.append(
                    "  answer as of \(receipt.issuedAt): the same, field by field (\(check.derivedCount) offers)")
            } else {
                lines.append(
                    "  answer as of \(receipt.issuedAt): DIFFERENT from the receipt's, \(check.differences.count == 1 ? "1 difference" : "\(check.differences.count) differences"):"
                )
                lines += check.differences.map { "    \($0)" }
            }
            if check.addedSince.isEmpty && check.removedSince.isEmpty {
                lines.append("  today: the same offers match")
            } else {
                lines.append(
                    "  today: "
                        + (check.addedSince.map { "+ \($0)" } + check.removedSince.map { "- \($0)" }).joined(
                            separator: ", "))
            }
            // The question is the criteria's own words: one written otherwise claims what was not asked.
            let question = Receipt.question(receipt.criteria)
            if receipt.question != question {
                lines.append(
                    "  question: NOT the criteria's — the receipt says « \(receipt.question) », its criteria ask « \(question) »"
                )
            }
            let trusted = check.signer.map { $0 == ownKey || trust.contains($0) } ?? false
            if check.signatureHolds && !trusted {
                lines.append(
                    "  key: not trusted here; if you trust it, name it with --trust \(check.signer ?? "FINGERPRINT")")
            }
            try emit(terminalText(lines))
            guard check.verifies, trusted, receipt.question == question else {
                throw RegistryError.rejectedImport("the receipt does not verify; see the lines above")
            }
        }
    }
}
