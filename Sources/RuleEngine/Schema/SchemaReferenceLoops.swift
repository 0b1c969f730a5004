import YAMLTree

/// Finds `$ref` loops that never move into the record.
///
/// `$ref` and the keywords that apply a schema to the same value (`allOf`, `anyOf`, `oneOf`,
/// `not`, `if`, `then`, `else`) can lead from a schema back to itself. Validation would then
/// apply it to one value again and again: the depth limit ends each path, but every `anyOf` on
/// the way doubles the paths, so a small schema could keep `validate` busy for ever. A loop that
/// passes through `properties`, `items` or `additionalProperties` moves to a part of the value
/// each time round, so it ends with the record: that is how a recursive structure is written.
enum SchemaReferenceLoops {
    /// Reports each loop at a `$ref` in it (the one that closes it, as first found).
    static func check(_ graph: SchemaGraph, sink: DiagnosticSink) {
        var finished: Set<SourceLocation> = []   // schemas from which every in-place path was followed
        var reported: Set<SourceLocation> = []
        for start in graph.schemas where !finished.contains(start.location) {
            // Depth first along in-place steps, with an explicit stack: a chain of references
            // can be thousands long.
            var path = [Frame(start, through: nil, graph: graph)]
            var onPath = [start.location: 0]
            while let top = path.last {
                guard top.next < top.steps.count else {
                    finished.insert(top.schema.location)
                    onPath[top.schema.location] = nil
                    path.removeLast()
                    continue
                }
                let step = top.steps[top.next]
                path[path.count - 1].next += 1
                guard case .mapping = step.schema.kind, !finished.contains(step.schema.location) else { continue }
                guard let index = onPath[step.schema.location] else {
                    onPath[step.schema.location] = path.count
                    path.append(Frame(step.schema, through: step.reference, graph: graph))
                    continue
                }
                // Back at a schema on the path: every step from there to here is in the loop.
                let references = path[(index + 1)...].compactMap(\.reference) + [step.reference].compactMap { $0 }
                if let reference = step.reference ?? references.first, reported.insert(reference.location).inserted {
                    sink.error("$ref \(reference.stringValue ?? "") leads back to itself without reading any of the record "
                               + "(only through $ref, allOf, anyOf, oneOf, not, if, then or else), so validation would never end",
                               at: reference.location)
                }
            }
        }
    }

    /// A schema on the path being followed, and which of its in-place steps comes next.
    private struct Frame {
        let schema: YAMLNode
        /// The `$ref` followed to reach it from the schema below it on the path, if any.
        let reference: YAMLNode?
        let steps: [SchemaGraph.Step]
        var next = 0

        init(_ schema: YAMLNode, through reference: YAMLNode?, graph: SchemaGraph) {
            self.schema = schema
            self.reference = reference
            steps = graph.steps(from: schema).filter(\.inPlace)
        }
    }
}
