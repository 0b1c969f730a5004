// libFuzzer target: the MIME and iCalendar writers with random text in names, titles and bodies.
// Input fields are separated by 0x00 bytes (see `fields`). Checks: every message line ends in CRLF
// and is at most 998 octets; headers are ASCII; header lines stay within 78 octets unless one word
// alone is longer; encoded-words are at most 75 characters; quoted-printable lines are at most 76
// octets and decode back to the text. Every calendar line ends in CRLF, is at most 75 octets and
// is valid UTF-8 on its own, and unfolding gives back the content lines. The check report as JSON
// parses and gives back the fuzzed text; XML escaping leaves no markup and no character XML 1.0
// cannot carry, and reads back as the text less those characters.
import Foundation
import YAMLTree
import RuleEngine
@testable import Reporters

private let fixedAddress = EmailAddress("warnings@example.org")!

private func splitCRLF(_ bytes: [UInt8], _ input: [UInt8], what: String) -> [ArraySlice<UInt8>] {
    guard bytes.count >= 2, bytes[bytes.count - 2] == 0x0D, bytes[bytes.count - 1] == 0x0A else {
        violation("\(what) does not end in CRLF", input)
    }
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
        switch bytes[index] {
        case 0x0D:
            guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { violation("\(what): bare CR at octet \(index)", input) }
            lines.append(bytes[start..<index])
            index += 2
            start = index
        case 0x0A:
            violation("\(what): bare LF at octet \(index)", input)
        default:
            index += 1
        }
    }
    return lines
}

/// Folds `words` as the message does and checks the promise of `HeaderEncoding.fold`.
private func checkFolding(name: String, words: [String], _ input: [UInt8]) {
    for word in words where word.hasPrefix("=?") {
        if word.utf8.count > HeaderEncoding.maxEncodedWordLength { violation("encoded-word over 75: \(word)", input) }
    }
    let folded = HeaderEncoding.fold(name: name, words: words, lineEnding: "\r\n")
    for line in folded.split(separator: "\r\n", omittingEmptySubsequences: false) {
        if line.utf8.count > 78 {
            let alone = words.contains { line == "\(name): \($0)" || line == " \($0)" }
            if !alone { violation("\(name) header line of \(line.utf8.count) octets holds more than one word: \(line)", input) }
        }
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    default: nil
    }
}

/// Decodes quoted-printable lines (CRLF already removed) to bytes with LF line breaks. The line
/// break after the last line belongs to the boundary that follows (RFC 2046 §5.1.1).
private func decodeQP(_ lines: [ArraySlice<UInt8>], _ input: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for (number, line) in lines.enumerated() {
        var bytes = Array(line)
        let soft = bytes.last == 0x3D
        if soft { bytes.removeLast() }
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x3D {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    violation("bad quoted-printable escape in \(String(decoding: line, as: UTF8.self))", input)
                }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        if !soft, number < lines.count - 1 { out.append(0x0A) }
    }
    return out
}

private func checkMessage(_ f: [String], _ input: [UInt8]) {
    let from = Mailbox(displayName: f[0], address: EmailAddress(f[1]) ?? fixedAddress)
    let to = [Mailbox(displayName: f[2], address: fixedAddress), Mailbox(displayName: nil, address: EmailAddress(f[1]) ?? fixedAddress)]
    let messageID = MessageID(left: "run.\(input.count)", domain: "example.org")!
    let message = MIMEMessage(date: MailDate(secondsSince1970: 1_711_929_600 + Int64(input.count)),
                              from: from, to: to, cc: [Mailbox(displayName: f[7], address: fixedAddress)],
                              replyTo: [Mailbox(displayName: f[0] + f[2], address: fixedAddress)],
                              subject: f[3], messageID: messageID, text: f[4], html: f[5],
                              boundary: MIMEMessage.boundary(token: "fuzz" + f[6]))
    let bytes = message.bytes(lineEnding: .crlf)
    let lines = splitCRLF(bytes, input, what: "message")
    guard let blank = lines.firstIndex(where: \.isEmpty) else { violation("message has no header/body separator", input) }
    for line in lines where line.count > 998 { violation("message line of \(line.count) octets", input) }
    for line in lines[..<blank] {
        if line.contains(where: { $0 >= 0x80 || ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            violation("header line is not printable ASCII: \(String(decoding: line, as: UTF8.self))", input)
        }
        if line.first == 0x20 || line.first == 0x09 {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { violation("header continuation line is blank", input) }
        }
    }
    checkFolding(name: "Subject", words: HeaderEncoding.unstructuredWords(f[3]), input)
    checkFolding(name: "From", words: from.headerWords(), input)
    checkFolding(name: "Reply-To", words: message.replyTo[0].headerWords(), input)

    // Body: two quoted-printable parts between boundaries, each decoding to its text.
    let delimiter = Array(("--" + message.boundary).utf8)
    let body = Array(lines[(blank + 1)...])
    let boundaries = body.indices.filter { Array(body[$0]) == delimiter || Array(body[$0]) == delimiter + [0x2D, 0x2D] }
    guard boundaries.count == 3, Array(body[boundaries[2]]) == delimiter + [0x2D, 0x2D] else {
        violation("message body has \(boundaries.count) boundary lines, expected 3", input)
    }
    for (part, text) in [(0, f[4]), (1, f[5])] {
        let partLines = Array(body[(boundaries[part] + 1)..<boundaries[part + 1]])
        guard let partBlank = partLines.firstIndex(where: \.isEmpty) else { violation("part without headers", input) }
        let encoded = Array(partLines[(partBlank + 1)...])
        for line in encoded where line.count > QuotedPrintable.maxLineLength {
            violation("quoted-printable line of \(line.count) octets", input)
        }
        let decoded = decodeQP(encoded, input)
        let expected = Array(MIMEMessage.withFinalNewline(MIMEText.bodyText(text)).utf8)
        if decoded != expected { violation("part \(part) does not decode to its text", input) }
    }
}

private func checkFold(_ line: String, _ input: [UInt8]) {
    let folded = ICalendarText.fold(line)
    let physical = splitCRLF(folded, input, what: "folded line")
    for (index, part) in physical.enumerated() {
        if part.count > 75 { violation("folded calendar line of \(part.count) octets", input) }
        if index > 0, part.first != 0x20 { violation("continuation line does not start with a space", input) }
        if String(validating: part, as: UTF8.self) == nil { violation("folded calendar line is not valid UTF-8", input) }
    }
    let unfolded = ICalendarText.unfold(String(decoding: folded, as: UTF8.self))
    if unfolded.count != 1 || !sameScalars(unfolded[0], line) { violation("unfolding does not give back the line", input) }
}

/// A report of one record whose names, titles and messages are the fuzzed fields.
private func fuzzReport(_ f: [String], _ input: [UInt8]) -> Report {
    let asOf = CivilDate(year: 2024, month: 4, day: 2)!
    let here = SourceLocation(line: 1, column: 1)
    func scalar(_ text: String) -> YAMLNode {
        YAMLNode(kind: .scalar(YAMLScalar(text: text, style: .plain, value: .string(text))), location: here)
    }
    let partner = YAMLNode(kind: .mapping([YAMLEntry(key: scalar("id"), value: scalar("p1")),
                                           YAMLEntry(key: scalar("name"), value: scalar(f[8]))]), location: here)
    let record = YAMLNode(kind: .mapping([
        YAMLEntry(key: scalar("partnership"), value: YAMLNode(kind: .mapping([YAMLEntry(key: scalar("name"), value: scalar(f[9]))]), location: here)),
        YAMLEntry(key: scalar("partners"), value: YAMLNode(kind: .sequence([partner]), location: here)),
    ]), location: here)
    let citation = Citation(id: "c", title: f[10], url: "https://www.legislation.gov.uk/ukpga/1998/37/section/6", kind: .statute)
    let delay = input.count % 400
    var findings: [Finding] = []
    for (index, status) in [Status.dueSoon, .met, .waived, .overdue].enumerated() {
        findings.append(Finding(rule: "fuzz-rule-\(index % 2)", pack: f[11].isEmpty ? "fuzz" : f[11], title: f[3], duty: f[12],
                                status: status, severity: .error, level: nil, confidence: .confirmed,
                                subject: index == 0 ? nil : (index == 1 ? "p1" : f[13]),
                                due: asOf.adding(days: status == .overdue ? -3 : delay + index),
                                done: index == 1 ? asOf.adding(days: -10) : nil, days: nil,
                                owners: ["p1", f[13]], message: f[4], remedy: f[14].isEmpty ? nil : f[14],
                                basis: [citation], evidence: [],
                                warn: CalendarDuration(days: Int(input.first ?? 30))))
    }
    let result = RecordResult(file: "record.yaml", sha256: "0", name: f[9].isEmpty ? nil : f[9], findings: findings,
                              waivers: [], record: record)
    return Report(toolVersion: f[15], asOf: asOf, packs: [], records: [result])
}

private func checkCalendar(_ report: Report, _ f: [String], _ input: [UInt8]) {
    let asOf = report.asOf
    let text = DeadlineCalendar.render(report, options: CalendarOptions(stamp: .startOfDay(asOf)))
    let bytes = Array(text.utf8)
    let physical = splitCRLF(bytes, input, what: "calendar")
    for line in physical {
        if line.count > 75 { violation("calendar line of \(line.count) octets: \(String(decoding: line, as: UTF8.self))", input) }
        if String(validating: line, as: UTF8.self) == nil { violation("calendar line is not valid UTF-8", input) }
    }
    let unfolded = ICalendarText.unfold(text)
    let events = DeadlineCalendar.events(in: report)
    if unfolded.filter({ $0 == "BEGIN:VEVENT" }).count != events.count {
        violation("calendar does not hold one VEVENT per event", input)
    }
    for event in events where !unfolded.contains(where: { sameScalars($0, "SUMMARY:" + ICalendarText.escape(event.summary)) }) {
        let summaries = unfolded.filter { $0.hasPrefix("SUMMARY") }.map(\.debugDescription)
        violation("calendar lost the summary \(("SUMMARY:" + ICalendarText.escape(event.summary)).debugDescription); it has \(summaries)", input)
    }
    if Set(events.map(\.uid)).count != events.count { violation("two events share a UID", input) }
    for field in f { checkFold("SUMMARY:" + ICalendarText.escape(field), input) }
}

/// The check report as JSON parses, and gives back the record's name and each finding's message.
private func checkJSON(_ report: Report, _ input: [UInt8]) {
    let text = JSONReporter().render(report)
    guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
          let records = root["records"] as? [[String: Any]], let record = records.first,
          let findings = record["findings"] as? [[String: Any]] else {
        violation("the JSON report does not parse: \(text.prefix(400).debugDescription)", input)
    }
    let result = report.records[0]
    if !sameScalars(record["name"] as? String, result.name) {
        violation("the JSON report changed the record's name", input)
    }
    for (written, finding) in zip(findings, result.findings) {
        // The subject too: `report --since` matches findings by it.
        if !sameScalars(written["message"] as? String, finding.message) {
            violation("the JSON report changed a message: \(finding.message.debugDescription)", input)
        }
        if !sameScalars(written["subject"] as? String, finding.subject) || !sameScalars(written["title"] as? String, finding.title) {
            violation("the JSON report changed a subject or title: \(String(describing: finding.subject).debugDescription)", input)
        }
    }
}

/// Whether two texts hold the same Unicode scalars: `==` compares by canonical equivalence, so it
/// would accept a writer that normalised the text it was given.
private func sameScalars(_ lhs: String?, _ rhs: String?) -> Bool {
    guard let lhs, let rhs else { return lhs == nil && rhs == nil }
    return lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
}

/// The characters XML 1.0 cannot carry, which escaping drops.
private func carriedByXML(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
}

/// Undoes the escapes `CheckXML` writes (an independent reading of them, scalar by scalar: read
/// by characters, a reference's `;` followed by a grapheme extender such as U+FF9F is one
/// character, and the reference would not be recognised).
private func unescapeXML(_ text: String, _ input: [UInt8]) -> String.UnicodeScalarView {
    let references: [(reference: String, scalar: Unicode.Scalar)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#13;", "\r"),
        ("&#10;", "\n"), ("&#9;", "\t"),
    ]
    var out = String.UnicodeScalarView()
    var rest = text.unicodeScalars[...]
    while let ampersand = rest.firstIndex(of: "&") {
        out.append(contentsOf: rest[..<ampersand])
        rest = rest[ampersand...]
        guard let known = references.first(where: { rest.starts(with: $0.reference.unicodeScalars) }) else {
            violation("XML text holds a bare ampersand: \(text.debugDescription)", input)
        }
        out.append(known.scalar)
        rest = rest.dropFirst(known.reference.unicodeScalars.count)
    }
    out.append(contentsOf: rest)
    return out
}

/// Escaped text and attribute values hold no markup, no character XML cannot carry, and read back
/// as the text less those characters; attribute values hold no raw quote, tab or line break.
private func checkXML(_ field: String, _ input: [UInt8]) {
    let expected = String(String.UnicodeScalarView(field.unicodeScalars.filter(carriedByXML)))
    for (escaped, inAttribute) in [(CheckXML.text(field), false), (CheckXML.attribute(field), true)] {
        for scalar in escaped.unicodeScalars {
            if !carriedByXML(scalar) || scalar == "<" || scalar == ">" || scalar == "\r" {
                violation("escaped XML holds \(scalar.debugDescription): \(escaped.debugDescription)", input)
            }
            if inAttribute && "\"'\t\n".unicodeScalars.contains(scalar) {
                violation("escaped attribute holds \(scalar.debugDescription)", input)
            }
        }
        // Compared scalar by scalar: string equality would accept a canonically equivalent rewrite.
        if !unescapeXML(escaped, input).elementsEqual(expected.unicodeScalars) {
            violation("escaped XML does not read back: \(field.debugDescription) gave \(escaped.debugDescription)", input)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let f = fields(input, count: 16)
    checkMessage(f, input)
    let report = fuzzReport(f, input)
    checkCalendar(report, f, input)
    checkJSON(report, input)
    for field in f { checkXML(field, input) }
    return 0
}
