internal import CLibYAML

/// A hint about a line libyaml did not stop on is checked before it is given: the file is parsed
/// again with the slip mended, and the hint stands only if libyaml then gets past where it stopped.
/// A non-breaking space can be legal where a hint looks for one (inside a quoted text run over
/// lines, say), and blaming it there would move the error away from its real place.
extension SyntaxSlips {
    /// Whether replacing the pasted spaces in the run of blanks at `slip.location` with ordinary
    /// spaces (all of them, where the indentation holds two) lets libyaml parse beyond `stop`, or to
    /// the end.
    static func mendingGetsPast(_ slip: Slip, stoppedAt stop: SourceLocation, in source: SourceText) -> Bool {
        guard var scalars = source.scalars(ofLine: slip.location.line), slip.location.column >= 1,
              slip.location.column <= scalars.count, scalars[slip.location.column - 1].isPastedSpace else { return false }
        var index = slip.location.column - 1
        while index < scalars.count, scalars[index] == " " || scalars[index].isPastedSpace {
            scalars[index] = " "
            index += 1
        }
        guard let bytes = replacing(line: slip.location.line, with: scalars, in: source) else { return false }
        guard let stopped = firstStop(bytes) else { return true }
        return stopped > stop
    }

    /// Whether the file with line `number` replaced by `mended` parses past line `beyond`: libyaml
    /// reads it to the end, or stops on a later line.
    static func mending(line number: Int, to mended: [Unicode.Scalar], getsPast beyond: Int, in source: SourceText) -> Bool {
        guard let bytes = replacing(line: number, with: mended, in: source) else { return false }
        return parsesPast(line: beyond, bytes)
    }

    /// The file's bytes with line `number` replaced by `scalars`; nil when there is no such line.
    /// Spliced into the bytes, so a long file costs a copy, not a string per line.
    private static func replacing(line number: Int, with scalars: [Unicode.Scalar], in source: SourceText) -> [UInt8]? {
        guard let range = source.byteRange(ofLine: number) else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        var bytes = source.utf8
        bytes.replaceSubrange(range, with: String(text).utf8)
        return bytes
    }

    /// Whether libyaml reads `bytes` to the end, or stops on a line after `line`.
    static func parsesPast(line: Int, _ bytes: [UInt8]) -> Bool {
        guard let stopped = firstStop(bytes) else { return true }
        return stopped.line > line
    }

    /// Where libyaml stops on `bytes` with a syntax error; nil when it reads them to the end.
    private static func firstStop(_ bytes: [UInt8]) -> SourceLocation? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else { return nil }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        return bytes.withUnsafeBufferPointer { buffer -> SourceLocation? in
            var none: UInt8 = 0
            return withUnsafePointer(to: &none) { fallback -> SourceLocation? in
                yaml_parser_set_input_string(parser, buffer.baseAddress ?? fallback, buffer.count)
                while true {
                    guard yaml_parser_parse(parser, event) != 0 else { return TreeBuilder.location(parser.pointee.problem_mark) }
                    let done = event.pointee.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(event)
                    if done { return nil }
                }
            }
        }
    }
}
