/// Reading dates written other than as YYYY-MM-DD, to suggest the ISO form in a message about
/// text where a date was wanted. Never used to read a record's date: the record format has one
/// way to write a day, and a guess only ever appears as advice.
extension CivilDate {
    /// Reads `31/03/2024`, `31-03-2024` or `31.03.2024` (day first, as written in the UK).
    init?(dayFirst text: String) {
        guard let parts = Self.numbers(text, separators: ["/", "-", "."], widths: [1...2, 1...2, 4...4]),
              let date = CivilDate(year: parts[2], month: parts[1], day: parts[0]) else { return nil }
        self = date
    }

    /// Reads `2024/03/31` or `2024.03.31` (year first, with another separator than `-`).
    init?(yearFirst text: String) {
        guard let parts = Self.numbers(text, separators: ["/", "."], widths: [4...4, 1...2, 1...2]),
              let date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        self = date
    }

    /// The numbers of `text` split at one of `separators`, when there are as many as `widths` and
    /// each is ASCII digits of its width.
    private static func numbers(_ text: String, separators: [Character], widths: [ClosedRange<Int>]) -> [Int]? {
        for separator in separators {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == widths.count,
                  zip(parts, widths).allSatisfy({ $1.contains($0.count) && isDigits($0) }) else { continue }
            return parts.compactMap { Int($0) }
        }
        return nil
    }

    private static func isDigits(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Reads a day with the month in words, as letters and reports write it: `31 March 2024`,
    /// `31st Mar 2024`, `March 31, 2024`, `31-Mar-2024` (English month names, any case).
    init?(writtenOut text: String) {
        let words = text.lowercased()
            .split { $0 == " " || $0 == "," || $0 == "-" || $0 == "/" || $0 == "." }
            .map(String.init)
        guard words.count == 3 else { return nil }
        func day(_ word: String) -> Int? {
            var digits = word
            for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
                digits.removeLast(suffix.count)
                break
            }
            guard (1...2).contains(digits.count), Self.isDigits(Substring(digits)) else { return nil }
            return Int(digits)
        }
        func year(_ word: String) -> Int? {
            word.count == 4 && Self.isDigits(Substring(word)) ? Int(word) : nil
        }
        let parsed: (day: Int, month: Int, year: Int)?
        if let day = day(words[0]), let month = Self.month(named: words[1]), let year = year(words[2]) {
            parsed = (day, month, year)
        } else if let month = Self.month(named: words[0]), let day = day(words[1]), let year = year(words[2]) {
            parsed = (day, month, year)
        } else {
            parsed = nil
        }
        guard let parsed, let date = CivilDate(year: parsed.year, month: parsed.month, day: parsed.day) else { return nil }
        self = date
    }

    /// 1 to 12 for an English month name or its usual abbreviation (`sep` and `sept` alike).
    private static func month(named word: String) -> Int? {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        if let index = names.firstIndex(of: word) { return index + 1 }
        if word == "sept" { return 9 }
        guard word.count == 3, let index = names.firstIndex(where: { $0.hasPrefix(word) }) else { return nil }
        return index + 1
    }
}
