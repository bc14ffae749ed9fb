import Foundation
import FuzzSupport
import RegistryCore

/// Each official-list adapter (chosen by the first byte) on the rest of the bytes, into a seeded registry,
/// in dry runs so that every input meets the same registry.
let registry = seededRegistry()

let sources: [ImportSource] = [.secnumcloud, .hds, .hdsTransparency, .catalogue]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0, let registry else { return 0 }
    let source = sources[Int(bytes[0]) % sources.count]
    dryRunImport(registry, scratchFile("list", bytes + 1, count - 1), source, maxFieldBytes: 4_096)
    return 0
}

@_cdecl("FuzzLists_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
