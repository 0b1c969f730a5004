#!/usr/bin/env bash
# Builds the libFuzzer targets into $OUT (default .build-fuzz/bin): YAMLTree, RuleEngine and
# Reporters become separate instrumented modules, then each target links against them.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-.build-fuzz/libfuzzer}
mods=$OUT/mods
bin=$OUT/bin
mkdir -p "$mods" "$bin"
flags=(-sanitize=fuzzer,address -parse-as-library -enable-testing -O -g
       -I "$mods" -I Sources/CLibYAML -I Sources/CSHA256)

module() {  # module NAME SOURCE-DIR
  swiftc "${flags[@]}" -wmo -module-name "$1" -emit-module -emit-module-path "$mods/$1.swiftmodule" \
    -c $(find "$2" -name '*.swift' | sort) -o "$mods/$1.o"
}
module YAMLTree Sources/YAMLTree
module RuleEngine Sources/RuleEngine
module Reporters Sources/Reporters

target() {  # target NAME SOURCE OBJECTS...
  local name=$1 source=$2
  shift 2
  local objects=()
  for m in "$@"; do objects+=("$mods/$m.o"); done
  swiftc "${flags[@]}" -module-name "Fuzz_${name//-/_}" Tests/Fuzz/FuzzSupport.swift "Tests/Fuzz/$source" \
    "${objects[@]}" -lyaml -lcrypto -o "$bin/fuzz-$name"
}
# Two at a time (CI has two cores); any failure fails the build.
status=0
target yaml YAMLLoaderFuzz.swift YAMLTree & a=$!
target expression ExpressionFuzz.swift YAMLTree RuleEngine & b=$!
wait $a || status=1; wait $b || status=1
target pack PackDecoderFuzz.swift YAMLTree RuleEngine & a=$!
target record RecordEvaluatorFuzz.swift YAMLTree RuleEngine & b=$!
wait $a || status=1; wait $b || status=1
target writers WritersFuzz.swift YAMLTree RuleEngine Reporters || status=1
exit $status
