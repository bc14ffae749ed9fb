import Foundation
import FuzzSupport
import RegistryCore

/// The registry-json reader, then the whole import of what it accepts into a seeded registry (dry run).
let registry = seededRegistry()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard (try? DocumentReader.decode(Data(bytes: bytes, count: count), origin: "fuzz")) != nil, let registry
    else { return 0 }
    dryRunImport(registry, scratchFile("json", bytes, count), .registryJSON)
    return 0
}

@_cdecl("FuzzDocument_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
