// libFuzzer target: the expression parser, then evaluation of whatever parses against a small
// record. Parse errors must point inside the expression; evaluation may fail but never crash.
import YAMLTree
@testable import RuleEngine

private let record = """
    dutycheck: 1
    partnership: {name: Fuzz Partnership, nation: england, area_type: district}
    partners:
      - {id: a, name: Alpha, role: police, responsible_authority: true, joined: 2020-01-31}
      - {id: b, name: Beta, role: local_authority, responsible_authority: false}
    plans:
      - {period: {start: 2021-04-01, end: 2024-03-31}, approved: 2021-03-15, "odd key": [1, 2.5, "x", null, true]}
    """

private let root: Value = {
    let node = try! YAMLLoader.load(text: record, file: "record.yaml")
    return Value.fromRecord(node, path: "")
}()

private let start = SourceLocation(line: 2, column: 7)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let source = String(decoding: input, as: UTF8.self)
    let sourceBytes = Array(source.utf8)
    do {
        let expression = try Expression.parse(source, at: start, file: "pack.yaml")
        let scope = EvaluationScope(root: root, today: CivilDate(year: 2024, month: 4, day: 2)!,
                                    lets: LetTable(definitions: [:]))
        _ = try? expression.evaluate(in: scope)
    } catch {
        guard let location = error.location else { violation("parse error without a position: \(error)", input) }
        // Inside the expression: from its first character to one past its last line.
        let lines = start.line - 1 + lineBound(sourceBytes)
        checkLocation(location, lines: lines, bytes: sourceBytes.count + start.column, what: "\(error)", input: input)
        if location < start { violation("parse error at \(location), before the expression's start \(start)", input) }
        if location.line == start.line, location.column > start.column + source.unicodeScalars.count + 1 {
            violation("parse error at \(location), past the end of the expression", input)
        }
    }
    return 0
}
