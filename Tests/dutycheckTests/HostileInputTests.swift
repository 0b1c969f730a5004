import Foundation
import Testing
import TestSupport

/// Hostile inputs (issue 6 §2), each run through the built binary in a fresh workspace: truncated files,
/// deep nesting and alias bombs, byte-order marks and UTF-16, CRLF, control characters, huge values,
/// impossible and extreme dates, broken packs and records, schemas for `validate --schema` that loop,
/// backtrack or give keywords values of the wrong type, and paths that cannot be read or written.
///
/// Each case says what the tool does today: its exit code (never a signal) and the exact start of
/// stderr (`file:line:col: error: ...`, or `file: error: ...` for a problem with the file as a whole).
/// When the exit code is 2 nothing is written: the previous `out.txt` is intact and no file appears.
///
/// What the loader does with encodings (asserted below): a UTF-8 byte-order mark is skipped; UTF-16LE
/// and UTF-16BE with a byte-order mark are read (positions count characters, as in UTF-8); UTF-16
/// without a mark, and UTF-32, are rejected at the first NUL. Lines break where libyaml breaks them:
/// LF, CR, CRLF, and also NEL (U+0085) and LINE SEPARATOR (U+2028), so a file holding those reports
/// the lines libyaml counts.
///
/// Dates: 2023-02-29 and 0000-01-01 are not real days (year 0 does not exist in ISO 8601's common
/// form the tool reads): in a waiver's `until` they are a positioned error, as `--as-of` or
/// `--meeting` a flag error, and in a record field read by a rule they make that finding `missing`
/// with a message naming the bad value (exit 1). 9999-12-31 is accepted everywhere; arithmetic past
/// it (an interval, a warning window) stops at 9999-12-31 instead of overflowing.
@Suite struct HostileInputTests {
    /// Something the test sets up beyond writing files.
    enum Setup: Sendable {
        case none
        /// A file whose name ends in bytes that are not UTF-8, in `folder`, holding `bytes`.
        case nonUTF8Name(folder: String, bytes: [UInt8])
        case directory(String)
        case symlink(String, to: String)
        /// `name` links to `through`, which links to `target`.
        case linkChain(String, through: String, to: String)
        /// `name` can be opened but not read: chmod 000, or (as root, whom chmod does not stop) a link to
        /// the child's own /proc/self/mem, whose first page is unmapped, so reading fails with EIO.
        case unreadable(String)
        /// A character device with the numbers of /dev/full (1, 7): every write fails with ENOSPC.
        case fullDevice(String)
        /// A character device with the numbers of /dev/null (1, 3).
        case nullDevice(String)
        /// A named pipe that nothing writes to: opening it to read would wait for a writer for ever.
        case fifo(String)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        var label: String
        /// Files written over the workspace's defaults (rules/pack.yaml: the CLI pack, r.yaml: a clean record).
        var files: [String: [UInt8]] = [:]
        var setup: Setup = .none
        var arguments: [String] = HostileInputTests.check
        var status: Int32
        /// The exact start of stderr; empty: stderr is empty.
        var stderr: String
        /// Added to the child's environment.
        var environment: [String: String] = [:]
        /// Files the run may create even when it fails (the state database records a failed delivery).
        var mayCreate: Set<String> = []

        var testDescription: String { label }

        init(_ label: String, _ files: [String: [UInt8]] = [:], setup: Setup = .none,
             arguments: [String] = HostileInputTests.check, _ status: Int32, _ stderr: String) {
            self.label = label
            self.files = files
            self.setup = setup
            self.arguments = arguments
            self.status = status
            self.stderr = stderr
        }

        /// A record `r.yaml` with these bytes.
        static func record(_ label: String, _ bytes: [UInt8], _ status: Int32, _ stderr: String) -> Hostile {
            Hostile(label, ["r.yaml": bytes], status, stderr)
        }

        static func record(_ label: String, _ text: String, _ status: Int32, _ stderr: String) -> Hostile {
            record(label, Array(text.utf8), status, stderr)
        }

        /// The CLI pack with `original` replaced by `replacement`.
        static func pack(_ label: String, _ original: String, _ replacement: String, _ status: Int32, _ stderr: String) -> Hostile {
            let text = CLIPack.text.replacingOccurrences(of: original, with: replacement)
            precondition(text != CLIPack.text, "\(original) is not in the pack")
            return Hostile(label, ["rules/pack.yaml": Array(text.utf8)], status, stderr)
        }

        /// `validate --schema s.json r.yaml`, with these texts (the record: a clean one unless given).
        static func schema(_ label: String, _ schema: String, record: String = CLIPack.cleanRecord, _ status: Int32, _ stderr: String) -> Hostile {
            Hostile(label, ["s.json": Array(schema.utf8), "r.yaml": Array(record.utf8)], arguments: ["validate", "--schema", "s.json", "r.yaml"], status, stderr)
        }

        var writesOutTxt: Bool { arguments.contains("out.txt") }
    }

    static let check = ["check", "--rules", "rules", "--as-of", "2024-04-02", "-o", "out.txt", "r.yaml"]

    static func check(_ extra: [String], record: String = "r.yaml", asOf: String = "2024-04-02", output: String = "out.txt") -> [String] {
        ["check", "--rules", "rules", "--as-of", asOf, "-o", output] + extra + [record]
    }

    static func notify(_ extra: [String]) -> [String] {
        ["notify", "--rules", "rules", "--as-of", "2024-04-02"] + extra + ["r.yaml"]
    }

    static let duplicateKey = "dutycheck: 1\nnotes: yes\nnotes: no\n"
    static let billionLaughs: String = {
        var lines = ["l0: &l0 [lol]"]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()
    /// A record notify accepts: the plan is overdue, and there is somewhere to send it.
    static let notifyRecord = CLIPack.errorRecord + "notifications:\n  from: {email: d@example.org}\n  to: [a@example.org]\n"

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return bytes
    }

    /// The CLI pack with `count` lets, each naming the next-numbered one before it (or, in a cycle,
    /// the one after it), starting on line 8.
    static func packWithLets(_ count: Int, cycle: Bool) -> String {
        let lets = (0..<count).map { index in
            let target = cycle ? "l\((index + 1) % count)" : (index == 0 ? "plan.due" : "l\(index - 1)")
            return "  l\(index): \(target)\n"
        }.joined()
        return CLIPack.text.replacingOccurrences(of: "rules:\n", with: "let:\n" + lets + "rules:\n")
    }

    static func waiver(until: String) -> String {
        CLIPack.record(plan: "{due: 2024-03-31}", waivers: "  - {rule: plan-due, reason: r, approved_by: b, until: \(until)}")
    }

    static let cases: [Hostile] = {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let clean = CLIPack.cleanRecord
        var cases: [Hostile] = [
            // Truncated files.
            .record("truncated inside a flow mapping", "dutycheck: 1\npartnership: {name: X", 2,
                    "r.yaml:2:22: error: did not find expected ',' or '}' (while parsing a flow mapping that started at line 2, column 14)"),
            .record("truncated inside a double-quoted scalar", "dutycheck: 1\nnotes: \"abc", 2,
                    "r.yaml:2:8: error: while scanning a quoted scalar that starts here, found unexpected end of stream at the end of the file (line 2, column 12): the closing quote is missing"),
            .record("truncated inside a single-quoted scalar", "dutycheck: 1\nnotes: 'abc\n", 2,
                    "r.yaml:2:8: error: while scanning a quoted scalar that starts here, found unexpected end of stream at the end of the file (line 3, column 1): the closing quote is missing"),
            .record("truncated inside a key", "dutycheck: 1\nnot", 2,
                    "r.yaml:2:4: error: could not find expected ':' (while scanning a simple key that started at line 2, column 1)"),
            .record("truncated inside a list item", "dutycheck: 1\npartners:\n  - {id: lbb, appr", 2,
                    "r.yaml:3:19: error: did not find expected ',' or '}' (while parsing a flow mapping that started at line 3, column 5)"),
            .record("truncated inside a UTF-8 sequence", Array("dutycheck: 1\nnotes: caf".utf8) + [0xC3], 2,
                    "r.yaml:2:11: error: invalid UTF-8 (incomplete UTF-8 octet sequence)"),
            Hostile("a pack truncated mid-rule",
                    ["rules/pack.yaml": Array(CLIPack.text.prefix(upTo: CLIPack.text.range(of: "deadline: {due: plan.due")!.lowerBound).utf8)
                        + Array("deadline: {due: plan".utf8)], 2,
                    "rules/pack.yaml:14:25: error: did not find expected ',' or '}' (while parsing a flow mapping that started at line 14, column 15)"),

            // Deep nesting and alias bombs.
            .record("65 nested flow lists", "dutycheck: 1\nnotes: " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n", 2,
                    "r.yaml:2:71: error: nesting is deeper than the limit of 64 levels"),
            .record("100 nested block mappings",
                    "dutycheck: 1\n" + (0..<100).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined() + String(repeating: " ", count: 100) + "v\n", 2,
                    "r.yaml:66:65: error: nesting is deeper than the limit of 64 levels"),
            Hostile("80 nested mappings in a pack",
                    ["rules/pack.yaml": Array((CLIPack.text + "  - " + String(repeating: "{a: ", count: 80) + "1" + String(repeating: "}", count: 80) + "\n").utf8)], 2,
                    "rules/pack.yaml:39:253: error: nesting is deeper than the limit of 64 levels"),
            // Each let read evaluates the lets it names a level deeper: a long chain must be refused
            // when the pack loads, and neither check needs the real stack.
            Hostile("a chain of 60,000 lets", ["rules/pack.yaml": Array(Self.packWithLets(60_000, cycle: false).utf8)], 2,
                    "rules/pack.yaml:60007:3: error: let \"l59999\" nests 60000 levels deep through the lets it reads; at most 64 are allowed"),
            Hostile("a cycle of 60,000 lets", ["rules/pack.yaml": Array(Self.packWithLets(60_000, cycle: true).utf8)], 2,
                    "rules/pack.yaml:8:3: error: let \"l0\" depends on itself: l0 -> l1 -> l2 -> l3 -> l4 -> ... (60000 lets in all) ... -> l59998 -> l59999 -> l0\n"),
            Hostile("an alias bomb as a pack", ["rules/pack.yaml": Array(billionLaughs.utf8)], 2,
                    "rules/pack.yaml:7:10: error: alias *l5 expands the document beyond the limit of 200000 nodes"),
            .record("a wide alias bomb", "dutycheck: 1\nx: &x [" + Array(repeating: "a", count: 1000).joined(separator: ", ") + "]\ny: ["
                    + Array(repeating: "*x", count: 1000).joined(separator: ", ") + "]\n", 2,
                    "r.yaml:3:797: error: alias *x expands the document beyond the limit of 200000 nodes"),
            .record("an undefined alias", "dutycheck: 1\nnotes: *nope\n", 2,
                    "r.yaml:2:8: error: undefined alias *nope (an anchor must be complete before it is used)"),
            .record("an alias inside its own anchor", "dutycheck: 1\nnotes: &a [*a]\n", 2,
                    "r.yaml:2:12: error: undefined alias *a (an anchor must be complete before it is used)"),
            .record("a merge key", "dutycheck: 1\nbase: &b {a: 1}\nnotes: {<<: *b}\n", 2,
                    "r.yaml:3:9: error: merge keys (<<) are not supported; write the keys out in full"),

            // Byte-order marks and UTF-16.
            .record("a UTF-8 BOM is skipped", bom + Array(clean.utf8), 0, ""),
            .record("a UTF-8 BOM does not shift lines", bom + Array(duplicateKey.utf8), 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("a UTF-8 BOM does not shift columns on line 1", bom + Array("notes: {a: 1, a: 2}\n".utf8), 2,
                    "r.yaml:1:15: error: duplicate key \"a\" (first defined at line 1)"),
            .record("a BOM-only file", bom, 2, "r.yaml:1:1: error: the file holds no YAML document, only comments or blank lines"),
            .record("UTF-16LE with a BOM is read", utf16(clean, bigEndian: false), 0, ""),
            .record("UTF-16BE with a BOM is read", utf16(clean, bigEndian: true), 0, ""),
            .record("UTF-16LE positions count characters", utf16(duplicateKey, bigEndian: false), 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("UTF-16BE with CRLF positions", utf16(duplicateKey.replacingOccurrences(of: "\n", with: "\r\n"), bigEndian: true), 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("UTF-16LE without a BOM is rejected", utf16(clean, bigEndian: false, mark: false), 2,
                    "r.yaml:1:2: error: control character U+0000 is not allowed"),
            .record("UTF-32 is rejected", [0xFF, 0xFE, 0, 0] + Array(clean.unicodeScalars.flatMap { scalar in
                        (0..<4).map { UInt8((scalar.value >> (8 * UInt32($0))) & 0xFF) } }), 2,
                    "r.yaml:1:1: error: control character U+0000 is not allowed"),
            .record("UTF-16 with an odd byte at the end", utf16(clean, bigEndian: false) + [0x41], 2,
                    "r.yaml:8:1: error: invalid UTF-16 (incomplete UTF-16 character)"),
            .record("UTF-16 with a lone surrogate", utf16("dutycheck: 1\nnotes: ", bigEndian: false) + [0x00, 0xD8] + utf16("x\n", bigEndian: false, mark: false), 2,
                    "r.yaml:2:9: error: invalid UTF-16 (expected low surrogate area)"),
            .record("a BOM character inside a value", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{FEFF}b"), 0, ""),

            // Line endings.
            .record("a CRLF record", clean.replacingOccurrences(of: "\n", with: "\r\n"), 0, ""),
            .record("CRLF positions", duplicateKey.replacingOccurrences(of: "\n", with: "\r\n"), 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("CR-only positions", duplicateKey.replacingOccurrences(of: "\n", with: "\r"), 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("mixed CRLF and LF positions", "dutycheck: 1\r\nnotes: yes\nnotes: no\r\n", 2,
                    "r.yaml:3:1: error: duplicate key \"notes\" (first defined at line 2)"),
            .record("a CRLF waiver column", waiver(until: "soon").replacingOccurrences(of: "\n", with: "\r\n"), 2,
                    "r.yaml:9:56: error: \"until\" must be a date, not \"soon\""),
            Hostile("a CRLF pack", ["rules/pack.yaml": Array(CLIPack.text.replacingOccurrences(of: "    severity: warning", with: "    severty: warning")
                        .replacingOccurrences(of: "\n", with: "\r\n").utf8)], 2,
                    "rules/pack.yaml:20:5: error: unknown key \"severty\"; did you mean \"severity\"?"),
            .record("NEL counts as a line break, as libyaml counts", "dutycheck: 1\nnotes: \"a\u{85}b\"\nx: 1\nx: 2\n", 2,
                    "r.yaml:5:1: error: duplicate key \"x\" (first defined at line 4)"),
            .record("LINE SEPARATOR in a plain scalar breaks the line", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{2028}b"), 2,
                    "r.yaml:6:1: error: could not find expected ':' (while scanning a simple key that started at line 6, column 1); "
                        + "line 5 ends in U+2028 (LINE SEPARATOR), an invisible character YAML counts as a line break, so line 6 "
                        + "stands on its own among the keys: replace that character with a space"),

            // Tabs and control characters.
            .record("a tab as indentation", "dutycheck: 1\npartnership:\n\tname: X\n", 2,
                    "r.yaml:3:1: error: found character that cannot start any token (while scanning for the next token)"),
            .record("a tab inside a quoted value", clean.replacingOccurrences(of: "notes: yes", with: "notes: \"a\tb\""), 0, ""),
            .record("a tab after a colon", clean.replacingOccurrences(of: "notes: yes", with: "notes:\tyes"), 0, ""),
            .record("a NUL byte", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{0}b"), 2,
                    "r.yaml:5:9: error: control character U+0000 is not allowed"),
            .record("an ESC byte", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{1B}b"), 2,
                    "r.yaml:5:9: error: control character U+001B is not allowed"),
            .record("a DEL byte", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{7F}b"), 2,
                    "r.yaml:5:9: error: control character U+007F is not allowed"),
            .record("a form feed", clean.replacingOccurrences(of: "notes: yes", with: "notes: a\u{0C}b"), 2,
                    "r.yaml:5:9: error: control character U+000C is not allowed"),
            .record("a BEL inside quotes", clean.replacingOccurrences(of: "notes: yes", with: "notes: \"a\u{07}b\""), 2,
                    "r.yaml:5:10: error: control character U+0007 is not allowed"),
            .record("an escaped NUL is allowed", clean.replacingOccurrences(of: "notes: yes", with: "notes: \"a\\0b\""), 0, ""),
            .record("an escaped lone surrogate", clean.replacingOccurrences(of: "notes: yes", with: "notes: \"\\ud800\""), 2,
                    "r.yaml:5:11: error: found invalid Unicode character escape code (while parsing a quoted scalar that started at line 5, column 8)"),
            .pack("a NUL in a pack title", "title: Notes are kept", "title: Notes \u{0}are kept", 2,
                  "rules/pack.yaml:23:18: error: control character U+0000 is not allowed"),

            // Huge scalars and numbers.
            // A scalar is printed wherever a finding names it: one of 1 MB, or many aliases to a long
            // one, could make an output hundreds of times the input.
            .record("a 64 KiB scalar", clean.replacingOccurrences(of: "notes: yes", with: "notes: " + String(repeating: "x", count: 64 << 10)), 0, ""),
            .record("a 1 MB scalar", clean.replacingOccurrences(of: "notes: yes", with: "notes: " + String(repeating: "x", count: 1 << 20)), 2,
                    "r.yaml:5:8: error: a scalar of 1048576 bytes is longer than the limit of 65536 bytes\n"),
            .record("200 aliases to a 64 KiB scalar", clean + "long: &long " + String(repeating: "x", count: 64 << 10) + "\ncopies: ["
                    + Array(repeating: "*long", count: 200).joined(separator: ", ") + "]\n", 2,
                    "r.yaml:9:892: error: alias *long expands the document beyond the limit of 8388608 bytes of text\n"),
            .record("a 100,000-character key", clean + String(repeating: "k", count: 100_000) + ": 1\n", 2,
                    "r.yaml:8:100001: error: could not find expected ':' (while scanning a simple key that started at line 8, column 1); the key before it is 100000 characters long, and YAML allows an implicit key at most 1,024\n"),
            .record("a 1,025-character key in a mapping", clean + "extra:\n  " + String(repeating: "k", count: 1_025) + ": 1\n", 2,
                    "r.yaml:9:1028: error: mapping values are not allowed in this context; the key before it is 1025 characters long, and YAML allows an implicit key at most 1,024\n"),
            .record("a 1,024-character key is fine", clean + "extra:\n  " + String(repeating: "k", count: 1_024) + ": 1\n", 0, ""),
            .record("a format version beyond 64 bits", clean.replacingOccurrences(of: "dutycheck: 1", with: "dutycheck: 99999999999999999999999"), 2,
                    "r.yaml:1:12: error: integer 99999999999999999999999 does not fit in 64 bits; quote it to keep it as text"),
            .record("a format version below Int64.min", clean.replacingOccurrences(of: "dutycheck: 1", with: "dutycheck: -9223372036854775809"), 2,
                    "r.yaml:1:12: error: integer -9223372036854775809 does not fit in 64 bits"),
            .record("a format version of Int64.max", clean.replacingOccurrences(of: "dutycheck: 1", with: "dutycheck: 9223372036854775807"), 2,
                    "r.yaml:1:12: error: format version 9223372036854775807 is not supported by this dutycheck (it reads version 1)"),
            .record("a format version of 1e400", clean.replacingOccurrences(of: "dutycheck: 1", with: "dutycheck: 1e400"), 2,
                    "r.yaml:1:12: error: \"dutycheck\" must be the format version number, 1"),
            .record("a record value beyond 64 bits", clean.replacingOccurrences(of: "notes: yes", with: "notes: 99999999999999999999999"), 2,
                    "r.yaml:5:8: error: integer 99999999999999999999999 does not fit in 64 bits"),
            // A duration written right but longer than the calendar's span is refused as too long
            // (Int64.max days had been accepted, and saturated in the arithmetic).
            .pack("a warning window beyond 64 bits", "warn: 30 days", "warn: 99999999999999999999 days", 2,
                  "rules/pack.yaml:14:56: error: \"warn\" is too long a duration: no two dates DutyCheck counts (years 1 to 9999) are that far apart"),
            .pack("a warning window of Int64.max days", "warn: 30 days", "warn: 9223372036854775807 days", 2,
                  "rules/pack.yaml:14:56: error: \"warn\" is too long a duration: no two dates DutyCheck counts (years 1 to 9999) are that far apart"),
            .pack("an interval of Int64.max months", "interval: 3 months", "interval: 9223372036854775807 months", 2,
                  "rules/pack.yaml:21:45: error: \"interval\" is too long a duration"),
            .pack("an interval of Int64.max days", "interval: 3 months", "interval: 9223372036854775807 days", 2,
                  "rules/pack.yaml:21:45: error: \"interval\" is too long a duration"),
            // The longest window a pack may write still loads and is checked.
            Hostile("a warning window of the calendar's whole span",
                    ["rules/pack.yaml": Array(CLIPack.text.replacingOccurrences(of: "warn: 30 days", with: "warn: 3652058 days").utf8),
                     "r.yaml": Array(CLIPack.record(plan: "{due: 2024-05-31}").utf8)], 0, ""),
            Hostile("Int64.max + 1 in an expression",
                    ["rules/pack.yaml": Array(CLIPack.text.replacingOccurrences(of: "require: exists(notes)", with: "require: notes + 1 > 0").utf8),
                     "r.yaml": Array(clean.replacingOccurrences(of: "notes: yes", with: "notes: 9223372036854775807").utf8)], 0, ""),

            // Dates.
            .record("a waiver until 2023-02-29", waiver(until: "2023-02-29"), 2,
                    "r.yaml:9:56: error: \"until\" must be a date, not \"2023-02-29\" (2023-02-29 is not a real day)"),
            .record("a waiver until 0000-01-01", waiver(until: "0000-01-01"), 2,
                    "r.yaml:9:56: error: \"until\" must be a date, not \"0000-01-01\" (0000-01-01 is not a real day)"),
            .record("a waiver until 9999-12-31 is active", waiver(until: "9999-12-31"), 0, ""),
            .record("a waiver until 2024-02-29 has expired", waiver(until: "2024-02-29"), 1, ""),
            Hostile("--as-of 2023-02-29", arguments: check([], asOf: "2023-02-29"), 2, "--as-of: error: 2023-02-29 is not a real day\n"),
            Hostile("--as-of 0000-01-01", arguments: check([], asOf: "0000-01-01"), 2, "--as-of: error: 0000-01-01 is not a real day\n"),
            Hostile("--as-of 9999-12-31", arguments: check([], asOf: "9999-12-31"), 0, ""),
            Hostile("--as-of 9999-12-31 with the plan overdue", ["r.yaml": Array(CLIPack.errorRecord.utf8)], arguments: check([], asOf: "9999-12-31"), 1, ""),
            Hostile("--as-of 0001-01-01", arguments: check([], asOf: "0001-01-01"), 0, ""),
            .record("a rule reads 2023-02-29: missing", CLIPack.record(plan: "{due: 2023-02-29}"), 1, ""),
            .record("a rule reads 0000-01-01: missing", CLIPack.record(plan: "{due: 0000-01-01}"), 1, ""),
            .record("a rule reads 2024-13-01: missing", CLIPack.record(plan: "{due: 2024-13-01}"), 1, ""),
            .record("a rule reads 9999-12-31: met", CLIPack.record(plan: "{due: 9999-12-31}"), 0, ""),
            .record("last met 9999-12-31: the next meeting stops at 9999-12-31", CLIPack.record(lastMet: "9999-12-31"), 0, ""),
            .pack("a pack date 0000-01-01", "due: plan.due,", "due: plan.due ?? 0000-01-01,", 2,
                  "rules/pack.yaml:14:33: error: 0000-01-01 is not a real day"),
            Hostile("--meeting 2023-02-29", arguments: ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2023-02-29", "-o", "out.txt", "r.yaml"], 2,
                    "--meeting: error: 2023-02-29 is not a real day\n"),
            Hostile("--meeting 2024-02-30", arguments: ["report", "--rules", "rules", "--as-of", "2024-02-02", "--meeting", "2024-02-30", "-o", "out.txt", "r.yaml"], 2,
                    "--meeting: error: 2024-02-30 is not a real day\n"),
            Hostile("--meeting 30/02/2024", arguments: ["report", "--rules", "rules", "--as-of", "2024-02-02", "--meeting", "30/02/2024", "-o", "out.txt", "r.yaml"], 2,
                    "--meeting: error: \"30/02/2024\" is not a date: write it as YYYY-MM-DD\n"),
            Hostile("report as of and for 9999-12-31", arguments: ["report", "--rules", "rules", "--as-of", "9999-12-31", "--meeting", "9999-12-31", "-o", "out.txt", "r.yaml"], 0, ""),
            Hostile("calendar as of 9999-12-31", ["r.yaml": Array(CLIPack.errorRecord.utf8)],
                    arguments: ["calendar", "--rules", "rules", "--as-of", "9999-12-31", "-o", "out.txt", "r.yaml"], 0, ""),

            // Unknown keys, wrong types and missing sections.
            .pack("an unknown top-level key in a pack", "title: Command-line test pack", "title: Command-line test pack\nauthor: me", 2,
                  "rules/pack.yaml:4:1: error: unknown key \"author\""),
            Hostile("rules that are a mapping", ["rules/pack.yaml": Array((String(CLIPack.text.prefix(upTo: CLIPack.text.range(of: "rules:\n")!.lowerBound)) + "rules: {a: 1}\n").utf8)], 2,
                    "rules/pack.yaml:7:8: error: \"rules\" must be a list, not a mapping"),
            Hostile("a pack without rules", ["rules/pack.yaml": Array(String(CLIPack.text.prefix(upTo: CLIPack.text.range(of: "rules:\n")!.lowerBound)).utf8)], 2,
                    "rules/pack.yaml:1:1: error: missing required key \"rules\""),
            .pack("a pack title that is a list", "title: Command-line test pack", "title: [a, b]", 2,
                  "rules/pack.yaml:3:8: error: \"title\" must be text, not a list"),
            .pack("a pack without an id", "pack: cli-pack\n", "", 2, "rules/pack.yaml:1:1: error: missing required key \"pack\""),
            .pack("a pack format version as text", "dutycheck: 1", "dutycheck: \"1\"", 2,
                  "rules/pack.yaml:1:12: error: \"dutycheck\" must be the format version number, 1"),
            .pack("a rule without a title", "    title: Notes are kept\n", "", 2, "rules/pack.yaml:22:5: error: missing required key \"title\""),
            .pack("an unknown severity", "severity: info", "severity: fatal", 2,
                  "rules/pack.yaml:27:15: error: unknown value for \"severity\" \"fatal\" (expected one of: info, warning, error)"),
            Hostile("an empty pack file", ["rules/pack.yaml": []], 2, "rules/pack.yaml:1:1: error: the file is empty; it must hold one YAML document"),
            .record("waivers that are not a list", clean + "waivers: yes\n", 2, "r.yaml:8:10: error: \"waivers\" must be a list, not text"),
            .record("a waiver that is not a mapping", CLIPack.record(waivers: "  - plan-due"), 2, "r.yaml:9:5: error: a waiver must be a mapping, not text"),
            .record("an unknown key in a waiver", CLIPack.record(waivers: "  - {rule: plan-due, reasn: r, reason: r, approved_by: b, until: 2024-06-30}"), 2,
                    "r.yaml:9:22: error: unknown key \"reasn\"; did you mean \"reason\"?"),
            // The engine accepts any mapping as a record (DESIGN §3); `validate` checks the shape.
            .record("an unknown key in a record is accepted", clean + "colour: blue\n", 0, ""),
            .record("a record without a format version is accepted", clean.replacingOccurrences(of: "dutycheck: 1\n", with: ""), 0, ""),
            .record("a plan of the wrong type: missing", CLIPack.record(plan: "[2024-03-31]"), 1, ""),
            .record("partners that are text: missing", clean.replacingOccurrences(of: "partners:\n  - {id: lbb, approved: true}", with: "partners: lbb"), 1, ""),

            // Schemas given to `validate --schema`: refused when they load, at the place at fault.
            .schema("a schema whose $ref loops without reading the record",
                    ##"{"$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}"##, 2,
                    "s.json:1:33: error: $ref #/$defs/a leads back to itself without reading any of the record"),
            .schema("a schema pattern with nested repetition", #"{"properties":{"notes":{"pattern":"^(a+)+$"}}}"#,
                    record: "dutycheck: 1\nnotes: " + String(repeating: "a", count: 40) + "b\n", 2,
                    "s.json:1:35: error: pattern ^(a+)+$ has nested repetition, (a+)+, which can take exponential time to match"),
            .schema("a schema that is a list", "[1,2]", 2, "s.json:1:1: error: a schema must be an object, or true or false, not an array\n"),
            .schema("schema keywords of the wrong types",
                    #"{"properties":{"notes":{"pattern":5,"minLength":"x"}},"required":"dutycheck","additionalProperties":"no"}"#, 2,
                    "s.json:1:66: error: schema keyword \"required\" must be an array of strings, not \"dutycheck\"\n"),
            .schema("a schema $ref to a value that is not a schema", ##"{"title":"x","properties":{"dutycheck":{"$ref":"#/title"}}}"##, 2,
                    "s.json:1:48: error: $ref #/title names \"x\", which is not a schema (an object, or true or false)\n"),
            .schema("a misspelt schema type", #"{"type":"objct"}"#, 2, "s.json:1:9: error: schema keyword \"type\": unknown type \"objct\"; did you mean \"object\"?"),
            .schema("a chain of 20,000 schema $refs", ##"{"$defs":{"##
                        + (0..<20_000).map { ##""a\##($0)":{"$ref":"#/$defs/a\##($0 + 1)"},"## }.joined() + ##""a20000":{}},"$ref":"#/$defs/a0"}"##, 2,
                    "r.yaml:1:1: error: the record cannot be checked: the schema nests or refers to schemas more than 64 deep here\n"),

            // Duplicate ids, waivers for unknown rules, let cycles.
            Hostile("the same rule ids in two packs", ["rules/b.yaml": Array(CLIPack.text.replacingOccurrences(of: "pack: cli-pack", with: "pack: other-pack").utf8)], 2,
                    "rules/pack.yaml:8:5: error: duplicate rule id \"plan-due\" (also defined in rules/b.yaml at line 8)"),
            Hostile("the same pack id in two packs", ["rules/b.yaml": Array(CLIPack.text.utf8)], 2,
                    "rules/pack.yaml:2:7: error: pack id \"cli-pack\" is also used by rules/b.yaml at line 2"),
            .record("a waiver for a rule nothing resembles", CLIPack.record(waivers: "  - {rule: zzz-unrelated, reason: r, approved_by: b, until: 2024-06-30}"), 2,
                    "r.yaml:9:12: error: a waiver names unknown rule \"zzz-unrelated\"\n"),
            .pack("a let that names itself", "rules:\n", "let:\n  a: a\nrules:\n", 2, "rules/pack.yaml:8:3: error: let \"a\" depends on itself: a -> a"),
            .pack("two lets that name each other", "rules:\n", "let:\n  a: b + 1\n  b: a + 1\nrules:\n", 2,
                  "rules/pack.yaml:8:3: error: let \"a\" depends on itself: a -> b -> a"),
            .pack("a cycle of three lets", "rules:\n", "let:\n  x: z\n  y: x\n  z: y\nrules:\n", 2,
                  "rules/pack.yaml:8:3: error: let \"x\" depends on itself: x -> z -> y -> x"),
            .pack("a duplicate citation key", "citations:\n", "citations:\n  act: {title: T, url: https://example.org/a, kind: statute}\n", 2,
                  "rules/pack.yaml:7:3: error: duplicate key \"act\" (first defined at line 6)"),

            // Paths that cannot be read.
            // A control character in a file's name is shown escaped wherever the name is printed.
            Hostile("a record name holding ESC, in a folder", ["recs/e\u{1B}[31m.yaml": Array(duplicateKey.utf8)],
                    arguments: check([], record: "recs"), 2, "recs/e\\u{1B}[31m.yaml:3:1: error: duplicate key \"notes\""),
            Hostile("a record name that is not UTF-8, in a folder", setup: .nonUTF8Name(folder: "recs", bytes: Array(duplicateKey.utf8)),
                    arguments: check([], record: "recs"), 2,
                    "recs/bad\u{FFFD}.yaml: error: no such file: the name is not valid UTF-8 (shown with U+FFFD); rename the file with a UTF-8 name\n"),
            Hostile("a pack name that is not UTF-8", setup: .nonUTF8Name(folder: "rules", bytes: Array(CLIPack.text.utf8)), 2,
                    "rules/bad\u{FFFD}.yaml: error: no such file: the name is not valid UTF-8"),
            Hostile("a record path under a file", arguments: check([], record: "r.yaml/x.yaml"), 2,
                    "r.yaml/x.yaml: error: cannot be reached: a part of the path, or a link's target, is a file where a folder should be\n"),
            Hostile("a record that is a dangling link", setup: .symlink("gone.yaml", to: "nowhere.yaml"), arguments: check([], record: "gone.yaml"), 2,
                    "gone.yaml: error: is a symbolic link to nowhere.yaml, which does not exist\n"),
            Hostile("a record that is a link to a link to a missing file", setup: .linkChain("first.yaml", through: "second.yaml", to: "r.yaml.bak"),
                    arguments: check([], record: "first.yaml"), 2,
                    "first.yaml: error: is a symbolic link (through second.yaml) to r.yaml.bak, which does not exist\n"),
            Hostile("a rules folder that is a link to itself", setup: .symlink("loopy", to: "loopy"),
                    arguments: ["check", "--rules", "loopy", "--as-of", "2024-04-02", "r.yaml"], 2,
                    "loopy: error: cannot be opened: its symbolic links lead round in a loop, or through more than 40 links (too many levels of symbolic links)\n"),
            Hostile("a rules folder behind a dangling link", setup: .symlink("gone", to: "rules-old"),
                    arguments: ["rules", "test", "gone"], 2, "gone: error: is a symbolic link to rules-old, which does not exist\n"),
            Hostile("a record that is a link to itself", setup: .symlink("loop.yaml", to: "loop.yaml"), arguments: check([], record: "loop.yaml"), 2,
                    "loop.yaml: error: cannot be opened: its symbolic links lead round in a loop, or through more than 40 links (too many levels of symbolic links)\n"),
            Hostile("a link to itself in a folder of records", setup: .symlink("recs/loop.yaml", to: "loop.yaml"), arguments: check([], record: "recs"), 2,
                    "recs/loop.yaml: error: cannot be opened: its symbolic links lead round in a loop, or through more than 40 links (too many levels of symbolic links)\n"),
            Hostile("a record that cannot be read", setup: .unreadable("r.yaml"), 2, "r.yaml: error: cannot be read"),
            Hostile("a record that is a named pipe nobody writes to", setup: .fifo("p.yaml"), arguments: check([], record: "p.yaml"), 2,
                    "p.yaml: error: is a pipe that gave nothing to read: its writer wrote nothing, or had not opened it yet when dutycheck read it (start the writer first, or pass a regular file)\n"),
            Hostile("a named pipe among the packs", setup: .fifo("rules/p.yaml"), 2,
                    "rules/p.yaml: error: is a pipe that gave nothing to read: its writer wrote nothing, or had not opened it yet when dutycheck read it (start the writer first, or pass a regular file)\n"),
            Hostile("a named pipe as calendar --previous", setup: .fifo("prev.ics"),
                    arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "--previous", "prev.ics", "-o", "out.txt", "r.yaml"], 2,
                    "prev.ics: error: is a pipe that gave nothing to read: its writer wrote nothing, or had not opened it yet when dutycheck read it (start the writer first, or pass a regular file)"),
            Hostile("a folder of records with none in it", setup: .directory("empty"), arguments: check([], record: "empty"), 2,
                    "empty: error: the directory holds no .yaml records\n"),
            // Subfolders are not read, whatever their names (FolderOfRecordsTests).
            Hostile("a folder named like a record", setup: .directory("recs/sub.yaml"), arguments: check([], record: "recs"), 2,
                    "recs: error: the directory holds no .yaml records\n"),
            // A subfolder is not read, as in a folder of records.
            Hostile("a folder named like a pack", setup: .directory("rules/sub.yaml"), 0, ""),
            Hostile("a folder as report --since", setup: .directory("prev"),
                    arguments: ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "--since", "prev", "-o", "out.txt", "r.yaml"], 2,
                    "prev: error: is a directory, but a file was expected\n"),
            Hostile("a folder as calendar --previous", setup: .directory("prev"),
                    arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "--previous", "prev", "-o", "out.txt", "r.yaml"], 2,
                    "prev: error: is a directory, but a file was expected\n"),
            Hostile("an empty folder as --rules", setup: .directory("none"),
                    arguments: ["check", "--rules", "none", "--as-of", "2024-04-02", "-o", "out.txt", "r.yaml"], 2,
                    "none: error: holds no rule packs (.yaml files)\n"),
            Hostile("a record named in capitals in a folder", ["recs/R.YAML": Array("dutycheck: 1\nnotes: [\n".utf8)],
                    arguments: check([], record: "recs"), 2, "recs/R.YAML:3:1: error: "),
            Hostile("one --rules folder named twice", arguments: check(["--rules", "./rules/"]), 0, ""),
            Hostile("a file where rule tests go", ["rules/tests": Array("not a folder\n".utf8)], arguments: ["rules", "test", "rules"], 2,
                    "rules/tests: error: is not a folder of rule tests\n"),
            Hostile("-o an empty path", arguments: check([], output: ""), 2,
                    "(empty path): error: the output path is empty: name a file, or leave out -o to write to stdout\n"),
            Hostile("report -o an empty path", arguments: ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "-o", "", "r.yaml"], 2,
                    "(empty path): error: the output path is empty: name a file, or leave out -o to write to stdout\n"),
            Hostile("calendar -o an empty path", arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "-o", "", "r.yaml"], 2,
                    "(empty path): error: the output path is empty: name a file, or leave out -o to write to stdout\n"),
            Hostile("rules show an id with a newline", arguments: ["rules", "show", "--rules", "rules", "no\nsuch"], 2,
                    "rules: error: no rule has the id \"no\\u{A}such\"\n"),
            Hostile("a file as --rules", arguments: ["check", "--rules", "r.yaml", "--as-of", "2024-04-02", "-o", "out.txt", "r.yaml"], 2,
                    "r.yaml: error: is not a folder of rule packs\n"),

            // Outputs that cannot be written.
            Hostile("-o under a file", arguments: check([], output: "r.yaml/out.txt"), 2, "r.yaml/out.txt: error: cannot write to "),
            Hostile("-o into /proc", arguments: check([], output: "/proc/version"), 2, "/proc/version: error: cannot write to /proc (missing folder or permission denied)\n"),
            Hostile("-o onto a folder", setup: .directory("outdir"), arguments: check([], output: "outdir"), 2, "outdir: error: cannot replace the file: Is a directory\n"),
            Hostile("-o onto the record being checked", arguments: check([], output: "r.yaml"), 2,
                    "r.yaml: error: is also an input of this run (r.yaml); writing the output there would replace it\n"),
            Hostile("report -o onto its own record, by a link", setup: .symlink("link.yaml", to: "r.yaml"),
                    arguments: ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "-o", "link.yaml", "r.yaml"], 2,
                    "link.yaml: error: is also an input of this run (r.yaml); writing the output there would replace it\n"),
            Hostile("calendar -o onto a record of the folder it reads",
                    arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "-o", "r.yaml", "."], 2,
                    "r.yaml: error: is also an input of this run (./r.yaml); writing the output there would replace it\n"),
            Hostile("a folder whose records are in subfolders", ["recs/a/r.yaml": Array(CLIPack.cleanRecord.utf8), "recs/b/notes.txt": Array("x\n".utf8),
                                                                "recs/.hidden/r.yaml": Array(CLIPack.cleanRecord.utf8)],
                    arguments: check([], record: "recs"), 2,
                    "recs: error: the directory holds no .yaml records (subfolders are not read; name the ones to check: recs/a)\n"),
            Hostile("-o onto a rule pack of this run", arguments: check([], output: "rules/pack.yaml"), 2,
                    "rules/pack.yaml: error: is also an input of this run (rules/pack.yaml); writing the output there would replace it\n"),
            Hostile("report -o onto a rule pack of this run",
                    arguments: ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "-o", "rules/pack.yaml", "r.yaml"], 2,
                    "rules/pack.yaml: error: is also an input of this run (rules/pack.yaml); writing the output there would replace it\n"),
            Hostile("-o a new .yaml file in the folder of rule packs", arguments: check([], output: "rules/out.yaml"), 2,
                    "rules/out.yaml: error: is in rules, a folder this run reads rule packs from, so the next run would read the output as one of them; write it elsewhere or give it another extension\n"),
            Hostile("-o a link to a new .yaml file in the folder of records it reads", setup: .symlink("link.txt", to: "new.yaml"),
                    arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "-o", "link.txt", "."], 2,
                    "link.txt: error: is in ., a folder this run reads records from, so the next run would read the output as one of them; write it elsewhere or give it another extension\n"),
            Hostile("calendar -o a new .yml file in the folder of records it reads",
                    arguments: ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "-o", "./cal.yml", "."], 2,
                    "./cal.yml: error: is in ., a folder this run reads records from, so the next run would read the output as one of them; write it elsewhere or give it another extension\n"),
            Hostile("-o onto a full device", setup: .fullDevice("full"), arguments: check([], output: "full"), 2,
                    "full: error: cannot be written: No space left on device\n"),
            Hostile("-o onto a null device", setup: .nullDevice("null"), arguments: check([], output: "null"), 0, ""),
            Hostile("notify --state under a file", ["r.yaml": Array(notifyRecord.utf8)], arguments: notify(["--state", "r.yaml/s.sqlite"]), 2,
                    "r.yaml/s.sqlite: error: state database: creating r.yaml/s.sqlite: Not a directory"),
            Hostile("notify --state that is not a database", ["r.yaml": Array(notifyRecord.utf8), "s.sqlite": Array(String(repeating: "not a database\n", count: 100).utf8)],
                    arguments: notify(["--state", "s.sqlite"]), 2,
                    "s.sqlite: error: is not a dutycheck state database (not a database at all); --state must name the state database or a new file\n"),
            Hostile("notify --state that is a folder", ["r.yaml": Array(notifyRecord.utf8)], setup: .directory("sdir"), arguments: notify(["--state", "sdir"]), 2,
                    "sdir: error: state database: creating sdir: Is a directory"),
            Hostile("notify --out-dir that is a file", ["r.yaml": Array(notifyRecord.utf8)], arguments: notify(["--state", "s.sqlite", "--out-dir", "r.yaml"]), 2,
                    "r.yaml: error: --out-dir must be an existing folder\n"),
            // A dry run fails where the real run would, with the same message, and makes nothing.
            Hostile("notify --dry-run --state under a file", ["r.yaml": Array(notifyRecord.utf8)],
                    arguments: notify(["--dry-run", "--state", "r.yaml/s.sqlite"]), 2,
                    "r.yaml/s.sqlite: error: state database: creating r.yaml/s.sqlite: Not a directory\n"),
            Hostile("notify --dry-run --state two folders under a file", ["r.yaml": Array(notifyRecord.utf8)],
                    arguments: notify(["--dry-run", "--state", "r.yaml/a/s.sqlite"]), 2,
                    "r.yaml/a/s.sqlite: error: state database: creating r.yaml/a/s.sqlite: Not a directory\n"),
            Hostile("notify --dry-run --state that is a folder", ["r.yaml": Array(notifyRecord.utf8)], setup: .directory("sdir"),
                    arguments: notify(["--dry-run", "--state", "sdir"]), 2, "sdir: error: state database: creating sdir: Is a directory\n"),
            Hostile("notify --dry-run --out-dir that is missing", ["r.yaml": Array(notifyRecord.utf8)],
                    arguments: notify(["--dry-run", "--state", "s.sqlite", "--out-dir", "nowhere"]), 2,
                    "nowhere: error: --out-dir must be an existing folder\n"),
            Hostile("notify --dry-run --out-dir that is a file", ["r.yaml": Array(notifyRecord.utf8)],
                    arguments: notify(["--dry-run", "--state", "s.sqlite", "--out-dir", "r.yaml"]), 2,
                    "r.yaml: error: --out-dir must be an existing folder\n"),
            // A lock path that is a folder is found before the database (or its folder) is made.
            Hostile("notify --state whose lock file is a folder", ["r.yaml": Array(notifyRecord.utf8)], setup: .directory("s.sqlite.lock"),
                    arguments: notify(["--state", "s.sqlite"]), 2,
                    "s.sqlite: error: state database: s.sqlite.lock: cannot open the lock file: Is a directory\n"),
            Hostile("notify --dry-run --state whose lock file is a folder", ["r.yaml": Array(notifyRecord.utf8)], setup: .directory("s.sqlite.lock"),
                    arguments: notify(["--dry-run", "--state", "s.sqlite"]), 2,
                    "s.sqlite: error: state database: s.sqlite.lock: cannot open the lock file: Is a directory\n"),
        ]
        // The write fails after the message was claimed: the state database records the failed delivery
        // (so the next run retries), and nothing else is written.
        var procOutDir = Hostile("notify --out-dir in /proc", ["r.yaml": Array(notifyRecord.utf8)],
                                 arguments: notify(["--state", "s.sqlite", "--out-dir", "/proc/self"]), 2, "/proc/self/")
        procOutDir.mayCreate = ["s.sqlite", "s.sqlite.lock", "s.sqlite-wal", "s.sqlite-shm", "s.sqlite-journal"]
        cases.append(procOutDir)
        // A .yaml output beside a record named as a file is not in a folder the run reads: written.
        var besideRecord = Hostile("-o a .yaml file beside a record given by name", arguments: check([], output: "out.yaml"), 0, "")
        besideRecord.mayCreate = ["out.yaml"]
        cases.append(besideRecord)
        var badTimeout = Hostile("DUTYCHECK_SENDMAIL_TIMEOUT that is not a number", ["r.yaml": Array(notifyRecord.utf8)],
                                 arguments: notify(["--state", "s.sqlite", "--send", "--sendmail", "/bin/cat"]), 2,
                                 "DUTYCHECK_SENDMAIL_TIMEOUT: error: \"soon\" is not a number of seconds greater than 0\n")
        badTimeout.environment = ["DUTYCHECK_SENDMAIL_TIMEOUT": "soon"]
        cases.append(badTimeout)
        for value in ["soon", "0", "-1", "inf", "nan"] {
            var badLimit = Hostile.schema("DUTYCHECK_VALIDATE_TIMEOUT=\(value)", #"{"properties":{"notes":{"pattern":"^(aa?)+$"}}}"#, 2,
                                          "DUTYCHECK_VALIDATE_TIMEOUT: error: \"\(value)\" is not a number of seconds greater than 0\n")
            badLimit.environment = ["DUTYCHECK_VALIDATE_TIMEOUT": value]
            cases.append(badLimit)
        }
        cases += epochCases
        return cases
    }()

    /// `SOURCE_DATE_EPOCH` is whole seconds from 0 to 253402300799 (9999-12-31T23:59:59Z), digits only:
    /// anything else is bad input for every command that reads it, before a state database is made.
    static let epochCases: [Hostile] = {
        let range = "is not a whole number of seconds from 0 (1970-01-01T00:00:00Z) to 253402300799 (9999-12-31T23:59:59Z)\n"
        let report = ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "-o", "out.txt", "r.yaml"]
        let runs: [(String, [String], [String])] = [
            ("notify", notify(["--state", "s.sqlite"]),
             ["9223372036854775807", "-9223372036854775808", "-62135596801", "-1", "253402300800", "abc",
              "+1712037600", " 1712037600", "1712037600.5", "1e9"]),
            ("notify --dry-run", notify(["--state", "s.sqlite", "--dry-run"]),
             ["9223372036854775807", "-9223372036854775808", "-62135596801", "abc"]),
            ("report", report, ["9223372036854775807", "-9223372036854775807", "253402300800", "abc"]),
        ]
        var cases: [Hostile] = []
        for (command, arguments, values) in runs {
            for value in values {
                var hostile = Hostile("\(command) with SOURCE_DATE_EPOCH=\(value)", ["r.yaml": Array(notifyRecord.utf8)],
                                      arguments: arguments, 2, "SOURCE_DATE_EPOCH: error: \"\(value)\" \(range)")
                hostile.environment = ["SOURCE_DATE_EPOCH": value]
                cases.append(hostile)
            }
        }
        var controlCharacter = Hostile("notify with SOURCE_DATE_EPOCH ending in a line feed", ["r.yaml": Array(notifyRecord.utf8)],
                                       arguments: notify(["--state", "s.sqlite"]), 2,
                                       "SOURCE_DATE_EPOCH: error: \"1712037600\\u{A}\" \(range)")
        controlCharacter.environment = ["SOURCE_DATE_EPOCH": "1712037600\n"]
        cases.append(controlCharacter)
        return cases
    }()

    static var isRoot: Bool { getuid() == 0 }

    /// A pattern the load-time check lets through but that backtracks exponentially (`(aa?)+` on forty
    /// `a`s and a `b`): the watchdog stops validate after DUTYCHECK_VALIDATE_TIMEOUT seconds, with exit 2,
    /// the record named, and nothing on stdout.
    @Test func backtrackingPatternIsStoppedByTheWatchdog() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("s.json", #"{"properties":{"notes":{"pattern":"^(aa?)+$"}}}"#)
        try workspace.write("r.yaml", "dutycheck: 1\nnotes: " + String(repeating: "a", count: 40) + "b\n")
        let started = ContinuousClock.now
        let outcome = try CommandRunner.run(["validate", "--schema", "s.json", "r.yaml"], in: workspace.url,
                                            environment: ["DUTYCHECK_VALIDATE_TIMEOUT": "1", "NO_COLOR": "1"], timeout: 60)
        let elapsed = ContinuousClock.now - started
        #expect(outcome.status == 2, "stderr: \(outcome.stderr.prefix(600))")
        #expect(outcome.stderr.hasPrefix("r.yaml: error: validation did not finish within 1 s; a pattern in the schema may backtrack"),
                "\(outcome.stderr.prefix(600))")
        #expect(outcome.stdout.isEmpty)
        #expect(elapsed < .seconds(8), "took \(elapsed)")
    }

    @Test(arguments: cases)
    func hostileInput(_ hostile: Hostile) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        for (name, bytes) in hostile.files { try workspace.write(name, bytes: bytes) }
        try workspace.write("out.txt", "previous report\n")
        guard try prepare(hostile.setup, in: workspace) else { return }
        let before = try snapshot(workspace)

        let outcome = try CommandRunner.run(hostile.arguments, in: workspace.url, environment: hostile.environment.merging(["NO_COLOR": "1"]) { $1 })

        #expect([0, 1, 2].contains(outcome.status), "exit \(outcome.status): a crash or a signal; stderr: \(outcome.stderr.prefix(400))")
        #expect(outcome.status == hostile.status, "stderr: \(outcome.stderr.prefix(600))")
        if hostile.stderr.isEmpty {
            #expect(outcome.stderr.isEmpty, "\(outcome.stderr.prefix(600))")
        } else {
            #expect(outcome.stderr.hasPrefix(hostile.stderr), "\(outcome.stderr.prefix(600))")
        }
        let after = try snapshot(workspace).filter { !hostile.mayCreate.contains($0.key) }
        if outcome.status == 2 {
            #expect(outcome.stdout.isEmpty)
            #expect(after == before, "nothing is written on bad input")
        } else {
            #expect(after.keys.sorted() == before.keys.sorted(), "no file appears or disappears (no temporary file left)")
            if hostile.writesOutTxt { #expect(workspace.read("out.txt") != "previous report\n") }
        }
    }

    /// Every regular file under the workspace, with its bytes (sizes only above 64 KB).
    private func snapshot(_ workspace: Workspace) throws -> [String: String] {
        var result: [String: String] = [:]
        let root = workspace.url.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
        while let name = walker.nextObject() as? String {
            let path = root + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { result[name] = "unstatable"; continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                if info.st_size > 65_536 {
                    result[name] = "size \(info.st_size)"
                } else {
                    result[name] = FileManager.default.contents(atPath: path).map { "\($0.count) bytes, FNV-1a \(fnv1a($0))" } ?? "unreadable"
                }
            case S_IFDIR: result[name] = "folder"
            default: result[name] = "special \(info.st_mode & S_IFMT)"
            }
        }
        return result
    }

    /// Sets up what the case needs; false (after saying why) when this machine cannot.
    private func prepare(_ setup: Setup, in workspace: Workspace) throws -> Bool {
        switch setup {
        case .none:
            break
        case .nonUTF8Name(let folder, let bytes):
            try FileManager.default.createDirectory(atPath: workspace.path(folder), withIntermediateDirectories: true)
            let name = Array(workspace.path(folder).utf8) + Array("/bad".utf8) + [0xFF] + Array(".yaml".utf8) + [0]
            let descriptor = name.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
            }
            try #require(descriptor >= 0, "cannot create a file with a non-UTF-8 name here")
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        case .directory(let name):
            try FileManager.default.createDirectory(atPath: workspace.path(name), withIntermediateDirectories: true)
        case .symlink(let name, let target):
            try FileManager.default.createDirectory(atPath: (workspace.path(name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: workspace.path(name), withDestinationPath: target)
        case .linkChain(let name, let through, let target):
            try FileManager.default.createSymbolicLink(atPath: workspace.path(name), withDestinationPath: through)
            try FileManager.default.createSymbolicLink(atPath: workspace.path(through), withDestinationPath: target)
        case .unreadable(let name):
            if Self.isRoot {
                try FileManager.default.removeItem(atPath: workspace.path(name))
                try FileManager.default.createSymbolicLink(atPath: workspace.path(name), withDestinationPath: "/proc/self/mem")
            } else {
                try #require(chmod(workspace.path(name), 0) == 0)
            }
        case .fifo(let name):
            try #require(mkfifo(workspace.path(name), 0o644) == 0)
        case .fullDevice(let name), .nullDevice(let name):
            let minor: UInt32
            if case .fullDevice = setup { minor = 7 } else { minor = 3 }
            if mknod(workspace.path(name), S_IFCHR | 0o666, makedev(1, minor)) != 0 {
                // Without CAP_MKNOD, point at the real device, but only when not root: a regression that
                // renamed over the output would then fail instead of replacing /dev/full.
                guard !Self.isRoot else {
                    print("HostileInputTests: skipped a device case: mknod is refused, and as root the real device is not risked")
                    return false
                }
                try FileManager.default.createSymbolicLink(atPath: workspace.path(name), withDestinationPath: minor == 7 ? "/dev/full" : "/dev/null")
            }
        }
        return true
    }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t((major & 0xFFF) << 8 | (minor & 0xFF) | ((minor & ~0xFF) << 12))
}

/// A short digest of a file's bytes, for comparing snapshots.
private func fnv1a(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
}
