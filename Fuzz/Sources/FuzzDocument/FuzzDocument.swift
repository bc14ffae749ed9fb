import Foundation
import RegistryCore

/// The registry-json reader, then the whole import of what it accepts into a seeded registry (dry run).
let registry: Registry? = {
    let registry = try? Registry.inMemory()
    _ = try? registry?.loadSeeds()
    return registry
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard (try? DocumentReader.decode(data, origin: "fuzz")) != nil, let registry else { return 0 }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-json-\(getpid())")
    _ = FileManager.default.createFile(atPath: url.path, contents: data)
    var options = ImportOptions(day: Day(year: 2026, month: 11, day: 29)!)
    options.dryRun = true
    _ = try? registry.importFile(at: url.path, source: .registryJSON, options: options)
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzDocument_main`: hand the process to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzDocument_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzz)
}
