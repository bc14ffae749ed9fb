import Crypto
import Foundation

/// SHA-256 fingerprints in lower-case hexadecimal, by swift-crypto: a copy of a publication, a migration, a
/// history row.
public struct Fingerprint {
    private var hash = Crypto.SHA256()

    public init() {}

    /// Fed piece by piece, so that an import fingerprints a file while it copies it.
    public mutating func update(_ bytes: some DataProtocol) {
        hash.update(data: bytes)
    }

    public func hex() -> String { Self.hex(hash.finalize()) }

    public static func sha256(_ bytes: some DataProtocol) -> String { hex(Crypto.SHA256.hash(data: bytes)) }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
