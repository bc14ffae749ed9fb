/// Finds the first object key that appears twice in the same JSON object. JSON readers keep one of the two
/// values silently; a registry document with a key given twice is ambiguous, so it is refused.
enum DuplicateKeys {
    /// The duplicated key and the byte offset of its second occurrence, or nil.
    static func first(in bytes: [UInt8]) -> (key: String, offset: Int)? {
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
                var text: [UInt8] = []
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count {
                        text.append(bytes[index])
                        index += 1
                    }
                    text.append(bytes[index])
                    index += 1
                }
                if expectingKey.last == true, var keys = stack.last ?? nil {
                    let key = String(decoding: text, as: UTF8.self)
                    if keys.contains(key) { return (key, start) }
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
