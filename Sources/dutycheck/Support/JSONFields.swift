import Foundation
import RuleEngine

/// One object of a JSON file this tool wrote, read back field by field. A field that is there with
/// the wrong type is an error naming it by its path (`records[0].findings[2].subject`), which also
/// finds its place in the file (`JSONValuePosition`): a field passed over would quietly change what
/// is read.
struct JSONFields {
    var object: [String: Any]
    /// Where the object is in the file; empty for the top-level object.
    var steps: [JSONStep]

    /// What is wrong with a field, naming it by its path; `steps` lead to the value at fault (for a
    /// missing field, where it would be: its object is shown).
    struct Problem: Error {
        var message: String
        var steps: [JSONStep]?

        init(message: String, at steps: [JSONStep]? = nil) {
            self.message = message
            self.steps = steps
        }
    }

    /// The object's path, as a message writes it.
    var path: String { Self.path(steps) }

    func path(of key: String) -> String {
        Self.path(steps + [.key(key)])
    }

    /// `records[0].findings[2].subject`.
    static func path(_ steps: [JSONStep]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The value at `key`; nil when it is absent or null.
    func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    /// The text at `key`; nil when it is absent or null.
    func text(_ key: String) throws(Problem) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value as? String else {
            throw Problem(message: "\(path(of: key)) must be text or null, not \(Self.kind(of: value))", at: steps + [.key(key)])
        }
        return text
    }

    /// What is wrong with a field that must be there: missing, or null (told apart, since the check
    /// writes every such field with a value).
    func absent(_ key: String) -> Problem {
        let why = object[key] is NSNull ? "is null, where the check writes one" : "is missing"
        return Problem(message: "\(path(of: key)) \(why)", at: steps + [.key(key)])
    }

    /// The text at `key`, which must be there.
    func requiredText(_ key: String) throws(Problem) -> String {
        guard let text = try text(key) else { throw absent(key) }
        return text
    }

    /// The `YYYY-MM-DD` date at `key`; nil when it is absent or null.
    func date(_ key: String) throws(Problem) -> CivilDate? {
        guard let text = try text(key) else { return nil }
        guard let date = CivilDate(iso: text) else {
            throw Problem(message: "\(path(of: key)) \(Suggestion.quoted(text)) is not a date written YYYY-MM-DD", at: steps + [.key(key)])
        }
        return date
    }

    /// The value at `key` as one of `Choice`'s raw values; nil when it is absent or null.
    func choice<Choice: RawRepresentable<String> & CaseIterable>(_ key: String, _: Choice.Type) throws(Problem) -> Choice? {
        guard let text = try text(key) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let known = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw Problem(message: "\(path(of: key)) \(Suggestion.quoted(text)) is not one of \(known)", at: steps + [.key(key)])
        }
        return choice
    }

    /// The whole number at `key`; nil when it is absent or null.
    func integer(_ key: String) throws(Problem) -> Int? {
        guard let value = value(key) else { return nil }
        guard Self.kind(of: value) == Self.numberKind, let number = value as? NSNumber else {
            throw Problem(message: "\(path(of: key)) must be a whole number, not \(Self.kind(of: value))", at: steps + [.key(key)])
        }
        guard let whole = Int(exactly: number.doubleValue) else {
            throw Problem(message: "\(path(of: key)) must be a whole number, not \(Value.plainText(number.doubleValue))", at: steps + [.key(key)])
        }
        return whole
    }

    /// The object at `key`, with its path; nil when it is absent or null.
    func object(_ key: String) throws(Problem) -> JSONFields? {
        guard let value = value(key) else { return nil }
        guard let object = value as? [String: Any] else {
            throw Problem(message: "\(path(of: key)) must be an object or null, not \(Self.kind(of: value))", at: steps + [.key(key)])
        }
        return JSONFields(object: object, steps: steps + [.key(key)])
    }

    /// The objects in the list at `key`, each with its path.
    func objects(_ key: String) throws(Problem) -> [JSONFields] {
        guard let value = value(key) else { throw absent(key) }
        guard let list = value as? [Any] else {
            throw Problem(message: "\(path(of: key)) must be a list, not \(Self.kind(of: value))", at: steps + [.key(key)])
        }
        var objects: [JSONFields] = []
        for (index, item) in list.enumerated() {
            let itemSteps = steps + [.key(key), .index(index)]
            guard let object = item as? [String: Any] else {
                throw Problem(message: "\(Self.path(itemSteps)) must be an object, not \(Self.kind(of: item))", at: itemSteps)
            }
            objects.append(JSONFields(object: object, steps: itemSteps))
        }
        return objects
    }

    private static let numberKind = "a number"

    /// A JSON value's type, for a message.
    static func kind(of value: Any) -> String {
        switch value {
        case is String: "text"
        case is NSNull: "null"
        case is [Any]: "a list"
        case is [String: Any]: "an object"
        // Foundation gives true and false as NSNumbers of C type char.
        case let number as NSNumber where String(cString: number.objCType) == "c": "true or false"
        default: numberKind
        }
    }
}
