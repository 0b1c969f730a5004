/// A rule pack whose one rule carries its own test cases (`examples:`): one met and one missing,
/// whose expected findings name no rule. Tests point into it: `examples:` is on line 14, the met
/// case's expectation on line 19, the missing one's on line 24.
public enum InlineExamplesPack {
    public static let text = """
        dutycheck: 1
        pack: inline
        title: Inline examples
        version: "1"
        citations:
          act: {title: Test Act 2024 s1, url: https://example.org/act, kind: statute}
        rules:
          - id: board-agreed
            title: The board agreed the plan
            duty: The board agrees the plan.
            basis: [act]
            confidence: confirmed
            require: board.agreed
            examples:
              - name: agreed
                as_of: 2024-04-02
                record: {board: {agreed: true}}
                expect:
                  - {status: met}
              - name: not agreed
                as_of: 2024-04-02
                record: {board: {agreed: false}}
                expect:
                  - {status: missing}

        """
}
