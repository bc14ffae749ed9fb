import Foundation

/// Slugs: the ids of providers and entities, and the last part of other ids.
enum Slug {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            && text.first != "-" && text.last != "-"
    }

    /// A slug made from a name: "Hosted Private Cloud – SecNumCloud" → "hosted-private-cloud-secnumcloud".
    static func make(_ name: String) -> String {
        let words = SearchText.fold(name).unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : " "
        }
        let slug = String(words).split(separator: " ").joined(separator: "-").prefix(80)
        let trimmed = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "unnamed" : trimmed
    }
}

/// French company numbers (SIREN): nine digits whose Luhn checksum is 0.
public enum SIREN {
    public static func isValid(_ siren: String) -> Bool {
        let digits = siren.utf8.map { Int($0) - 0x30 }
        guard digits.count == 9, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        let sum = digits.enumerated().reduce(0) { sum, item in
            let doubled = item.offset % 2 == 1 ? item.element * 2 : item.element
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }
}
