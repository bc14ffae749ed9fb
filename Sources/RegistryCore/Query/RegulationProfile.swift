import Foundation
import GRDB

/// A regulation profile: a named, sourced set of query criteria (`--profile sensitive`). Profiles are data,
/// in the `profile` table, not code branches.
public struct RegulationProfile: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "profile"
    public var id: String
    public var name: String
    public var legalReference: String
    public var description: String
    /// A JSON object whose keys are query criteria: secnumcloud, hds, hdsActivities, certifications,
    /// catalogues, hostedIn, serviceModels, euHq, immune, sovereign.
    public var criteria: String
}

extension Registry {
    /// The regulation profiles, by id.
    public func profiles() throws -> [RegulationProfile] {
        try guardingDatabaseErrors {
            try read { try RegulationProfile.order(RegulationProfile.Columns.id).fetchAll($0) }
        }
    }
}

extension OfferCriteria {
    /// Adds a profile's criteria to these: flags are or-ed, lists joined; a place that contradicts the
    /// one already asked for is a usage error.
    mutating func apply(_ profile: RegulationProfile) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(profile.criteria.utf8)) as? [String: Any] else {
            throw RegistryError.database(
                "profile '\(profile.id)' has criteria that are not a JSON object; fix the profile table")
        }
        for (name, value) in object {
            switch (Key(rawValue: name), value) {
            case (.secnumcloud, let flag as Bool): secnumcloud = secnumcloud || flag
            case (.hds, let flag as Bool): hds = hds || flag
            case (.euHq, let flag as Bool): euHQ = euHQ || flag
            case (.immune, let flag as Bool): immune = immune || flag
            case (.sovereign, let flag as Bool): sovereign = sovereign || flag
            case (.sealMin, let level as Int): sealMin = max(sealMin ?? 0, level)
            case (.hdsActivities, let list as [Int]): hdsActivities = Array(Set(hdsActivities + list)).sorted()
            case (.certifications, let list as [String]): schemes += list.filter { !schemes.contains($0) }
            case (.catalogues, let list as [String]): catalogues += list.filter { !catalogues.contains($0) }
            case (.serviceModels, let list as [String]):
                serviceModels += list.compactMap(ServiceModel.init).filter { !serviceModels.contains($0) }
            case (.hostedIn, let place as String):
                if let hostedIn, hostedIn != place {
                    throw RegistryError.usage(
                        "--hosted-in \(hostedIn) contradicts profile '\(profile.id)', which requires \(place); drop one"
                    )
                }
                hostedIn = place
            default:
                throw RegistryError.database(
                    "profile '\(profile.id)' has an unknown criterion '\(name)'; fix the profile table")
            }
        }
    }
}

extension RegulationProfile {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}
