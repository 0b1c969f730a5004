/// The report's inline style sheet. Colours come from `BoardPalette`, so the contrast test checks
/// exactly what is used.
enum BoardStyleSheet {
    /// Column widths, in percent, that tables may use (each becomes a `w-N` class).
    static let columnWidths = [10, 12, 14, 16, 18, 20, 22, 24, 25, 26, 28, 30, 34, 35, 40, 68]

    /// The longest partnership name the page header shows whole: Chromium neither wraps nor clips
    /// a page margin box's text, so a longer unbroken name would run off the page.
    static let runningHeaderNameLength = 60

    /// The partnership's name as the page header gives it, cut with an ellipsis when too long
    /// (the first page gives it whole).
    static func runningHeaderName(_ name: String) -> String {
        ShortenedText.shortened(name, to: runningHeaderNameLength)
    }

    /// `runningHeader` is printed in the top-right page margin; it is escaped as a CSS string.
    static func css(runningHeader: String) -> String {
        let body = BoardPalette.body, secondary = BoardPalette.secondary, link = BoardPalette.link
        let header = BoardPalette.tableHeader, warning = BoardPalette.warning
        var css = """
        html { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 16px; line-height: 1.4; color: \(body.foreground); background: \(body.background); }
        body { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
        h2 { font-size: 1.4rem; line-height: 1.25; margin: 2rem 0 0.75rem; padding-top: 0.5rem; border-top: 2px solid \(body.foreground); }
        p, li { max-width: 48rem; }
        a { color: \(link.foreground); background: \(link.background); }
        .lead { font-size: 1.3rem; font-weight: bold; margin: 0 0 1rem; }
        .summary-list { display: grid; grid-template-columns: clamp(8rem, 30%, 12rem) 1fr; margin: 0 0 1.5rem; border-top: 1px solid #b1b4b6; }
        .summary-list div { display: contents; }
        .summary-list dt, .summary-list dd { margin: 0; padding: 0.35rem 0.75rem 0.35rem 0; border-bottom: 1px solid #b1b4b6; }
        .summary-list dt { font-weight: bold; }
        .summary-list dd { overflow-wrap: anywhere; min-width: 0; }
        .hash { color: \(secondary.foreground); background: \(secondary.background); font-size: 0.85em; overflow-wrap: anywhere; }
        .detail { display: block; font-weight: normal; color: \(secondary.foreground); background: \(secondary.background); font-size: 0.9em; margin-top: 0.25rem; }
        .plain { list-style: none; margin: 0; padding: 0; }
        .plain li { margin: 0.15rem 0; }
        .recommendations li { margin: 0 0 0.6rem; }
        .warning { color: \(warning.foreground); background: \(warning.background); border-left: 6px solid \(body.foreground); padding: 0.25rem 1rem; margin: 0 0 1rem; }
        .table-wrap { position: relative; overflow-x: auto; margin: 0 0 1.5rem; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; }
        table.wide { min-width: 40rem; }
        caption { text-align: left; font-weight: bold; font-size: 1.1rem; padding: 0 0 0.5rem; overflow-wrap: anywhere; }
        th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem 0.45rem 0; border-bottom: 1px solid #b1b4b6; overflow-wrap: break-word; }
        thead th { color: \(header.foreground); background: \(header.background); border-bottom: 2px solid \(body.foreground); padding-left: 0.4rem; }
        tbody th { font-weight: bold; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        th.num { padding-right: 1rem; }
        td.num { padding-right: 1rem; }
        .tag { display: inline-block; box-sizing: border-box; max-width: 100%; padding: 0.1rem 0.45rem; border: 1px solid currentColor; font-weight: bold; overflow-wrap: anywhere; }
        .law-list li { margin: 0 0 0.5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
        .url { color: \(secondary.foreground); background: \(secondary.background); font-size: 0.9em; overflow-wrap: anywhere; }

        """
        css += columnWidths.map { ".w-\($0) { width: \($0)%; }" }.joined(separator: " ") + "\n"
        for rating in BoardRating.displayOrder {
            let pair = rating.colours
            css += ".tag-\(rating.rawValue) { color: \(pair.foreground); background: \(pair.background); }\n"
        }
        css += """
        @media (forced-colors: active) {
          .tag { border: 2px solid CanvasText; font-weight: bold; }
        }
        @page {
          size: A4 portrait;
          margin: 18mm 15mm 20mm;
          @top-left { content: "\(MarkupEscape.cssString(BoardWording.title))"; font: 9pt Arial, "Liberation Sans", sans-serif; color: \(secondary.foreground); }
          @top-right { content: "\(MarkupEscape.cssString(runningHeader))"; font: 9pt Arial, "Liberation Sans", sans-serif; color: \(secondary.foreground); }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, "Liberation Sans", sans-serif; color: \(body.foreground); }
        }
        @media print {
          html { font-size: 10pt; }
          table { font-size: 9pt; }
          body { max-width: none; padding: 0; }
          h1 { font-size: 18pt; }
          h2 { font-size: 14pt; break-after: avoid; page-break-after: avoid; }
          caption, thead { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; }
          tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
          tr, li, .summary-list div, .warning { break-inside: avoid; page-break-inside: avoid; }
          .table-wrap { overflow: visible; position: static; }
          .tag, thead th, .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: \(body.foreground); background: \(body.background); }
        }

        """
        return css
    }
}
