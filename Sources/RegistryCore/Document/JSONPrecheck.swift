/// What JSON readers accept but a registry document must not hold, found in one pass over the bytes before
/// decoding: an object key given twice (readers keep one of the two values silently, so the document is
/// ambiguous), a string longer than the field limit (the same limit as a CSV field), and a NUL character
/// (`\u0000`), which SQLite would take for the end of the text.
enum JSONPrecheck {
    enum Finding: Equatable {
        case duplicateKey(String)
        case longString
        case nulCharacter
    }

    /// `\u0000`, in any case of its hex digits.
    private static func isNulEscape(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { return false }
        return bytes[(index + 2)...(index + 5)].allSatisfy { $0 == UInt8(ascii: "0") }
    }

    /// The first finding and the byte offset where it starts, or nil.
    static func first(in bytes: [UInt8], maxStringBytes: Int) -> (finding: Finding, offset: Int)? {
        var stack: [Set<String>?] = []  // one entry per open container: the keys seen (nil for arrays)
        var expectingKey: [Bool] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey.append(true)
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey.append(false)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                _ = expectingKey.popLast()
            case UInt8(ascii: ","):
                if case .some(.some) = stack.last { expectingKey[expectingKey.count - 1] = true }
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        if isNulEscape(bytes, at: index) { return (.nulCharacter, start) }
                        index += 2
                    } else {
                        index += 1
                    }
                }
                if index - start - 1 > maxStringBytes { return (.longString, start) }
                if expectingKey.last == true, var keys = stack.last ?? nil {
                    let key = String(decoding: bytes[(start + 1)..<min(index, bytes.count)], as: UTF8.self)
                    if keys.contains(key) { return (.duplicateKey(key), start) }
                    keys.insert(key)
                    stack[stack.count - 1] = keys
                    expectingKey[expectingKey.count - 1] = false
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
