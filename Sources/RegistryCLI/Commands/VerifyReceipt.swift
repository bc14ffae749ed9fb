import ArgumentParser
import Foundation
import RegistryCore

extension RegistryCommand {
    /// `registry verify-receipt FILE`: is this receipt intact, and does the registry still give its answer?
    struct VerifyReceipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-receipt",
            abstract: "Check a query receipt: its checksum, the answer as of its time, and what changed since.",
            discussion:
                "Exit 0 when the receipt is intact and the registry's history gives the same answer; 65 otherwise.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The receipt written by `registry query --receipt FILE`.", valueName: "file"))
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RegistryError.unreadableInput(path: file, reason: "no such file, or not readable; check the path")
            }
            let text = String(decoding: data, as: UTF8.self)
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                object["receipt"] as? String == Receipt.kind, let criteriaObject = object["criteria"] as? [String: Any],
                let validOn = (object["validOn"] as? String).flatMap(Day.init(parsing:)),
                let moment = (object["issuedAt"] as? String).flatMap(Moment.init(parsing:)),
                let dataHash = object["dataSha256"] as? String
            else {
                throw RegistryError.rejectedImport(
                    "\(file) is not a registry query receipt; pass the file `query --receipt` wrote")
            }
            let intact = Receipt.intact(text)
            let criteria = OfferCriteria(receipt: criteriaObject, validOn: validOn)
            let registry = try database.open(forReading: true, existing: true)
            let then = try registry.asOf(moment).answer(criteria)
            let thenHash = Receipt.digest(JSON.array(then.matches.map(JSON.match)).serialized())
            let now = try registry.answer(criteria)
            let recorded = Set(
                ((object["results"] as? [[String: Any]]) ?? []).compactMap {
                    ($0["offer"] as? [String: Any])?["id"] as? String
                })
            let current = Set(now.matches.map(\.offer.id))
            var lines = [
                "Receipt \(file), issued \(moment.timestamp), for: \(object["question"] as? String ?? "?")",
                intact
                    ? "  checksum: intact"
                    : "  checksum: MISMATCH — the receipt was modified after it was written",
                thenHash == dataHash
                    ? "  answer as of \(moment.timestamp): the same (\(then.matches.count) offers)"
                    : "  answer as of \(moment.timestamp): DIFFERENT from the receipt's",
            ]
            let added = current.subtracting(recorded).sorted()
            let removed = recorded.subtracting(current).sorted()
            if added.isEmpty && removed.isEmpty {
                lines.append("  today: the same offers match")
            } else {
                lines.append(
                    "  today: " + (added.map { "+ \($0)" } + removed.map { "- \($0)" }).joined(separator: ", "))
            }
            try emit(terminalSafe(lines.joined(separator: "\n"), keepingLines: true) + "\n")
            guard intact && thenHash == dataHash else {
                throw RegistryError.rejectedImport("the receipt does not verify; see the lines above")
            }
        }
    }
}
