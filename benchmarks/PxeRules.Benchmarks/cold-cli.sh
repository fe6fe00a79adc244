#!/usr/bin/env bash
# Cold command line: wall time of a fresh `pxerules check` process on N synthetic rules and a snapshot of the
# 50 facts (console report to a pipe, and JSON report to a file), against a fresh process running RulesEngine
# 6.0.1 (default and tuned) on the same rules, which builds its workflow in memory and prints a count.
# Median of RUNS runs (default 5) for N = 1,000 and 10,000. Usage: benchmarks/PxeRules.Benchmarks/cold-cli.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}

dotnet build -m:1 -c Release src/PxeRules.Cli >/dev/null
dotnet build -m:1 -c Release benchmarks/PxeRules.Benchmarks >/dev/null
cli=src/PxeRules.Cli/bin/Release/net10.0/PxeRules.Cli.dll
bench=benchmarks/PxeRules.Benchmarks/bin/Release/net10.0/PxeRules.Benchmarks.dll

# Prints the median wall time in milliseconds of running "$@" $runs times (standard output discarded).
median() {
  local times=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e' -o "$work/time" "$@" >/dev/null
    times+=("$(awk '{printf "%d", $1 * 1000}' "$work/time")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}

printf '| N | check, console | check, JSON | RulesEngine default | RulesEngine tuned | default / console | default / JSON | tuned / JSON |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for n in 1000 10000; do
  dotnet "$bench" generate "$n" "$work/$n" >/dev/null
  args=(check --no-bundled --rules "$work/$n/rules" --snapshot "$work/$n/snapshot.json" --fail-on none)
  console=$(median dotnet "$cli" "${args[@]}")
  json=$(median dotnet "$cli" "${args[@]}" --format json --output "$work/report.json")
  default=$(median dotnet "$bench" cold-re "$n" default)
  tuned=$(median dotnet "$bench" cold-re "$n" tuned)
  printf '| %s | %s ms | %s ms | %s ms | %s ms | %.1f× | %.1f× | %.1f× |\n' "$n" "$console" "$json" "$default" "$tuned" \
    "$(echo "$default / $console" | bc -l)" "$(echo "$default / $json" | bc -l)" "$(echo "$tuned / $json" | bc -l)"
done
