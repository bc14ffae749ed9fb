import Foundation
import RegistryResources

/// Reads and writes `registry-json` documents.
public enum DocumentReader {
    /// Decodes a document, turning decoding errors into located input problems. A string longer than
    /// `maxStringBytes` is refused, as a CSV field is.
    public static func decode(
        _ data: Data, origin: String, maxStringBytes: Int = CSVReader.defaultMaxFieldBytes
    ) throws -> RegistryDocument {
        func refuse(at offset: Int, value: String? = nil, _ message: String) -> RegistryError {
            .invalidInput(
                origin: origin,
                problems: [InputProblem(record: line(at: offset, in: data), value: value, message: message)])
        }
        if String(validating: Array(data), as: UTF8.self) == nil {
            throw refuse(
                at: data.prefix { $0 < 0x80 }.count,
                "bytes that are not UTF-8; registry-json is UTF-8: convert the file (iconv -t UTF-8)")
        }
        switch JSONPrecheck.first(in: Array(data), maxStringBytes: maxStringBytes) {
        case (.duplicateKey(let key), let offset)?:
            throw refuse(at: offset, value: key, "this key appears twice in the same object; keep one")
        case (.longString, let offset)?:
            throw refuse(
                at: offset,
                "a string is longer than \(maxStringBytes) bytes; shorten it, or raise the limit with "
                    + "REGISTRY_MAX_FIELD_BYTES")
        case (.nulCharacter, let offset)?:
            throw refuse(
                at: offset, "a string holds a NUL character (\\u0000), which would cut its text short; remove it")
        case nil:
            break
        }
        do {
            return try JSONDecoder().decode(RegistryDocument.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw RegistryError.invalidInput(origin: origin, problems: [syntaxProblem(data)])
        } catch let error as DecodingError {
            throw RegistryError.invalidInput(origin: origin, problems: [problem(error)])
        } catch {
            throw RegistryError.invalidInput(origin: origin, problems: [syntaxProblem(data)])
        }
    }

    /// The canonical encoding: sorted keys, two-space indentation, a final newline; the same registry
    /// always gives the same bytes.
    public static func encode(_ document: RegistryDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(0x0A)
        return data
    }

    /// The embedded seeds, merged into one document.
    public static func seeds() throws -> RegistryDocument {
        var document = RegistryDocument()
        for file in EmbeddedFiles.seeds {
            document.append(contentsOf: try decode(Data(file.bytes), origin: "Seeds/\(file.name)"))
        }
        return document
    }

    /// The decoder only says "not valid JSON"; the serializer says what and where, as a byte offset.
    private static func syntaxProblem(_ data: Data) -> InputProblem {
        var detail = "not valid JSON"
        var location = "document"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            if let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                detail += " (\(description.trimmingCharacters(in: ["."])))"
                if let offset = description.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: ["."])) }
                ) {
                    location = line(at: offset, in: data)
                }
            }
        }
        return InputProblem(
            record: location,
            message: detail
                + "; check the file is a registry-json document, or pass --source with the kind of file it is")
    }

    private static func line(at offset: Int, in data: Data) -> String {
        "line \(data.prefix(offset).filter { $0 == 0x0A }.count + 1)"
    }

    private static func problem(_ error: DecodingError) -> InputProblem {
        let (context, message): (DecodingError.Context, String) =
            switch error {
            case .typeMismatch(let type, let context):
                (context, "expected \(describe(type)); \(context.debugDescription)")
            case .valueNotFound(let type, let context):
                (context, "expected \(describe(type)), found null")
            case .keyNotFound(let key, let context):
                (context, "required key '\(key.stringValue)' is missing; add it")
            case .dataCorrupted(let context):
                (context, context.debugDescription)
            @unknown default:
                (DecodingError.Context(codingPath: [], debugDescription: ""), "\(error)")
            }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return InputProblem(record: path.isEmpty ? "document" : path, message: message)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}
