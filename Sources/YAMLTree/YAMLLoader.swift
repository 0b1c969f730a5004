internal import CLibYAML

/// Bounds that keep a hostile file from exhausting time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes; checked before parsing starts.
    public var maxBytes: Int
    /// Deepest nesting of collections accepted (the root collection is level 1), aliases
    /// expanded.
    public var maxDepth: Int
    /// Most nodes the document may hold once aliases are expanded (keys count as nodes). Each
    /// alias counts as the whole subtree it stands for, so an alias bomb fails at the alias that
    /// crosses the limit, long before it could be expanded.
    public var maxNodes: Int
    /// Longest scalar accepted, in UTF-8 bytes. Names and titles are printed wherever a finding
    /// names them, so one huge scalar could make an output hundreds of times the input's size.
    public var maxScalarBytes: Int
    /// Most scalar text (UTF-8 bytes) the document may hold once aliases are expanded: aliases
    /// to a long scalar are otherwise as costly in every output as writing it out each time.
    /// The default is twice the default `maxBytes`, so a UTF-16 file at that size limit (up to 1.5
    /// times longer as UTF-8) fits.
    public var maxTextBytes: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 200_000, maxScalarBytes: Int = 64 << 10,
                maxTextBytes: Int = 8 << 20) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxScalarBytes = maxScalarBytes
        self.maxTextBytes = maxTextBytes
    }
}

/// Loads one YAML document into a `YAMLNode` tree through libyaml's event API.
///
/// Policy, beyond what libyaml checks:
/// - exactly one document; an empty file, or one with only comments and blank lines, is an error;
/// - plain untagged scalars resolve by the YAML 1.2 core schema, whatever a `%YAML 1.1` directive
///   says (libyaml accepts `%YAML 1.1` and `1.2` and rejects other versions);
/// - `!`, `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` on scalars, and `!!map`/`!!seq` on the
///   matching collections, are the only tags accepted;
/// - anchors are registered when their node is complete, and may be redefined (a later anchor
///   with the same name shadows the earlier one for the aliases after it, as YAML 1.2 allows);
/// - an alias is expanded in place (sharing storage), and the copy's own location is the alias's;
/// - keys must be scalars, merge keys (`<<`) are refused, and two keys with the same text or the
///   same resolved non-string value are a duplicate (`a` and `"a"`, `1` and `0x1`, `1` and `"1"`);
///   text compares by Unicode scalars, not by canonical equivalence, as YAML does.
public enum YAMLLoader {
    /// Parses `bytes` (UTF-8, or UTF-16 with a BOM) named `file` in diagnostics.
    ///
    /// Throws a positioned `Diagnostic` for malformed YAML, duplicate keys, merge keys, a second
    /// document, an empty file, invalid UTF-8, and anything over `limits`.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) throws(Diagnostic) -> YAMLNode {
        guard bytes.count <= limits.maxBytes else {
            throw Diagnostic(file: file, location: SourceLocation(line: 1, column: 1),
                             message: "the file is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes")
        }
        let result: Result<YAMLNode, Diagnostic>
        if bytes.isEmpty {
            // libyaml asserts its input pointer is not NULL, and an empty array may have none.
            let placeholder: UInt8 = 0
            result = withUnsafePointer(to: placeholder) { pointer in
                parse(pointer, count: 0, bytes: bytes, file: file, limits: limits)
            }
        } else {
            result = bytes.withUnsafeBufferPointer { buffer in
                parse(buffer.baseAddress!, count: buffer.count, bytes: bytes, file: file, limits: limits)
            }
        }
        return try result.get()
    }

    /// Parses a string; convenient for tests and for text already in memory.
    public static func load(text: String, file: String, limits: YAMLLimits = YAMLLimits()) throws(Diagnostic) -> YAMLNode {
        try load(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// Runs the event loop over `input`, which must stay valid until it returns.
    private static func parse(_ input: UnsafePointer<UInt8>, count: Int, bytes: [UInt8], file: String,
                              limits: YAMLLimits) -> Result<YAMLNode, Diagnostic> {
        // On the heap: libyaml keeps a pointer to the parser inside the parser.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            return .failure(Diagnostic(file: file, location: nil, message: "libyaml could not allocate a parser"))
        }
        defer { yaml_parser_delete(parser) }
        // Encoding left unset: libyaml detects UTF-16 from a BOM and skips a UTF-8 BOM.
        yaml_parser_set_input_string(parser, input, count)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        var builder = TreeBuilder(file: file, limits: limits)
        builder.mayHoldBidiControls = BidiControls.mayBeIn(input, count: count)
        do throws(Diagnostic) {
            while true {
                guard yaml_parser_parse(parser, event) != 0 else {
                    throw libyamlError(parser, bytes: bytes, file: file)
                }
                defer { yaml_event_delete(event) }
                if try builder.handle(event) { break }
            }
        } catch {
            return .failure(error)
        }
        guard let root = builder.root else {
            let message = bytes.isEmpty ? "the file is empty; it must hold one YAML document"
                : "the file holds no YAML document, only comments or blank lines"
            return .failure(Diagnostic(file: file, location: SourceLocation(line: 1, column: 1), message: message))
        }
        return .success(root)
    }

    /// The diagnostic for a failed `yaml_parser_parse`.
    private static func libyamlError(_ parser: UnsafePointer<yaml_parser_t>, bytes: [UInt8], file: String) -> Diagnostic {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return Diagnostic(file: file, location: nil, message: "libyaml ran out of memory")
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            let location = SourceText(bytes: bytes).location(ofByteOffset: state.problem_offset)
            var message = readerMessage(problem, value: state.problem_value)
            if state.problem_value == 0, looksLikeUTF16WithoutMark(bytes) {
                message += "; the file looks like UTF-16 without a byte-order mark: save it as UTF-8"
            }
            return Diagnostic(file: file, location: location, message: message)
        default:
            // At the end of the input libyaml moves to a line of its own after the last one;
            // point just after the last character instead, so the snippet has a line to show.
            let source = SourceText(bytes: bytes)
            func clamped(_ mark: yaml_mark_t) -> SourceLocation {
                let location = TreeBuilder.location(mark)
                return location.line > source.lineCount ? source.endLocation : location
            }
            var location = clamped(state.problem_mark)
            var message = problem
            let slip = SyntaxSlips.explain(problem: problem, context: state.context.map { String(cString: $0) }, at: location,
                                           contextLocation: state.context == nil ? nil : clamped(state.context_mark), in: source)
            if let context = state.context {
                let contextLocation = clamped(state.context_mark)
                let context = String(cString: context)
                if problem == "found unexpected end of stream", contextLocation != location {
                    // A token the file ended inside (a quoted scalar, mostly): the mistake is where it
                    // was opened, which may be many lines up, not at the end of the file.
                    message = "\(context) that starts here, \(problem) at the end of the file (line \(location.line), column \(location.column))"
                    if context == "while scanning a quoted scalar" { message += ": the closing quote is missing" }
                    location = contextLocation
                } else {
                    message += " (\(context)"
                    if contextLocation != location {
                        message += " that started at line \(contextLocation.line), column \(contextLocation.column)"
                    }
                    message += ")"
                }
            }
            if let hint = longKeyHint(problem, at: location, in: source) { message += hint }
            if let slip {
                // A hint quotes the line, which may hold controls libyaml let through.
                message += "; " + MessageText.escaped(slip.hint)
                location = slip.location
            }
            return Diagnostic(file: file, location: location, message: message)
        }
    }

    /// YAML limits an implicit key (one not introduced by `? `) to 1,024 characters; libyaml
    /// gives up on a longer one and then complains about the colon after it, which reads as
    /// nonsense. When the line up to the problem is one long key, say so.
    private static func longKeyHint(_ problem: String, at location: SourceLocation, in source: SourceText) -> String? {
        let colonProblems = ["mapping values are not allowed in this context", "could not find expected ':'"]
        guard colonProblems.contains(problem), let line = source.line(location.line) else { return nil }
        let key = line.unicodeScalars.prefix(location.column - 1).drop { $0 == " " || $0 == "-" }
        guard key.count > 1024, !String(key).contains(": ") else { return nil }
        return "; the key before it is \(key.count) characters long, and YAML allows an implicit key at most 1,024"
    }

    /// Text saved as UTF-16 with no byte-order mark reads as UTF-8 with a NUL beside every ASCII
    /// character: most of the first bytes at even or at odd offsets are NUL.
    private static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(64)
        guard head.count >= 4 else { return false }
        let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        return max(even, odd) * 4 >= head.count * 3 / 2 && min(even, odd) == 0
    }

    private static func readerMessage(_ problem: String, value: Int32) -> String {
        if problem.hasPrefix("control characters") {
            return "control character \(hex(value, digits: 4, prefix: "U+")) is not allowed"
        }
        let octet = problem.hasSuffix("octet") && value >= 0 ? " \(hex(value, digits: 2, prefix: "0x"))" : ""
        if problem.contains("UTF-8") { return "invalid UTF-8 (\(problem)\(octet))" }
        if problem.contains("UTF-16") || problem.contains("surrogate") { return "invalid UTF-16 (\(problem))" }
        return "cannot read the input (\(problem))"
    }

    private static func hex(_ value: Int32, digits: Int, prefix: String) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
