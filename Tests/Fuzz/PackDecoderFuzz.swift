// libFuzzer target: the rule-pack decoder. Any bytes must decode or throw positioned diagnostics.
import YAMLTree
@testable import RuleEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = lineBound(input)
    do {
        let pack = try PackDecoder.decode(bytes: input, file: "fuzz-pack.yaml")
        for rule in pack.rules {
            checkLocation(rule.location, lines: lines, bytes: input.count, what: "rule \(rule.id)", input: input)
        }
        // A pack that decodes alone must load as a rule set, or fail with positioned problems.
        do { _ = try RuleSet.load(files: [("fuzz-pack.yaml", input)]) } catch {
            for diagnostic in error.diagnostics { checkDiagnostic(diagnostic, lines: lines, bytes: input.count, input: input) }
        }
    } catch {
        if error.diagnostics.isEmpty { violation("decoder threw an empty diagnostic list", input) }
        for diagnostic in error.diagnostics {
            checkDiagnostic(diagnostic, lines: lines, bytes: input.count, input: input)
            _ = diagnostic.rendered(source: input)
        }
    }
    return 0
}
