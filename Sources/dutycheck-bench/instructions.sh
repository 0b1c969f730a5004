#!/usr/bin/env bash
# Instructions per record in each part of a check, counted by callgrind: libyaml merely parsing, a
# record decoded (libyaml, tree and record), and the rules evaluated; then, with --cache, callgrind's
# simulated instruction-cache misses and mispredicted branches too. Unlike seconds, instruction
# counts do not move with the load on a shared machine, so they show what a change to the hot path
# gains; they do not show how fast the processor runs those instructions (see README, Benchmark).
# Usage: Sources/dutycheck-bench/instructions.sh [--cache]   (from the package folder; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dutycheck-bench 2>&1 | grep -E "error|warning: " || true
bench=.build/release/dutycheck-bench
options=()
[ "${1:-}" = "--cache" ] && options=(--cache-sim=yes --branch-sim=yes)

# The mangled names of the three functions, found by their demangled names.
symbols=$(mktemp)
trap 'rm -f "$symbols" "$symbols.out"' EXIT
nm --defined-only "$bench" | awk '{print $3}' > "$symbols.out"
paste "$symbols.out" <(swift demangle --compact < "$symbols.out") > "$symbols"
symbol() { grep -F "$1" "$symbols" | grep -v -e "thunk" -e "closure" -e "outlined" | head -1 | cut -f1; }
# (The compiler keeps eventCount only as a copy specialised to drop its unused metatype.)
libyaml=$(symbol "dutycheck_bench.LibYAMLBaseline.eventCount(")
decode=$(symbol "static RuleEngine.RecordDecoder.decode(bytes: [Swift.UInt8], file: Swift.String, rules: RuleEngine.RuleSet)")
evaluate=$(symbol "RuleEngine.RecordEvaluator.evaluate(_: RuleEngine.Record, asOf: RuleEngine.CivilDate) -> RuleEngine.RecordResult")

# 20 records, each stage five times: 100 records' worth.
count() { # stage, symbol: events per record, space-separated (instructions first)
  DUTYCHECK_BENCH_STAGE="$1" valgrind --tool=callgrind "${options[@]}" --callgrind-out-file="$symbols.out" \
    --toggle-collect="$2" "$bench" --stages 20 >/dev/null 2>&1
  callgrind_annotate "$symbols.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9,]+$/) { gsub(",", "", $i); printf "%d ", $i / 100 }}'
}
read -r -a y <<< "$(count "libyaml events" "$libyaml")"
# Before any stage the bench decodes its 20 records once, and that decoding is counted too: the
# stage that evaluates without decoding has only that, so the difference is the whole check's own.
read -r -a decodeWithSetup <<< "$(count "whole check" "$decode")"
read -r -a setup <<< "$(count "rules evaluated" "$decode")"
d=()
for index in "${!decodeWithSetup[@]}"; do d+=($(( decodeWithSetup[index] - setup[index] ))); done
read -r -a e <<< "$(count "whole check" "$evaluate")"
awk -v y="${y[0]}" -v d="${d[0]}" -v e="${e[0]}" 'BEGIN {
  printf "instructions per record: libyaml %d, decode %d, evaluate %d; a whole check is %.2f times libyaml\n", y, d, e, (d + e) / y }'
if [ ${#options[@]} -gt 0 ]; then
  # Events in callgrind's order: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim.
  for part in "libyaml:y" "decode:d" "evaluate:e"; do
    declare -n events="${part#*:}"
    printf '%-9s I-cache misses %d, data-cache misses %d, mispredicted branches %d\n' "${part%%:*}" \
      "${events[3]}" "$(( events[4] + events[5] ))" "$(( events[10] + events[12] ))"
  done
fi
