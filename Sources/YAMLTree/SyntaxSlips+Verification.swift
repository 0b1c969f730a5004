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
        var lines = (1...max(source.lineCount, 1)).map { source.line($0) ?? "" }
        var mended = String.UnicodeScalarView()
        mended.append(contentsOf: scalars)
        lines[slip.location.line - 1] = String(mended)
        guard let stopped = firstStop(Array(lines.joined(separator: "\n").utf8)) else { return true }
        return stopped > stop
    }

    /// Whether the file with line `number` replaced by `mended` parses past line `beyond`: libyaml
    /// reads it to the end, or stops on a later line.
    static func mending(line number: Int, to mended: [Unicode.Scalar], getsPast beyond: Int, in source: SourceText) -> Bool {
        guard number >= 1, number <= source.lineCount else { return false }
        var lines = (1...source.lineCount).map { source.line($0) ?? "" }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: mended)
        lines[number - 1] = String(text)
        guard let stopped = firstStop(Array(lines.joined(separator: "\n").utf8)) else { return true }
        return stopped.line > beyond
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
