#!/usr/bin/env bash
# The tool stage: proves that the platform-specific tool packages of src/PxeRules.Cli/pack-tool.sh install and run.
# It packs PxeRules.Tool, PxeRules.Tool.any and PxeRules.Tool.<rid> into a temporary feed, installs PxeRules.Tool
# from that feed alone with `dotnet tool install --tool-path`, and checks that
#   - the installed `pxerules` is the Native AOT executable of PxeRules.Tool.<rid> (an ELF file from that package,
#     no .dll installed), not the portable IL of PxeRules.Tool.any;
#   - `pxerules --version`, `check` on a healthy sample, `check` on a sample with critical findings (console and
#     JSON report) and `check` on a missing snapshot exit with the documented code (docs/cli.md, "Exit codes") and
#     print byte for byte what the portable IL package from the same pack prints.
# Every mismatch prints what was expected and what was seen. It then prints, as information and never checked, one
# cold-start line of the installed tool against a hello-world console.
# .ci/run calls it after the Wine stage; run it alone with `tests/tool/run.sh`.
#
# Needs clang for the Native AOT link; on Debian 12 the clang package brings the rest it needs (binutils for ld.bfd
# and objcopy, libc6-dev, libgcc-12-dev, libstdc++-12-dev). zlib and brotli are linked from .NET's Native AOT runtime
# pack, so zlib1g-dev is not needed. When clang or unzip is missing it is installed from Debian's apt (as root).
#
# Environment:
#   TOOL_STAGE_DIR       where the feed, the installed tool and the outputs go (default: a new folder under /tmp,
#                        removed at the end; a given folder is kept for a look afterwards)
#   TOOL_STAGE_RUNS      runs of each side in the cold-start line (default 11; 0 leaves the line out)
#   PXERULES_BUILD_LOCK  a file to flock around the builds when other builds share the machine
set -euo pipefail
cd "$(dirname "$0")/../.."
stage_started=$SECONDS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node or compiler server outlives the stage (nor holds the build lock after it).
export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false

say() { printf 'tool-stage: %s\n' "$*"; }
fail() { printf 'tool-stage: FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { printf '%ds' $((SECONDS - stage_started)); }
lock=()
[ -n "${PXERULES_BUILD_LOCK:-}" ] && lock=(flock "$PXERULES_BUILD_LOCK")

# --- Tools from Debian's apt ---------------------------------------------------------------------------------------
need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
if [ "${#need[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "needs ${need[*]} from apt and is not root; install them: apt-get install ${need[*]}"
  say "installing ${need[*]} from apt"
  apt_log=$(mktemp /tmp/tool-stage-apt.XXXXXX)
  apt_options=(-o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 -o Acquire::Retries=2 -o DPkg::Lock::Timeout=120)
  code=0
  timeout 300 apt-get "${apt_options[@]}" update -qq >"$apt_log" 2>&1 || code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    fail "apt-get update did not finish within 300 s: Debian's package mirror does not answer, so ${need[*]} cannot be installed"
  elif [ "$code" -ne 0 ] || grep -qE '^(W|E): (Failed to fetch|Some index files failed)' "$apt_log"; then
    tail -5 "$apt_log" >&2
    fail "apt-get update could not reach Debian's package mirror (exit $code), so ${need[*]} cannot be installed"
  fi
  code=0
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${need[@]}" \
    >>"$apt_log" 2>&1 || code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    fail "apt-get install ${need[*]} did not finish within 900 s (log: $apt_log)"
  elif [ "$code" -ne 0 ]; then
    tail -5 "$apt_log" >&2
    fail "apt-get install ${need[*]} failed (exit $code): Debian's package mirror unreachable or the packages missing (log: $apt_log)"
  fi
  rm -f "$apt_log"
  say "installed ${need[*]} ($(elapsed))"
fi

# --- A work folder -------------------------------------------------------------------------------------------------
if [ -n "${TOOL_STAGE_DIR:-}" ]; then
  work=$TOOL_STAGE_DIR
  rm -rf "$work/feed" "$work/tools" "$work/il" "$work/out" "$work/hello" "$work/nuget"
  mkdir -p "$work"
  keep=1
else
  work=$(mktemp -d /tmp/pxerules-tool.XXXXXX)
  keep=0
fi
cleanup() { [ "$keep" -eq 1 ] || rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/out"

# --- Pack ----------------------------------------------------------------------------------------------------------
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
[ -n "$rid" ] || fail "dotnet --info names no RID"
say "packing the tool packages for $rid and any with pack-tool.sh"
pack_started=$SECONDS
code=0
timeout -k 15 600 "${lock[@]}" bash src/PxeRules.Cli/pack-tool.sh "$work/feed" >"$work/pack.log" 2>&1 || code=$?
pack_seconds=$((SECONDS - pack_started))
if [ "$code" -ne 0 ]; then
  tail -30 "$work/pack.log" >&2
  [ "$code" -eq 124 ] || [ "$code" -eq 137 ] && fail "pack-tool.sh did not finish within 600 s"
  fail "pack-tool.sh failed (exit $code; log above)"
fi
# The pointer package is PxeRules.Tool.<version>.nupkg: the one whose name goes on with a digit.
pointer=$(cd "$work/feed" && ls PxeRules.Tool.[0-9]*.nupkg 2>/dev/null || true)
[ "$(printf '%s\n' "$pointer" | grep -c .)" -eq 1 ] ||
  fail "expected one pointer package PxeRules.Tool.<version>.nupkg in the feed; seen: $(ls "$work/feed" | tr '\n' ' ')"
version=${pointer#PxeRules.Tool.}
version=${version%.nupkg}
for id in PxeRules.Tool PxeRules.Tool.any "PxeRules.Tool.$rid"; do
  [ -f "$work/feed/$id.$version.nupkg" ] ||
    fail "expected $id.$version.nupkg from pack-tool.sh; the feed holds: $(ls "$work/feed" | tr '\n' ' ')"
done
say "packed PxeRules.Tool $version in ${pack_seconds} s"

# --- Install -------------------------------------------------------------------------------------------------------
# Only the feed just packed, through a NuGet config of its own, with a packages folder of its own: neither a
# PxeRules.Tool of the same version cached earlier nor one on nuget.org can stand in for it, and nothing outside
# the work folder changes.
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="tool-stage" value="$work/feed" />
  </packageSources>
</configuration>
EOF
code=0
NUGET_PACKAGES="$work/nuget" timeout -k 15 180 dotnet tool install PxeRules.Tool --version "$version" \
  --tool-path "$work/tools" --configfile "$work/nuget.config" --source "$work/feed" >"$work/install.log" 2>&1 || code=$?
if [ "$code" -ne 0 ]; then
  cat "$work/install.log" >&2
  [ "$code" -eq 124 ] || [ "$code" -eq 137 ] && fail "dotnet tool install did not finish within 180 s"
  fail "dotnet tool install PxeRules.Tool $version from the packed feed failed (exit $code; log above)"
fi
tool=$work/tools/pxerules
[ -x "$tool" ] || fail "expected the command $tool after dotnet tool install; seen: $(ls -A "$work/tools" | tr '\n' ' ')"
say "installed PxeRules.Tool $version ($(elapsed))"

# --- The installed command is the native executable ----------------------------------------------------------------
failures=0
mismatch() {
  printf 'tool-stage: FAILED: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '    %s\n' "$line" >&2; done
  failures=$((failures + 1))
}
# The portable package installs an apphost shim, an ELF file too: what tells them apart is that the native
# package brings no .dll and that the command is its executable.
target=$(readlink -f "$tool")
magic=$(head -c 4 "$target" | od -An -c | tr -d ' ')
[ "$magic" = '177ELF' ] ||
  mismatch "the installed pxerules is not a native executable" "expected: an ELF file (PxeRules.Tool.$rid)" \
    "seen: $target beginning with '$magic'"
dlls=$(find "$work/tools" -name '*.dll' | sed "s|^$work/tools/||" | sort)
[ -z "$dlls" ] ||
  mismatch "the install holds .NET assemblies, so the portable package was installed instead of the native one" \
    "expected: no .dll under the tool path (PxeRules.Tool.$rid has one executable)" \
    "seen: $(grep -c . <<<"$dlls") .dll files, such as $(grep -m1 'PxeRules.Cli.dll$' <<<"$dlls" || head -1 <<<"$dlls")"
case ${target,,} in
  */pxerules.tool.${rid,,}/*) ;;
  *) mismatch "the installed pxerules does not come from PxeRules.Tool.$rid" \
    "expected: a file of the package pxerules.tool.${rid,,} in the tool path's store" "seen: ${target#"$work/tools/"}" ;;
esac
[ "$failures" -eq 0 ] && say "pxerules is the native executable of PxeRules.Tool.$rid ($(du -m "$target" | cut -f1) MB)"

# --- It answers as the portable IL package does --------------------------------------------------------------------
mkdir -p "$work/il"
unzip -q "$work/feed/PxeRules.Tool.any.$version.nupkg" 'tools/*' -d "$work/il" ||
  fail "could not unzip PxeRules.Tool.any.$version.nupkg"
il_dll=$(find "$work/il/tools" -name PxeRules.Cli.dll)
[ "$(printf '%s\n' "$il_dll" | grep -c .)" -eq 1 ] ||
  fail "expected one PxeRules.Cli.dll in PxeRules.Tool.any.$version.nupkg; seen: '$il_dll'"

# same NAME EXPECTED-EXIT ARGUMENT...: runs the native tool and the IL tool with the arguments from the clone's
# root; both must exit with EXPECTED-EXIT and print the same standard output and standard error.
same() {
  local name=$1 expected=$2 side code stream ok=1
  shift 2
  local -A exits
  for side in native il; do
    local run=("$tool")
    [ "$side" = il ] && run=(dotnet "$il_dll")
    code=0
    timeout -k 5 60 "${run[@]}" "$@" >"$work/out/$name.$side.out" 2>"$work/out/$name.$side.err" || code=$?
    exits[$side]=$code
  done
  for side in il native; do
    [ "${exits[$side]}" -ne "$expected" ] || continue
    local who="the native tool" stderr
    [ "$side" = il ] && who="the IL tool itself"
    stderr=$(head -c 400 "$work/out/$name.$side.err")
    mismatch "$name: $who exited ${exits[$side]} (pxerules $*)" "expected: exit $expected (docs/cli.md, \"Exit codes\")" \
      "seen: exit ${exits[$side]}; standard error: ${stderr:-(empty)}"
    ok=0
  done
  for stream in out err; do
    if ! cmp -s "$work/out/$name.il.$stream" "$work/out/$name.native.$stream"; then
      local lines=() label=output
      [ "$stream" = err ] && label=error
      mapfile -t lines < <(diff "$work/out/$name.il.$stream" "$work/out/$name.native.$stream" | head -20)
      mismatch "$name: the native tool's standard $label differs from the IL tool's (pxerules $*)" \
        "expected (<, IL) and seen (>, native), first differences:" "${lines[@]}"
      ok=0
    fi
  done
  [ "$ok" -eq 0 ] || say "$name: exit $expected and the same output as the IL tool (pxerules $*)"
}

healthy=samples/snapshots/healthy-pxe-service-point.json
critical=samples/snapshots/pxe-sp-wds-stopped.json # detects smspxe-provider-broken and wds-service-down (critical)
same version 0 --version
if ! grep -qx "$version\(+.*\)\?" "$work/out/version.native.out"; then
  mismatch "version: pxerules --version does not name the packed version" "expected: $version (or $version+commit)" \
    "seen: $(head -c 200 "$work/out/version.native.out")"
fi
same healthy 0 check --snapshot "$healthy" --fail-on none
same critical 1 check --snapshot "$critical" --fail-on critical
same critical-json 1 check --snapshot "$critical" --fail-on critical --format json
same missing-snapshot 2 check --snapshot samples/snapshots/does-not-exist.json --fail-on none
rows=$(grep -E '^\| (CRITICAL|ERROR|WARNING|INFO) ' "$work/out/critical.native.out" | tr -s ' ' | tr '\n' ';' || true)
for rule in smspxe-provider-broken wds-service-down; do
  grep -q "CRITICAL | $rule " "$work/out/critical.native.out" ||
    mismatch "critical: the native tool does not list $rule on $critical" "expected: a row 'CRITICAL | $rule'" \
      "seen: ${rows:-no row of findings}"
done
checks_done=$(elapsed)

# --- Cold start, as information ------------------------------------------------------------------------------------
runs=${TOOL_STAGE_RUNS:-11}
if [ "$failures" -eq 0 ] && [ "$runs" -gt 0 ]; then
  if timeout -k 15 180 "${lock[@]}" dotnet build -m:1 -c Release benchmarks/HelloWorld -o "$work/hello/out" -v q >"$work/hello.log" 2>&1; then
    hello=(dotnet "$work/hello/out/HelloWorld.dll")
    native=("$tool" check --snapshot "$healthy" --fail-on none)
    # A first run of each, unmeasured, so both read their files from the page cache.
    timeout 30 "${hello[@]}" >/dev/null || true
    timeout 30 "${native[@]}" >/dev/null || true
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    : >"$work/hello.ms"
    : >"$work/native.ms"
    for _ in $(seq "$runs"); do
      start=$(date +%s%N)
      timeout 30 "${hello[@]}" | cat >/dev/null || true
      echo $((($(date +%s%N) - start) / 1000000)) >>"$work/hello.ms"
      start=$(date +%s%N)
      timeout 30 "${native[@]}" | cat >/dev/null || true
      echo $((($(date +%s%N) - start) / 1000000)) >>"$work/native.ms"
    done
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
    h=$(median "$work/hello.ms")
    n=$(median "$work/native.ms")
    say "$(awk -v n="$n" -v h="$h" -v runs="$runs" -v cores="$(nproc)" -v lb="$load_before" -v la="$load_after" 'BEGIN {
      printf "information, not checked: cold `pxerules check` on the healthy sample, installed native tool %d ms, hello-world console %d ms (%.2f×); median of %d interleaved runs, %d cores, load average %s before, %s after", n, h, (h > 0 ? n / h : 0), runs, cores, lb, la }')"
  else
    say "information: the hello-world console did not build, so no cold-start line (log: $work/hello.log)"
  fi
fi

# --- Verdict -------------------------------------------------------------------------------------------------------
if [ "$failures" -ne 0 ]; then
  [ "$keep" -eq 1 ] && say "outputs kept in $work/out"
  fail "$failures check(s) of the installed native tool failed; the stage took $(elapsed) (pack ${pack_seconds} s)"
fi
say "passed: checks done at ${checks_done}, the stage took $(elapsed) (pack ${pack_seconds} s)"
