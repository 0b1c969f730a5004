// The DutyCheck benchmark: generates N synthetic records, checks them with every shipped pack,
// and compares with libyaml merely parsing the same bytes; then times `dutycheck check --format
// json`, `validate`, `calendar` and `notify` over the same folder, output included. Each size runs
// in a child process so that its peak memory is its own.
// Usage: dutycheck-bench [N ...]   (default: 100 1000 10000)
//        dutycheck-bench --write FOLDER N   (writes N synthetic records, for timing by hand)
//        dutycheck-bench --stages N   (one thread: microseconds per record in each stage of a check
//                                      and in a whole check, with ratios to libyaml, then per pack; DUTYCHECK_BENCH_STAGE=NAME or packs runs one,
//                                      DUTYCHECK_BENCH_PACKS=FOLDER times the packs in FOLDER,
//                                      DUTYCHECK_BENCH_RECORDS=FOLDER the records in FOLDER)
import Foundation
import RuleEngine

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child", arguments.count == 2, let count = Int(arguments[1]) {
    say(BenchmarkRun.measure(count: count).line)
    exit(0)
}
if arguments.first == "--stages", arguments.count == 2, let count = Int(arguments[1]) {
    StageProfile.run(count: count)
    exit(0)
}
if arguments.first == "--write", arguments.count == 3, let count = Int(arguments[2]) {
    // Synthetic records on disk, for timing or profiling `dutycheck` by hand.
    let folder = URL(fileURLWithPath: arguments[1])
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var paths: [String] = []
    for index in 0..<count {
        let file = folder.appendingPathComponent(String(format: "record-%05d.yaml", index))
        try Data(SyntheticRecords.record(index).utf8).write(to: file)
        paths.append(file.path)
    }
    SyntheticRecords.requireValid(paths.prefix(100), rules: SyntheticRecords.shippedRules())
    exit(0)
}
let sizes = arguments.compactMap(Int.init)
let counts = sizes.isEmpty ? [100, 1_000, 10_000] : sizes
say("DutyCheck benchmark: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(EmbeddedRules.packs.count) shipped packs")
say("                                                                      "
    + "  dutycheck over the folder: seconds and peak MiB")
say("records  check s  records/s  libyaml s  ratio  cpu ratio  peak MiB      check     MiB   validate     MiB   calendar     MiB     notify     MiB")
for count in counts {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    child.arguments = ["--child", String(count)]
    try child.run()
    child.waitUntilExit()
}
StartupTiming.report()

/// Writes a line at once, so lines from the child processes come out in order.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
