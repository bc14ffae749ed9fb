import ArgumentParser
import RegistryCore
import RegistryRendering

/// `--as-of`: answer from the registry as it was recorded at a moment, from its history.
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Answer from what the registry knew at that moment: YYYY-MM-DD (end of day, UTC) or an ISO 8601 time.",
            valueName: "datetime"),
        transform: { text in
            guard let moment = Moment(parsing: text) else {
                throw ValidationError(
                    "'\(text)' is not a moment; write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], such as 2026-11-29T08:00Z"
                )
            }
            return moment
        })
    var moment: Moment?

    /// The registry itself, or its reconstruction at the moment asked.
    func view(of registry: Registry) throws -> Registry {
        try moment.map { try registry.asOf($0) } ?? registry
    }
}
