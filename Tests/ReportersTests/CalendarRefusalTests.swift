import Foundation
import Testing
import TestSupport

/// `dutycheck calendar` given input it would have mishandled without a word: refused with exit 2 and
/// nothing written, or, for a due date it cannot write, written without it and said on stderr.
@Suite("Calendar command refusals")
struct CalendarRefusalTests {
    static let record = CalendarCommandTests.record

    static func calendar(_ extra: [String]) throws -> CommandRunner.Outcome {
        try CalendarCommandTests.calendar(extra)
    }

    /// The Bromley record with `edit` made, written to `folder` under `name`.
    static func edited(_ folder: URL, _ name: String, _ edit: (String) -> String) throws -> URL {
        let text = try String(contentsOf: Fixtures.path(record), encoding: .utf8)
        let changed = edit(text)
        #expect(changed != text)
        let file = folder.appendingPathComponent(name)
        try Data(changed.utf8).write(to: file)
        return file
    }

    static let namedLine = "  name: Safer Bromley Partnership\n"

    /// UIDs come from the partnership's name, so one record given twice, or two records giving one
    /// name, wrote each event twice under UIDs kept apart only by their order. The second is refused
    /// at its name, as notify refuses it.
    @Test func twoRecordsWithOnePartnershipNameAreRefused() throws {
        let twice = try Self.calendar([Self.record, Self.record])
        #expect(twice.status == 2)
        #expect(twice.stdout.isEmpty)
        #expect(twice.stderr == "\(Self.record):14:9: error: \(Self.record) already names the partnership 'Safer Bromley "
            + "Partnership'; each partnership needs its own name, from which its events' UIDs are derived, so two records "
            + "with one name would write each event twice\n" + Self.namedLine + "        ^\n", "\(twice.stderr)")

        let folder = try BoardExternalTools.scratchDirectory("calendar-one-name")
        let copy = try Self.edited(folder, "copy.yaml") { $0.replacingOccurrences(of: "# Safer Bromley", with: "# A copy of Safer Bromley") }
        let both = try Self.calendar(["-o", folder.appendingPathComponent("out.ics").path, Self.record, copy.path])
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("\(copy.path):14:9: error: \(Self.record) already names the partnership 'Safer Bromley "
            + "Partnership'; "), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.ics").path))
    }

    /// The repeated name is the record's own text: an ESC or BEL in it is shown escaped, so the
    /// error cannot recolour the terminal or ring it.
    @Test func aRepeatedNameHoldingControlsIsShownEscaped() throws {
        let folder = try BoardExternalTools.scratchDirectory("calendar-name-controls")
        let record = try Self.edited(folder, "record.yaml") {
            $0.replacingOccurrences(of: Self.namedLine, with: "  name: \"Safer \\e[31mBromley\\a\"\n")
        }
        let outcome = try Self.calendar([record.path, record.path])
        #expect(outcome.status == 2)
        #expect(!outcome.stderr.contains("\u{1B}") && !outcome.stderr.contains("\u{7}"), "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("\(record.path):14:9: error: \(record.path) already names the partnership "
            + "'Safer \\u{1B}[31mBromley\\u{7}'; each partnership needs its own name"), "\(outcome.stderr)")
    }

    /// A record with no partnership name is named after the path it is given by: given twice by
    /// that path it wrote each event twice under one name, and by two paths under two. Both are
    /// refused; two different records without names are two partnerships.
    @Test func anUnnamedRecordGivenTwiceIsRefused() throws {
        let folder = try BoardExternalTools.scratchDirectory("calendar-unnamed-twice")
        let nameless = try Self.edited(folder, "nameless.yaml") { $0.replacingOccurrences(of: Self.namedLine, with: "") }
        let reason = ": a record with no partnership name is named after the path it is given by, and its events' UIDs are "
            + "derived from that name, so each of its events would be written twice; give it once, or record partnership.name\n"

        let samePath = try Self.calendar([nameless.path, nameless.path])
        #expect(samePath.status == 2)
        #expect(samePath.stderr.contains("\n\(nameless.path): error: is given twice" + reason), "\(samePath.stderr)")

        let otherPath = folder.path + "/./nameless.yaml"
        let twoPaths = try Self.calendar([nameless.path, otherPath])
        #expect(twoPaths.status == 2)
        #expect(twoPaths.stderr.contains("\n\(otherPath): error: is \(nameless.path) again, given by another path" + reason),
                "\(twoPaths.stderr)")

        // The folder and a file in it: the folder gives the file by the same path.
        let inFolder = try Self.calendar([folder.path, nameless.path])
        #expect(inFolder.status == 2)
        #expect(inFolder.stderr.contains("\n\(nameless.path): error: is given twice" + reason), "\(inFolder.stderr)")

        let other = folder.appendingPathComponent("other.yaml")
        try FileManager.default.copyItem(at: nameless, to: other)
        let two = try Self.calendar([nameless.path, other.path])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("NAME:DutyCheck: statutory due dates\r\n"))
    }

    /// 31 December 9999 has no next day for DTEND: a deadline due then is still left out, but no
    /// longer without a word; the calendar is written and the exit status is 0.
    @Test func aDeadlineOnTheLastDayIsLeftOutWithAWarning() throws {
        let folder = try BoardExternalTools.scratchDirectory("calendar-last-day")
        let record = try Self.edited(folder, "record.yaml") {
            $0.replacingOccurrences(of: "      due: 2024-03-31\n", with: "      due: 9999-12-31\n")
        }
        let outcome = try Self.calendar([record.path])
        #expect(outcome.status == 0)
        #expect(!outcome.stdout.contains("99991231"))
        #expect(outcome.stdout.contains("BEGIN:VEVENT"))
        let partners = [("lbb", "London Borough of Bromley"), ("met-police", "Metropolitan Police Service"),
                        ("lfb", "London Fire Brigade (London Fire Commissioner)"), ("probation", "Probation Service (London region)"),
                        ("sel-icb", "NHS South East London Integrated Care Board")]
        // Each warning points where its finding does: the approval's own date, still to be recorded.
        let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        func place(_ id: String) -> String {
            let entry = "{partner: \(id), approved: null}"
            guard let index = lines.firstIndex(where: { $0.contains(entry) }), let start = lines[index].range(of: "null") else { return "?" }
            return "\(index + 1):\(lines[index].distance(from: lines[index].startIndex, to: start.lowerBound) + 1)"
        }
        #expect(outcome.stderr == partners.map { id, partner in
            "\(record.path):\(place(id)): warning: Each responsible authority has confirmed its acceptance of the plan: \(partner) "
                + "(partner-approval) is due on 9999-12-31, the last day a date can name, and is left out of the calendar: its "
                + "all-day event would end on 10000-01-01, which iCalendar cannot write\n"
        }.joined(), "\(outcome.stderr)")
    }

    /// A run that is refused writes no calendar, so it says nothing about what the calendar would
    /// have left out: only its errors are printed, whether the names or the previous calendar refuse it.
    @Test func aRefusedRunPrintsNoLastDayWarning() throws {
        let folder = try BoardExternalTools.scratchDirectory("calendar-last-day-refused")
        let record = try Self.edited(folder, "last.yaml") {
            $0.replacingOccurrences(of: "      due: 2024-03-31\n", with: "      due: 9999-12-31\n")
        }
        let twice = try Self.calendar([record.path, record.path])
        #expect(twice.status == 2)
        #expect(twice.stderr == "\(record.path):14:9: error: \(record.path) already names the partnership 'Safer Bromley "
            + "Partnership'; each partnership needs its own name, from which its events' UIDs are derived, so two records "
            + "with one name would write each event twice\n" + Self.namedLine + "        ^\n", "\(twice.stderr)")

        let previous = folder.appendingPathComponent("previous.ics")
        try Data("hello\r\n".utf8).write(to: previous)
        let badPrevious = try Self.calendar(["--previous", previous.path, record.path])
        #expect(badPrevious.status == 2)
        #expect(badPrevious.stderr == "\(previous.path):1:1: error: cannot be read as the previous calendar: not an iCalendar "
            + "file: it must start with BEGIN:VCALENDAR\nhello\n^\n", "\(badPrevious.stderr)")

        // A calendar that cannot be written leaves nothing out, and cancels nothing, either: neither the
        // last-day warnings nor the warning that --previous is another partnership's calendar are given.
        let other = folder.appendingPathComponent("other.ics")
        #expect(try Self.calendar(["-o", other.path, record.path]).status == 0)
        let written = try String(contentsOf: other, encoding: .utf8)
        let renamed = written.replacingOccurrences(of: "NAME:Safer Bromley Partnership", with: "NAME:Safer Croydon Partnership")
        #expect(renamed != written)
        try Data(renamed.utf8).write(to: other)
        let readable = try Self.calendar(["--previous", other.path, "-o", folder.appendingPathComponent("new.ics").path, record.path])
        #expect(readable.status == 0 && readable.stderr.contains("is the calendar of Safer Croydon Partnership"), "\(readable.stderr)")
        let unwritable = try Self.calendar(["--previous", other.path, "-o", folder.appendingPathComponent("missing/x.ics").path, record.path])
        #expect(unwritable.status == 2)
        #expect(!unwritable.stderr.contains("warning:"), "\(unwritable.stderr)")
        #expect(unwritable.stderr.contains("error:"), "\(unwritable.stderr)")
    }

    /// Two events with one UID: the second is refused at its UID, and the output is left as it was.
    @Test func aPreviousCalendarWithARepeatedUIDIsRefused() throws {
        let (file, written) = try CalendarCommandTests.writtenCalendar("calendar-repeated-uid")
        var lines = written.components(separatedBy: "\r\n")
        let begin = try #require(lines.firstIndex(of: "BEGIN:VEVENT"))
        let end = try #require(lines.firstIndex(of: "END:VEVENT"))
        let event = Array(lines[begin...end])
        lines.insert(contentsOf: event, at: end + 1)
        let repeated = lines.joined(separator: "\r\n")
        try Data(repeated.utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file.path):\(end + 3):5: error: cannot be read as the previous calendar: the event begun on "
            + "line \(begin + 1) has this UID too: dutycheck writes each UID once, and of two events with one UID only one could "
            + "be published again\n\(event[1])\n    ^\n", "\(outcome.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == repeated)
    }

    /// A UID holding a direction control is refused at the control; the snippet does not show it raw.
    @Test func aPreviousCalendarWithADirectionControlInAUIDIsRefused() throws {
        let (file, written) = try CalendarCommandTests.writtenCalendar("calendar-bidi-uid")
        let lines = written.components(separatedBy: "\r\n")
        let uid = try #require(lines.firstIndex { $0.hasPrefix("UID:") })
        try Data(written.replacingOccurrences(of: lines[uid], with: "UID:\u{202E}" + lines[uid].dropFirst(4)).utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file.path):\(uid + 1):5: error: cannot be read as the previous calendar: " + Self.notAUID
            + "it holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible control that reorders the text shown around it\n"
            + "UID:\u{FFFD}\(lines[uid].dropFirst(4))\n    ^\n", "\(outcome.stderr)")
    }

    static let notAUID = "the UID is not one dutycheck writes, a UUID in lower-case hex (8-4-4-4-12 digits, version 8): "

    /// A live event's UID changed only in case, by a space or by an invisible character was read as
    /// another event, whose cancelled copy a diary might match to the live one: refused at the
    /// character, and the output is left as it was.
    @Test func aPreviousCalendarWithALiveUIDChangedUnseenIsRefused() throws {
        let (file, written) = try CalendarCommandTests.writtenCalendar("calendar-near-uid")
        let lines = written.components(separatedBy: "\r\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("UID:") })
        let uid = String(lines[line].dropFirst(4))
        let letter = try #require(uid.unicodeScalars.firstIndex { ("a"..."f").contains($0) })
        let letterColumn = uid.unicodeScalars.distance(from: uid.unicodeScalars.startIndex, to: letter) + 5
        let cases = [
            (uid.uppercased(), letterColumn, "\u{201C}\(uid.unicodeScalars[letter].properties.uppercaseMapping)\u{201D} is upper case"),
            (uid + " ", 41, "it holds U+0020 (SPACE)"),
            (uid.prefix(8) + " " + uid.dropFirst(8), 13, "it holds U+0020 (SPACE)"),
            (uid + "\u{200B}", 41, "it holds U+200B (ZERO WIDTH SPACE)"),
            ("\u{200E}" + uid, 5, "it holds U+200E (LEFT-TO-RIGHT MARK)"),
            (uid + "\u{061C}", 41, "it holds U+061C (ARABIC LETTER MARK)"),
        ]
        for (changed, column, problem) in cases {
            // The live event stays, and a copy under the changed UID follows it.
            let begin = try #require(lines.firstIndex(of: "BEGIN:VEVENT"))
            let end = try #require(lines.firstIndex(of: "END:VEVENT"))
            var copy = Array(lines[begin...end])
            copy[line - begin] = "UID:" + changed
            var edited = lines
            edited.insert(contentsOf: copy, at: end + 1)
            let text = edited.joined(separator: "\r\n")
            try Data(text.utf8).write(to: file)
            let outcome = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.hasPrefix("\(file.path):\(end + 2 + line - begin):\(column): error: cannot be read as the "
                + "previous calendar: " + Self.notAUID + problem + "\n"), "\(outcome.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8) == text)
        }
    }

    /// A calendar without the VERSION or NAME dutycheck writes is refused at line 1; one with another
    /// VERSION (quoted, so an empty one shows), a VERSION with parameters, a second VERSION, an
    /// empty NAME or one with parameters at its line.
    @Test func aPreviousCalendarWithoutItsHeaderIsRefused() throws {
        let (file, written) = try CalendarCommandTests.writtenCalendar("calendar-header")
        let lines = written.components(separatedBy: "\r\n")
        let name = try #require(lines.first { $0.hasPrefix("NAME:") })
        let nameLine = try #require(lines.firstIndex(of: name)) + 1
        let withLanguage: String = "NAME;LANGUAGE=en" + String(name.dropFirst(4))
        let cases = [
            (written.replacingOccurrences(of: "VERSION:2.0\r\n", with: ""), "1:1",
             "the calendar has no VERSION, where dutycheck writes VERSION:2.0 in every calendar\nBEGIN:VCALENDAR\n^\n"),
            (written.replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION:1.0\r\n"), "2:1",
             "VERSION is \"1.0\", where dutycheck writes 2.0\nVERSION:1.0\n^\n"),
            (written.replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION:\r\n"), "2:1",
             "VERSION is \"\", where dutycheck writes 2.0\nVERSION:\n^\n"),
            (written.replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION;X=1:2.0\r\n"), "2:1",
             "VERSION has parameters, where dutycheck writes VERSION:2.0 with none\nVERSION;X=1:2.0\n^\n"),
            (written.replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION:2.0\r\nVERSION:2.0\r\n"), "3:1",
             "a second VERSION in the calendar (the first is on line 2), where dutycheck writes one\nVERSION:2.0\n^\n"),
            (written.replacingOccurrences(of: "\r\n" + name + "\r\n", with: "\r\nNAME:\r\n"), "\(nameLine):1",
             "the calendar's NAME is empty, where dutycheck writes one in every calendar to say whose due dates it holds\n"
                + "NAME:\n^\n"),
            (written.replacingOccurrences(of: "\r\n" + name + "\r\n", with: "\r\n" + withLanguage + "\r\n"), "\(nameLine):1",
             "NAME has parameters, where dutycheck writes NAME with none\n" + withLanguage + "\n^\n"),
            // Its line alone: X-WR-CALNAME ends with the same text.
            (written.replacingOccurrences(of: "\r\n" + name + "\r\n", with: "\r\n"), "1:1",
             "the calendar has no NAME, which dutycheck writes in every calendar to say whose due dates it holds\nBEGIN:VCALENDAR\n^\n"),
        ]
        for (text, place, message) in cases {
            try Data(text.utf8).write(to: file)
            let outcome = try Self.calendar(["--previous", file.path, Self.record])
            #expect(outcome.status == 2)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr == "\(file.path):\(place): error: cannot be read as the previous calendar: \(message)", "\(outcome.stderr)")
        }
    }

    /// Lines ended by bare CRs are said to be, at the end of the first; LF alone is still read.
    @Test func aPreviousCalendarWithBareCRLineEndsIsNamedAsSuch() throws {
        let (file, written) = try CalendarCommandTests.writtenCalendar("calendar-bare-cr")
        try Data(written.replacingOccurrences(of: "\r\n", with: "\r").utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file.path):1:16: error: cannot be read as the previous calendar: its lines end in bare CRs, "
            + "where iCalendar lines end in CRLF (LF alone is read too)\nBEGIN:VCALENDAR\n               ^\n", "\(outcome.stderr)")

        try Data(written.replacingOccurrences(of: "\r\n", with: "\n").utf8).write(to: file)
        let lf = try Self.calendar(["--previous", file.path, Self.record])
        #expect(lf.status == 0 && lf.stderr.isEmpty, "\(lf.stderr)")
        #expect(lf.stdout == written)
    }
}
