import Foundation
import RegistryCore

/// Each official-list adapter (chosen by the first byte) on the rest of the bytes, into a seeded registry,
/// in dry runs so that every input meets the same registry.
let registry: Registry? = {
    let registry = try? Registry.inMemory()
    _ = try? registry?.loadSeeds()
    return registry
}()

let sources: [ImportSource] = [.secnumcloud, .hds, .hdsTransparency, .catalogue]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0, let registry else { return 0 }
    let source = sources[Int(bytes[0]) % sources.count]
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-list-\(getpid())")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes: bytes + 1, count: count - 1))
    var options = ImportOptions(day: Day(year: 2026, month: 11, day: 29)!)
    options.dryRun = true
    options.maxFieldBytes = 4_096
    _ = try? registry.importFile(at: url.path, source: source, options: options)
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzLists_main`: hand the process to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzLists_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzz)
}
