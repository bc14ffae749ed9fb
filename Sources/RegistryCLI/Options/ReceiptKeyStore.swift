import Foundation
import RegistryCore
import RegistryRendering

/// The desk's receipt-signing key, in the user's configuration folder (`$XDG_CONFIG_HOME/registry/`, else
/// `~/.config/registry/`), created on first need, readable by its owner only. Never in the database: whoever
/// can copy the database must not be able to sign for the desk.
enum ReceiptKeyStore {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/registry/receipt-signing.key"
    }

    /// The key at `path`, created (mode 600, in a folder of mode 700) when there is none.
    static func load(creating: Bool) throws -> ReceiptKey? {
        let url = URL(fileURLWithPath: path)
        // A key others can read signs nothing (as ssh refuses such a private key).
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o077 != 0 {
            throw RegistryError.usage(
                "\(path) can be read by other users (mode \(String(status.st_mode & 0o777, radix: 8))): anyone could "
                    + "sign receipts as this desk; make it yours alone with `chmod 600 \(path)`, or move it away for a new key"
            )
        }
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                let key = try? ReceiptKey(rawRepresentation: raw)
            else {
                throw RegistryError.usage(
                    "\(path) is not a receipt-signing key; move it away and a new key is made on the next receipt")
            }
            return key
        }
        guard creating else { return nil }
        let key = ReceiptKey()
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            // Created with its final mode and never replaced: no moment where another user could read it.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(descriptor) }
            let text = Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)
            guard Glibc.write(descriptor, text, text.count) == text.count else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw RegistryError.unwritableOutput(
                path: path, reason: "cannot keep the receipt-signing key there; set XDG_CONFIG_HOME to a private folder"
            )
        }
        note("created the desk's receipt-signing key at \(path) (fingerprint \(key.fingerprint))")
        return key
    }
}
