// libFuzzer target: the YAML loader. Any bytes must load or throw a positioned Diagnostic.
@testable import YAMLTree

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = lineBound(input)
    do {
        let root = try YAMLLoader.load(bytes: input, file: "fuzz.yaml")
        checkTree(root, lines: lines, bytes: input.count, input: input)
        // Loading is deterministic.
        guard (try? YAMLLoader.load(bytes: input, file: "fuzz.yaml")) == root else {
            violation("a second load gave a different tree", input)
        }
    } catch {
        checkDiagnostic(error, lines: lines, bytes: input.count, input: input)
        // The snippet renderer must cope with any position the loader reports.
        _ = error.rendered(source: input)
    }
    return 0
}
