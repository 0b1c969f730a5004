import RuleEngine

/// Citations in a Markdown table cell, one to a line: a link where the address can be one, the
/// title as text otherwise. The board report and the rule catalogue write them alike.
enum MarkdownCitations {
    /// `basis` for one cell; `afterBreak` when the first follows a `<br>` too.
    static func cell(_ basis: [Citation], afterBreak: Bool = false) -> String {
        basis.enumerated().map { index, citation in
            let newLine = afterBreak || index > 0
            if let url = MarkupEscape.markdownURL(citation.url) {
                return (newLine ? "<br>" : "") + "[\(MarkupEscape.markdownLinkText(citation.title))](\(url))"
            }
            return newLine ? MarkupEscape.markdownAfterBreak(citation.title) : MarkupEscape.markdown(citation.title)
        }.joined()
    }
}
