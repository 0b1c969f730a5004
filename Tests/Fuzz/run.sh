#!/usr/bin/env bash
# Builds every libFuzzer target (build.sh) and runs each for SECONDS (default 60) on a copy of its
# seed corpus in a temporary directory, so the committed corpus never grows. Two targets run at a
# time (one per core). Exits non-zero if any target finds a crash, a hang (-timeout=5), a memory
# blow-up (-rss_limit_mb=2048) or a broken invariant; the reproducer and log stay in the work
# directory, whose path is printed.
#
#   Tests/Fuzz/run.sh [SECONDS]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
export OUT=${OUT:-.build-fuzz/libfuzzer}
export DUTYCHECK_RULES=${DUTYCHECK_RULES:-$PWD/Rules}

build_log=$(mktemp)
if ! Tests/Fuzz/build.sh >"$build_log" 2>&1; then
  grep -v "Cannot export local symbol" "$build_log" >&2
  echo "fuzz: build failed" >&2
  exit 1
fi
rm -f "$build_log"

work=$(mktemp -d "${TMPDIR:-/tmp}/dutycheck-fuzz.XXXXXX")
echo "fuzz: $seconds s per target, work directory $work"
targets=(yaml expression pack record writers)

run_one() {  # run_one TARGET
  local name=$1 dir=$work/$1
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp Tests/Fuzz/corpus/"$name"/* "$dir/corpus/"
  # Leak checking is off for the record target only: its shipped packs live in a global whose
  # expression trees Swift reaches through spare-bit-tagged enum pointers, which LeakSanitizer
  # cannot follow, so it reports them as leaked at exit. -rss_limit_mb still bounds memory.
  local leaks=1
  [ "$name" = record ] && leaks=0
  ASAN_OPTIONS=detect_leaks=$leaks SWIFT_BACKTRACE=enable=no "$OUT/bin/fuzz-$name" -detect_leaks=$leaks -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "$dir/corpus" >"$dir/log" 2>&1
  echo $? >"$dir/status"
}

for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for name in "${targets[@]:i:2}"; do
    run_one "$name" &
    pids+=($!)
  done
  wait "${pids[@]}"
done

failed=0
for name in "${targets[@]}"; do
  dir=$work/$name
  status=$(cat "$dir/status")
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$' | tail -1)
  if [ "$status" = 0 ]; then
    printf 'fuzz: %-10s ok      %s executions\n' "$name" "$runs"
  else
    failed=1
    printf 'fuzz: %-10s FAILED  (exit %s) after %s executions; log %s\n' "$name" "$status" "$runs" "$dir/log" >&2
    grep -E "FUZZ INVARIANT|ERROR: |Fatal error|SUMMARY|Test unit written" "$dir/log" | head -20 >&2
  fi
done
[ "$failed" = 0 ] && rm -rf "$work"
exit $failed
