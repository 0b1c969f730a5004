import YAMLTree

/// The UID of an event of a calendar this tool wrote. A previous event is known by its UID alone:
/// it decides which event of this run it was, and the cancelled copy of one that has gone is
/// published under it. dutycheck writes every UID one way (`DeadlineCalendar.uid`): a version-8
/// UUID in lower-case hex, `8-4-4-4-12` digits, namesake events included. Anything else is refused:
/// a UID that differs from a live one only by case, a space or an invisible character is another
/// UID to this run, so its event would be published as cancelled, and a diary that compares UIDs
/// more loosely could take that for the cancellation of the live event.
enum WrittenUID {
    /// The UID on `line`, whose value begins at `valueStart`, or why it is not one dutycheck writes,
    /// at the first character that is wrong.
    static func read(_ line: ContentLine, valueStart: String.Index) throws(PreviousCalendar.ParseError) -> String {
        let scalars = line.text.unicodeScalars
        guard valueStart < scalars.endIndex else {
            throw PreviousCalendar.ParseError(at: line.location(of: valueStart), "the UID is empty: dutycheck writes a UID "
                + "in every event, by which the next run knows it")
        }
        func refuse(at index: String.Index, _ problem: String) -> PreviousCalendar.ParseError {
            PreviousCalendar.ParseError(at: line.location(of: index), "the UID is not one dutycheck writes, a UUID in lower-case "
                + "hex (8-4-4-4-12 digits, version 8): \(problem)")
        }
        // A character that cannot be seen, or a space, is named first, wherever it is: it is the
        // difference a reader would miss.
        if let odd = scalars[valueStart...].firstIndex(where: { !(0x21...0x7E).contains($0.value) }) {
            throw refuse(at: odd, "it holds \(MessageText.codePoint(scalars[odd]))" + (BidiControls.contains(scalars[odd])
                ? ", an invisible control that reorders the text shown around it" : ""))
        }
        var index = valueStart
        for expected in layout {
            guard index < scalars.endIndex else {
                let count = scalars.distance(from: valueStart, to: index)
                throw refuse(at: index, "it ends after \(count) character\(count == 1 ? "" : "s"), where a UUID has \(layout.count)")
            }
            let found = scalars[index]
            if !expected.allows(found) {
                let shown = ContentLineSyntax.shown(found)
                let lowered = Unicode.Scalar(found.value | 0x20).map(expected.allows) ?? false
                throw refuse(at: index, lowered && found.properties.isUppercase
                    ? "\(shown) is upper case" : "found \(shown) where dutycheck writes \(expected.description)")
            }
            index = scalars.index(after: index)
        }
        guard index == scalars.endIndex else {
            throw refuse(at: index, "it goes on after the \(layout.count) characters of a UUID")
        }
        return String(line.text[valueStart...])
    }

    /// What each of a written UID's characters may be.
    private enum Place {
        case digit, hyphen, version, variant

        func allows(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar)
            case .hyphen: scalar == "-"
            // `DeadlineCalendar.uid` sets these two digits.
            case .version: scalar == "8"
            case .variant: "89ab".unicodeScalars.contains(scalar)
            }
        }

        var description: String {
            switch self {
            case .digit: "a hex digit"
            case .hyphen: "\u{201C}-\u{201D}"
            case .version: "\u{201C}8\u{201D}, the UUID version"
            case .variant: "8, 9, a or b, the UUID variant"
            }
        }
    }

    private static let layout: [Place] = {
        let group = { (count: Int) in [Place](repeating: .digit, count: count) }
        return group(8) + [.hyphen] + group(4) + [.hyphen, .version] + group(3) + [.hyphen, .variant] + group(3) + [.hyphen] + group(12)
    }()
}
