#!/usr/bin/env bash
# Cold start against the runtime's floor: wall time of a fresh `pxerules check` process on a sample snapshot, side by
# side with a hello-world .NET console started the same way (`dotnet X.dll`), runs interleaved so both see the same
# load. Rows: the tool as built (IL, what `dotnet tool install` runs), published ReadyToRun (`-r RID
# -p:PublishReadyToRun=true`, framework-dependent) and published as one native executable (`-p:NativeTool=true`,
# Native AOT; needs clang, skipped without it); JSON report to a file and the console report to a pipe.
# Median of RUNS (default 15) runs each, in milliseconds, with the load average before and after.
# Usage: benchmarks/PxeRules.Benchmarks/cold-start.sh [snapshot]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-15}
snapshot=${1:-samples/snapshots/healthy-pxe-service-point.json}
work=${WORK:-$(mktemp -d)}
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -m:1 -c Release src/PxeRules.Cli -v q >/dev/null
dotnet publish -m:1 -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true src/PxeRules.Cli -o "$work/r2r" -v q >/dev/null
native=
if command -v clang >/dev/null; then
  dotnet publish -m:1 -c Release -r "$rid" -p:NativeTool=true src/PxeRules.Cli -o "$work/aot" -v q >/dev/null
  native=$work/aot/PxeRules.Cli
fi
dotnet build -m:1 -c Release benchmarks/HelloWorld -o "$work/hello/out" -v q >/dev/null
il=src/PxeRules.Cli/bin/Release/net10.0/PxeRules.Cli.dll
r2r=$work/r2r/PxeRules.Cli.dll

names=(hello json-il json-r2r console-il console-r2r)
commands=(
  "dotnet $work/hello/out/HelloWorld.dll"
  "dotnet $il check --snapshot $snapshot --format json --output $work/report.json --fail-on none"
  "dotnet $r2r check --snapshot $snapshot --format json --output $work/report.json --fail-on none"
  "dotnet $il check --snapshot $snapshot --fail-on none"
  "dotnet $r2r check --snapshot $snapshot --fail-on none"
)
if [ -n "$native" ]; then
  names+=(json-native console-native)
  commands+=("$native check --snapshot $snapshot --format json --output $work/report.json --fail-on none" "$native check --snapshot $snapshot --fail-on none")
fi
# A first run of each, unmeasured, so every row reads files from the page cache.
for c in "${commands[@]}"; do $c >/dev/null; done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    start=$(date +%s%N)
    ${commands[$i]} | cat >/dev/null
    echo "$(( ($(date +%s%N) - start) / 1000000 ))" >>"$work/${names[$i]}.ms"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
hello=$(median "$work/hello.ms")
echo "$(nproc) cores; load average before $load_before, after $load_after; $runs interleaved runs each; snapshot $snapshot"
echo
echo '| process | median | × hello world |'
echo '|---|---|---|'
for name in "${names[@]}"; do
  m=$(median "$work/$name.ms")
  printf '| %s | %s ms | %.2f× |\n' "$name" "$m" "$(echo "$m / $hello" | bc -l)"
done
