import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry key`: the public key that signs this desk's receipts.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Print the public key that signs this desk's receipts, so that others can check who issued one.",
            discussion: """
                The private key lives in $XDG_CONFIG_HOME/registry/receipt-signing.key (else \
                ~/.config/registry/), readable by its owner only, created by the first `query --receipt` (or by \
                this command); never in the database.
                """)

        func run() throws {
            guard let key = try ReceiptKeyStore.load(creating: true) else { return }
            try emit(
                "public key   \(key.publicKey)\nfingerprint  \(key.fingerprint)\nkept in      \(ReceiptKeyStore.path)\n"
            )
        }
    }
}
