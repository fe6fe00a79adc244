#!/usr/bin/env bash
# Fuzzes the rule loader or the snapshot reader with afl-fuzz and SharpFuzz. See docs/fuzzing.md.
#   fuzz/fuzz.sh rules|snapshot [SECONDS]     fuzz for SECONDS (default: until Ctrl-C)
#   fuzz/fuzz.sh rules|snapshot replay FILE…   run the target on inputs without afl-fuzz
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
target=${1:?usage: fuzz/fuzz.sh rules|snapshot [SECONDS | replay FILE...]}
case "$target" in rules|snapshot) ;; *) echo "unknown target '$target'; expected rules or snapshot" >&2; exit 2 ;; esac
shift

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$here/out"
work="$here/findings"
tools="$here/.tools"

if [ "${1:-}" = "replay" ]; then
  shift
  dotnet run -c Release --project "$here/PxeRules.Fuzz" -- "$target" "$@"
  exit
fi

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 1; }
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"

# A fresh publish each time: sharpfuzz instruments the assemblies in place, and only once.
rm -rf "$out"
dotnet publish "$here/PxeRules.Fuzz" -c Release -o "$out" -v q
for dll in PxeRules.dll YamlDotNet.dll; do
  "$tools/sharpfuzz" "$out/$dll"
done

# Seeds: the bundled rules, or the test snapshots; small valid inputs the fuzzer mutates.
seeds="$work/$target-seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
if [ "$target" = rules ]; then
  cp "$root"/rules/*.yaml "$seeds/"
else
  cp "$root"/tests/PxeRules.Tests/TestData/snapshots/*.json "$seeds/"
  cp "$root"/tests/PxeRules.Tests/TestData/hostile/snapshots/valid-*.json "$seeds/" 2>/dev/null || true
fi

# Keep an earlier run's findings: afl-fuzz will not start over an output folder that has some.
[ -d "$work/$target" ] && mv "$work/$target" "$work/$target.$(date +%Y%m%d-%H%M%S)"

duration=()
[ -n "${1:-}" ] && duration=(-V "$1")

# dotnet itself is not instrumented (SharpFuzz instruments the assemblies), so afl-fuzz must not check it.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_NO_UI=${AFL_NO_UI:-}
dict="$here/rules.dict"; [ "$target" = snapshot ] && dict="$here/snapshot.dict"
exec afl-fuzz -i "$seeds" -o "$work/$target" -x "$dict" -t 5000 -m none "${duration[@]}" \
  -- dotnet "$out/PxeRules.Fuzz.dll" "$target"
