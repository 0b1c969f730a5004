/// Writes pretty-printed JSON straight to bytes as values are given, with no tree in between (a
/// report of thousands of records would otherwise build and free millions of small values).
///
/// The layout is the one DESIGN.md §6 fixes: two spaces per level, `"key": value`, one member or
/// element per line, `[]` and `{}` for empty collections, `null` for absent values. Members must be
/// given in key order (code point order); debug builds check that they are.
struct JSONWriter {
    private let text = JSONText()
    /// Open containers, innermost last.
    private var open: [Container] = []
    /// Levels of indentation before the outermost value (for a value nested in a larger document).
    private let baseLevel: Int
    /// Set after a key, so the value that follows goes on the key's line.
    private var afterKey = false

    private struct Container {
        var isObject: Bool
        var hasMembers = false
        #if DEBUG
        var lastKey: String?
        #endif
    }

    init(level: Int = 0) {
        baseLevel = level
    }

    private var level: Int { baseLevel + open.count }

    // MARK: Containers

    mutating func beginObject() {
        beforeValue()
        text.append("{")
        open.append(Container(isObject: true))
    }

    mutating func endObject() {
        end("}")
    }

    mutating func beginArray() {
        beforeValue()
        text.append("[")
        open.append(Container(isObject: false))
    }

    mutating func endArray() {
        end("]")
    }

    /// The text written so far.
    var string: String { text.string }

    /// Starts a member of the innermost object whose name comes from data; its value is written next.
    mutating func key(named name: String) {
        startMember(name)
        text.appendQuoted(name)
        text.append(": ")
    }

    /// Starts a member whose name is fixed (a literal takes this overload through its
    /// `StaticString` type): written as it is, since the reports' own keys need no escape.
    mutating func key(_ name: StaticString) {
        startMember(name.description)
        text.append("\"")
        text.append(name)
        text.append("\": ")
    }

    private mutating func startMember(_ name: @autoclosure () -> String) {
        precondition(open.last?.isObject == true && !afterKey, "a key belongs in an object, before its value")
        #if DEBUG
        let name = name()
        if let last = open[open.count - 1].lastKey {
            assert(JSONText.precedes(last, name), "JSON keys out of order: \(last) before \(name)")
        }
        open[open.count - 1].lastKey = name
        #endif
        newLine()
        afterKey = true
    }

    // MARK: Values

    mutating func string(_ value: String) {
        beforeValue()
        text.appendQuoted(value)
    }

    mutating func int(_ value: Int) {
        beforeValue()
        text.append(text: String(value))
    }

    mutating func null() {
        beforeValue()
        text.append("null")
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    /// A member whose value is a string, or `null` when absent.
    mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// A member whose value is a whole number, or `null` when absent.
    mutating func member(_ name: StaticString, _ value: Int?) {
        key(name)
        int(value)
    }

    /// A member with a name from data, whose value is a whole number.
    mutating func member(named name: String, _ value: Int) {
        key(named: name)
        int(value)
    }

    /// A member whose value is an array with one element per item, written by `element`.
    mutating func member<Items: Sequence>(_ name: StaticString, each items: Items,
                                          _ element: (inout JSONWriter, Items.Element) -> Void) {
        key(name)
        beginArray()
        for item in items { element(&self, item) }
        endArray()
    }

    /// An object whose members `members` writes.
    mutating func object(_ members: (inout JSONWriter) -> Void) {
        beginObject()
        members(&self)
        endObject()
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    // MARK: Layout

    /// Indents to the current level: the first line of a value nested in a larger document.
    mutating func indent() {
        text.indent(level)
    }

    /// Text written as it is, for the parts of a document joined by hand.
    mutating func raw(_ verbatim: String) {
        text.append(text: verbatim)
    }

    /// Puts an array element on its own line; a member's value follows its key.
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
        } else if let container = open.last {
            precondition(!container.isObject, "an object member needs a key")
            newLine()
        }
    }

    /// Ends the previous member or element (with a comma) and indents the next.
    private mutating func newLine() {
        text.append(open[open.count - 1].hasMembers ? ",\n" : "\n")
        open[open.count - 1].hasMembers = true
        text.indent(level)
    }

    private mutating func end(_ bracket: StaticString) {
        precondition(!afterKey, "a key needs a value")
        let container = open.removeLast()
        if container.hasMembers {
            text.append("\n")
            text.indent(level)
        }
        text.append(bracket)
    }
}
