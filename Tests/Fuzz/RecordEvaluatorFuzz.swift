// libFuzzer target: random records against the shipped packs. The first two input bytes pick the
// as-of date; the rest is the record. Decoding may fail with positioned diagnostics; a decoded
// record must evaluate without crashing, every finding's evidence must point into the record, and
// filters looked up by key (`KeyedFilter`) must give exactly what scanning every element gives.
//
// The packs are read at start-up from $DUTYCHECK_RULES (default: Rules, relative to the working
// directory).
#if canImport(Glibc)
import Glibc
#endif
import YAMLTree
@testable import RuleEngine

private func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

private let rules: RuleSet = {
    let directory = getenv("DUTYCHECK_RULES").map { String(cString: $0) } ?? "Rules"
    guard let dir = opendir(directory) else {
        fputs("fuzz-record: cannot open the rules directory \(directory); set DUTYCHECK_RULES\n", stderr)
        exit(2)
    }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name.hasSuffix(".yaml") { names.append(name) }
    }
    closedir(dir)
    names.sort()
    let files = names.map { (name: "\(directory)/\($0)", bytes: readFile("\(directory)/\($0)") ?? []) }
    do {
        let set = try RuleSet.load(files: files)
        guard !set.packs.isEmpty else { fputs("fuzz-record: no packs in \(directory)\n", stderr); exit(2) }
        return set
    } catch {
        fputs("fuzz-record: the shipped packs do not load:\n\(error)\n", stderr)
        exit(2)
    }
}()

/// FUZZ_VERBOSE=1 reports each decoded record's findings, to check the seeds reach the evaluator.
private let verbose = getenv("FUZZ_VERBOSE") != nil

private let firstDay = CivilDate(year: 2015, month: 1, day: 1)!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = rules.packs.count
    return 0
}

/// What a reader sees of a finding, to compare two evaluations.
private func seen(_ finding: Finding) -> String {
    let evidence = finding.evidence.map { "\($0.path)@\($0.line):\($0.column)" }
    return "\(finding.subject ?? "-") \(finding.status) \(finding.due?.iso ?? "-") \(finding.done?.iso ?? "-") "
        + "\(finding.days.map(String.init) ?? "-") \(finding.owners) "
        + "\(finding.message) \(finding.remedy ?? "-") \(evidence)"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let all = Array(UnsafeBufferPointer(start: data, count: size))
    guard all.count >= 2 else { return 0 }
    let asOf = firstDay.adding(days: (Int(all[0]) << 8 | Int(all[1])) % 7300)   // 2015 to 2034
    let input = Array(all[2...])
    let lines = lineBound(input)
    let record: Record
    do {
        record = try RecordDecoder.decode(bytes: input, file: "record.yaml", rules: rules)
    } catch {
        if verbose { fputs("fuzz-record: \(error)\n", stderr) }
        if error.diagnostics.isEmpty { violation("record decoder threw an empty diagnostic list", all) }
        for diagnostic in error.diagnostics {
            checkDiagnostic(diagnostic, lines: lines, bytes: input.count, input: all)
            _ = diagnostic.rendered(source: input)
        }
        return 0
    }
    let result = RecordEvaluator(rules: rules).evaluate(record, asOf: asOf)
    if verbose { fputs("fuzz-record: \(result.findings.count) findings as of \(asOf)\n", stderr) }
    let scanned = RecordEvaluator(rules: rules, indexesFilters: false).evaluate(record, asOf: asOf)
    for (indexed, full) in zip(result.findings, scanned.findings) where seen(indexed) != seen(full) {
        violation("\(indexed.rule) with indexed filters gives \(seen(indexed)), scanning gives \(seen(full))", all)
    }
    if result.findings.count != scanned.findings.count { violation("indexed filters change the number of findings", all) }
    for finding in result.findings {
        for evidence in finding.evidence where evidence.file == "record.yaml" {
            checkLocation(SourceLocation(line: evidence.line, column: evidence.column), lines: lines,
                          bytes: input.count, what: "evidence \(evidence.path) of \(finding.rule)", input: all)
        }
        if finding.status == .waived || finding.status == .met || finding.status == .notApplicable {
            if finding.level != nil { violation("\(finding.rule) is \(finding.status) but has a level", all) }
        }
    }
    for waiver in result.waivers {
        checkLocation(waiver.location, lines: lines, bytes: input.count, what: "waiver of \(waiver.rule)", input: all)
    }
    return 0
}
