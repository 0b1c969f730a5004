import Foundation
import RuleEngine
import YAMLTree

/// Where a record's checking time goes, stage by stage, on one thread: libyaml's events, the tree
/// built from them, the record decoded from the tree, the rules evaluated, and the last two together
/// (a whole check), each also as a multiple of libyaml's time. For profiling by hand (`perf record
/// dutycheck-bench --stages N`); each stage runs five times over the same records and the best
/// round counts. Then each shipped pack's share of the rules evaluated.
enum StageProfile {
    static func run(count: Int) {
        let files = recordFiles(count: count)
        let rules = SyntheticRecords.shippedRules()
        let evaluator = RecordEvaluator(rules: rules)
        let records = files.enumerated().map { index, bytes in
            do { return try RecordDecoder.decode(bytes: bytes, file: "record-\(index).yaml", rules: rules) } catch {
                fatalError("synthetic record \(index) does not load: \(error)")
            }
        }
        var sink = 0
        let stages: [(String, () -> Void)] = [
            ("libyaml events", { for bytes in files { sink &+= LibYAMLBaseline.eventCount(bytes) } }),
            ("tree built", {
                for bytes in files { if (try? YAMLLoader.load(bytes: bytes, file: "record.yaml")) != nil { sink &+= 1 } }
            }),
            ("record decoded", {
                for bytes in files {
                    if (try? RecordDecoder.decode(bytes: bytes, file: "record.yaml", rules: rules)) != nil { sink &+= 1 }
                }
            }),
            ("rules evaluated", {
                for record in records { sink &+= evaluator.evaluate(record, asOf: SyntheticRecords.asOf).findings.count }
            }),
            // As a check runs, on one thread: each record decoded and evaluated once. Its ratio to
            // libyaml is the benchmark's ratio without the second core.
            ("whole check", {
                for bytes in files {
                    guard let record = try? RecordDecoder.decode(bytes: bytes, file: "record.yaml", rules: rules) else { continue }
                    sink &+= evaluator.evaluate(record, asOf: SyntheticRecords.asOf).findings.count
                }
            }),
        ]
        let only = ProcessInfo.processInfo.environment["DUTYCHECK_BENCH_STAGE"]
        var libyaml: Double?
        for (name, body) in stages where only == nil || only == name {
            var best = Double.infinity
            for _ in 0..<5 { best = min(best, BenchmarkRun.time(body)) }
            if libyaml == nil { libyaml = best }
            let ratio = only == nil ? String(format: "  %5.2f × libyaml", best / (libyaml ?? best)) : ""
            say(name.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %8.1f µs per record", best / Double(count) * 1e6) + ratio)
        }
        if only == nil || only == "packs" { sink &+= byPack(records, packs: packFiles()) }
        if sink == 42 { say("") }
    }

    /// `count` synthetic records, or with `DUTYCHECK_BENCH_RECORDS=FOLDER` the `.yaml` records in
    /// that folder, repeated in turn up to `count` (to see how a real record's stages compare).
    private static func recordFiles(count: Int) -> [[UInt8]] {
        guard let folder = ProcessInfo.processInfo.environment["DUTYCHECK_BENCH_RECORDS"] else {
            return (0..<count).map { Array(SyntheticRecords.record($0).utf8) }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !names.isEmpty else { fatalError("no .yaml records in \(folder)") }
        let records = names.map { Array(FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) }
        return (0..<count).map { records[$0 % records.count] }
    }

    /// The shipped packs, or with `DUTYCHECK_BENCH_PACKS=FOLDER` each pack file in that folder (a
    /// pack cut down to one rule, say, to time that rule alone).
    private static func packFiles() -> [(name: String, bytes: [UInt8])] {
        guard let folder = ProcessInfo.processInfo.environment["DUTYCHECK_BENCH_PACKS"] else {
            return EmbeddedRules.packs.map { ($0.name, Array($0.text.utf8)) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
        return names.map { ($0, Array(FileManager.default.contents(atPath: folder + "/" + $0) ?? Data())) }
    }

    /// The rules evaluated stage again, one pack at a time (each alone, so the record's converted
    /// nodes are not shared with the other packs, as they are in a real check).
    private static func byPack(_ records: [Record], packs: [(name: String, bytes: [UInt8])]) -> Int {
        var sink = 0
        for pack in packs {
            guard let rules = try? RuleSet.load(files: [(pack.name, pack.bytes)]) else {
                say("  \(pack.name) does not load")
                continue
            }
            let evaluator = RecordEvaluator(rules: rules)
            var best = Double.infinity
            for _ in 0..<5 {
                best = min(best, BenchmarkRun.time {
                    for record in records { sink &+= evaluator.evaluate(record, asOf: SyntheticRecords.asOf).findings.count }
                })
            }
            let name = "  " + (rules.packs.first?.id ?? pack.name) + (rules.packs.first?.rules.count == 1 ? ": " + (rules.packs.first?.rules.first?.id ?? "") : "")
            say(name.padding(toLength: 60, withPad: " ", startingAt: 0)
                + String(format: " %8.1f µs per record (%d rules)", best / Double(records.count) * 1e6, rules.packs.first?.rules.count ?? 0))
        }
        return sink
    }
}
