import CLibYAML

/// libyaml merely parsing bytes into events: the floor the benchmark compares DutyCheck with.
enum LibYAMLBaseline {
    /// Parses `bytes` to the end and returns the number of events (so the work is not elided).
    /// Never inlined, so that a profiler can count its instructions alone (`instructions.sh`).
    @inline(never)
    static func eventCount(_ bytes: [UInt8]) -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return 0 }
        defer { yaml_parser_delete(parser) }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            var one: UInt8 = 0
            withUnsafePointer(to: &one) { fallback in
                yaml_parser_set_input_string(parser, buffer.baseAddress ?? fallback, buffer.count)
                var event = yaml_event_t()
                while yaml_parser_parse(parser, &event) == 1 {
                    count += 1
                    let done = event.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(&event)
                    if done { break }
                }
            }
        }
        return count
    }
}
