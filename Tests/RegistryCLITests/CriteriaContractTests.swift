import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering
import Testing

@testable import RegistryCLI

/// `registry query`'s options and the URL parameters are one vocabulary, `CriteriaParameter`: the same names,
/// the same kinds, the same criteria.
@Suite struct CriteriaContractTests {
    /// Options of `registry query` that are not criteria: where to read, when, and what to write.
    static let commandOnly: Set<String> = ["db", "read-only", "as-of", "receipt", "format", "evidence", "help"]

    /// Every criterion has its JSON key (the `criteria` of `query --format json`, and the profiles' table),
    /// the same names in both; the day and `why-not` are written beside it, not in it.
    @Test func everyCriterionHasOneJSONKey() throws {
        let renamed = ["schemes": "certifications", "providerId": "provider", "euHQ": "euHq"]
        let properties = Mirror(reflecting: OfferCriteria(validOn: Day(year: 2026, month: 1, day: 1)!)).children
            .compactMap(\.label).filter { !["validOn", "whyNot"].contains($0) }.map { renamed[$0] ?? $0 }
        #expect(properties == OfferCriteria.Key.allCases.map(\.rawValue))
        guard case .object(let members) = JSON.criteria(OfferCriteria(validOn: Day(year: 2026, month: 1, day: 1)!))
        else { throw CocoaError(.coderInvalidValue) }
        #expect(members.map(\.0) == OfferCriteria.Key.allCases.map(\.rawValue))
    }

    @Test func queryDeclaresExactlyTheCriteriaParameters() {
        let help = RegistryCommand.Query.helpMessage(columns: 500)
        let options = Set(
            help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("--") }
                .compactMap { $0.split(separator: " ").first.map { String($0.dropFirst(2)) } })
        #expect(options.subtracting(Self.commandOnly) == Set(CriteriaParameter.allCases.map(\.rawValue)))
    }

    /// Each parameter, given alone, asks the command line's question.
    @Test(arguments: CriteriaParameter.allCases)
    func eachParameterAsksWhatItsOptionAsks(parameter: CriteriaParameter) throws {
        let value: String? =
            switch parameter {
            case .hdsActivity: "5"
            case .cert: "ISO27001"
            case .catalogue: "resah"
            case .hostedIn: "fr"
            case .model: "paas"
            case .provider: "ovhcloud"
            case .search: "cloud"
            case .validOn: "2026-10-01"
            case .profile: "Sensitive"
            case .sealMin: "2"
            default: nil
            }
        let day = Day(year: 2026, month: 11, day: 29)!
        let command = try RegistryCommand.Query.parse(
            ["--\(parameter.rawValue)"] + (value.map { [$0] } ?? []) + [
                "--valid-on", value == "2026-10-01" ? "2026-10-01" : "\(day)",
            ])
        let fromURL = try OfferCriteria(parameters: [(parameter.rawValue, value ?? "")], today: day).normalized
        #expect(fromURL == command.criteria)
    }

    /// The parameters a criteria value gives back are the same question.
    @Test(arguments: 0..<200)
    func parametersRoundTrip(seed: Int) throws {
        // The seed's bits, spread: each criterion on or off, deterministically.
        let bits = (UInt64(seed) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        var next = 0
        func flip() -> Bool {
            next += 1
            return (bits >> (next % 64)) & 1 == 1
        }
        var criteria = OfferCriteria(validOn: Day(year: 2026, month: 1 + seed % 12, day: 1 + seed % 28)!)
        criteria.secnumcloud = flip()
        criteria.hds = flip()
        criteria.hdsActivities = (1...6).filter { _ in flip() }
        criteria.schemes = ["iso27001", "c5"].filter { _ in flip() }
        criteria.catalogues = ["ugap", "resah"].filter { _ in flip() }
        criteria.hostedIn = flip() ? "EU" : nil
        criteria.serviceModels = ServiceModel.allCases.filter { _ in flip() }
        criteria.search = flip() ? "cloud & <temple>" : nil
        criteria.includeInProgress = flip()
        criteria.immune = flip()
        criteria.whyNot = flip()
        criteria.profile = flip() ? "health" : nil
        let back = try OfferCriteria(parameters: criteria.parameters(), today: Day(year: 2000, month: 1, day: 1)!)
        #expect(back == criteria.normalized)
    }

    @Test(arguments: [
        ([("colour", "red")], "unknown parameter 'colour'; use one of: secnumcloud, hds, hds-activity"),
        ([("hds-activity", "five")], "hds-activity takes a number from 1 to 6, not 'five'"),
        ([("hds-activity", "7")], "--hds-activity 7 does not exist; HDS activities are 1 to 6"),
        ([("secnumcloud", "maybe")], "secnumcloud is a switch: give it no value, or on or off (not 'maybe')"),
        ([("valid-on", "2026-02-30")], "'2026-02-30' is not a day that exists"),
        ([("model", "faas")], "unknown model 'faas'; use one of: iaas"),
        ([("provider", "a"), ("provider", "b")], "provider is given twice; give it once"),
        ([("search", "  ")], "--search needs some text"),
        ([("cert", "")], "cert needs a value"),
    ])
    func badParametersSayHowToFixThem(parameters: [(String, String)], message: String) {
        let error = #expect(throws: RegistryError.self) {
            try OfferCriteria(
                parameters: parameters.map { (name: $0.0, value: $0.1) }, today: Day(year: 2026, month: 1, day: 1)!)
        }
        #expect(error?.exitCode == 64)
        #expect(error.map { "\($0)" }?.contains(message) == true, "\(error.map { "\($0)" } ?? "no error")")
    }
}
