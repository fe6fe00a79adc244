#!/usr/bin/env bash
# The Wine stage: runs the real WindowsProbeProvider (its Native/ code) under Wine against fixtures that model a
# ConfigMgr 2007 PXE service point, and checks each probe kind's answer (value, not found, unavailable).
# .ci/run calls it after the tests; run it alone with `tests/wine/run.sh`. See docs/wine.md.
#
# Environment:
#   WINE_STAGE_DIR       where the prefix, the natives, the harness and the logs go (default: a new folder under
#                        /tmp, removed at the end; a given folder is kept for a look afterwards)
#   WINE_STAGE_TABLE     a file to copy the per-kind table of results to (Markdown)
#   PXERULES_BUILD_LOCK  a file to flock around `dotnet publish` when other builds share the machine
#
# Every Wine call runs under `timeout`: an unhandled .NET exception under Wine 8 hangs the process instead of
# ending it, and nothing here may hang CI.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
stage_started=$SECONDS

say() { printf 'wine-stage: %s\n' "$*"; }
fail() { printf 'wine-stage: FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { printf '%ds' $((SECONDS - stage_started)); }

# --- Tools from Debian's apt -------------------------------------------------------------------------------------
need=()
command -v wine >/dev/null 2>&1 || need+=(wine)
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
if [ "${#need[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "needs ${need[*]} from apt and is not root; install them: apt-get install ${need[*]}"
  say "installing ${need[*]} from apt"
  apt_options=(-o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 -o Acquire::Retries=2 -o DPkg::Lock::Timeout=120)
  timeout 300 apt-get "${apt_options[@]}" update -qq >/tmp/wine-stage-apt.log 2>&1
  code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    fail "apt-get update did not finish within 300 s: Debian's package mirror does not answer, so wine cannot be installed"
  elif [ "$code" -ne 0 ] || grep -qE '^(W|E): (Failed to fetch|Some index files failed)' /tmp/wine-stage-apt.log; then
    tail -5 /tmp/wine-stage-apt.log >&2
    fail "apt-get update could not reach Debian's package mirror (exit $code), so wine cannot be installed"
  fi
  DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${need[@]}" \
    >>/tmp/wine-stage-apt.log 2>&1
  code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    fail "apt-get install ${need[*]} did not finish within 1200 s (log: /tmp/wine-stage-apt.log)"
  elif [ "$code" -ne 0 ]; then
    tail -5 /tmp/wine-stage-apt.log >&2
    fail "apt-get install ${need[*]} failed (exit $code): Debian's package mirror unreachable or the packages missing (log: /tmp/wine-stage-apt.log)"
  fi
  say "installed ($(elapsed))"
fi

# --- A work folder and a prefix of its own ------------------------------------------------------------------------
if [ -n "${WINE_STAGE_DIR:-}" ]; then
  work=$WINE_STAGE_DIR
  mkdir -p "$work"
  keep=1
else
  work=$(mktemp -d /tmp/pxerules-wine.XXXXXX)
  keep=0
fi
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
  timeout 30 wineserver -k >/dev/null 2>&1
  [ "$keep" -eq 1 ] || rm -rf "$work"
}
trap cleanup EXIT
# Stops this prefix's wineserver (and services.exe with it) within a bounded time.
settle() { timeout 60 wineserver -w >/dev/null 2>&1 || { timeout 30 wineserver -k >/dev/null 2>&1; true; }; }

rm -rf "$WINEPREFIX"
say "creating the prefix in $WINEPREFIX"
if ! timeout 300 wine wineboot -i >"$work/wineboot.log" 2>&1; then
  tail -20 "$work/wineboot.log" >&2
  fail "wineboot -i did not finish within 300 s"
fi
settle
drive=$WINEPREFIX/drive_c
[ -d "$drive/windows/system32" ] || fail "wineboot made no C:\\windows\\system32 in $WINEPREFIX"
say "prefix ready ($(elapsed))"

# --- Natives: the wminet_utils.dll stand-in and PE files with version resources -------------------------------------
natives=$work/natives
mkdir -p "$natives"
cc=(x86_64-w64-mingw32-gcc -O2 -s -Wall -Wextra -Werror)
"${cc[@]}" -shared -o "$natives/wminet_utils.dll" tests/wine/wminet_utils/wminet_utils.c tests/wine/wminet_utils/wminet_utils.def \
  -lole32 -loleaut32 -luuid -lwbemuuid || fail "the wminet_utils.dll stand-in does not build"
versioned_dll() { # NAME DESCRIPTION COMMA-VERSION TEXT-VERSION
  x86_64-w64-mingw32-windres "-DFV=$3" "-DFVS=\\\"$4\\\"" "-DNAME=\\\"$1\\\"" "-DDESCRIPTION=\\\"$2\\\"" \
    tests/wine/fixtures/versioned-dll.rc -O coff -o "$natives/$1.res" &&
    "${cc[@]}" -shared -o "$natives/$1" tests/wine/fixtures/versioned-dll.c "$natives/$1.res"
}
versioned_dll wimgapi.dll "Windows Imaging Library" 6,0,6001,18000 "6.0.6001.18000 (longhorn_rtm.080118-1840)" || fail "wimgapi.dll does not build"
versioned_dll smspxe.dll "ConfigMgr PXE Provider" 4,0,6487,2000 "4.00.6487.2000" || fail "smspxe.dll does not build"
say "natives built ($(elapsed))"

# --- The harness, published for Windows with its own runtime (the runtime pack comes from NuGet) -------------------
harness=$work/harness
lock=()
[ -n "${PXERULES_BUILD_LOCK:-}" ] && lock=(flock "$PXERULES_BUILD_LOCK")
if ! timeout 1200 "${lock[@]}" dotnet publish tests/wine/PxeRules.WineHarness -c Release -r win-x64 --self-contained \
    -o "$harness" -v q -nologo >"$work/publish.log" 2>&1; then
  tail -30 "$work/publish.log" >&2
  fail "the harness does not publish for win-x64 (log: $work/publish.log)"
fi
say "harness published ($(elapsed))"

# --- Fixtures: a PXE service point -------------------------------------------------------------------------------
# Registry: real .reg exports are UTF-16 with a byte order mark, and Wine's regedit reads hex(2)/hex(7) data as
# UTF-16 only in such a file.
import_reg() {
  { printf '\xff\xfe'; iconv -f utf-8 -t utf-16le "$1"; } >"$work/import.reg"
  timeout 120 wine regedit /S "$(winepath_of "$work/import.reg")" || fail "regedit could not import $1"
}
winepath_of() { printf 'Z:%s' "${1//\//\\}"; }
import_reg tests/wine/fixtures/pxe-service-point.reg
# System.Management loads wminet_utils.dll from the .NET Framework folder that this value names.
framework='C:\windows\Microsoft.NET\Framework64\'
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework]\n"InstallRoot"="%s"\n' \
  "${framework//\\/\\\\}" >"$work/framework.reg"
import_reg "$work/framework.reg"
mkdir -p "$drive/windows/Microsoft.NET/Framework64/v4.0.30319"
cp "$natives/wminet_utils.dll" "$drive/windows/Microsoft.NET/Framework64/v4.0.30319/"

cp "$natives/wimgapi.dll" "$drive/windows/system32/wimgapi.dll"
ccm="$drive/Program Files (x86)/SMS_CCM"
mkdir -p "$ccm/Logs" "$drive/RemoteInstall/SMSBoot/x86" "$drive/RemoteInstall/SMSBoot/x64" \
  "$drive/windows/temp/PXEBootfiles/Windows/Boot/PXE"
cp "$natives/smspxe.dll" "$ccm/smspxe.dll"
cp tests/wine/fixtures/SMSPXE.log "$ccm/Logs/SMSPXE.log"
cp tests/wine/fixtures/SMSPXE.lo_ "$ccm/Logs/SMSPXE.lo_"
printf 'wdsnbp' >"$drive/RemoteInstall/SMSBoot/x86/wdsnbp.com"
printf 'pxeboot' >"$drive/RemoteInstall/SMSBoot/x86/pxeboot.com"
printf 'pxeboot64' >"$drive/RemoteInstall/SMSBoot/x64/pxeboot.com"
printf 'bootmgr' >"$drive/windows/temp/PXEBootfiles/Windows/Boot/PXE/bootmgr.exe"
# services.exe reads the service keys when it starts: stop it so the harness's run starts it anew.
settle
say "fixtures written ($(elapsed))"

# --- Run -----------------------------------------------------------------------------------------------------------
timeout -k 15 600 wine "$harness/PxeRules.WineHarness.exe" --table "$(winepath_of "$work/results.md")" 2>&1 | tee "$work/harness.log"
status=${PIPESTATUS[0]}
settle
if [ -f "$work/results.md" ] && [ -n "${WINE_STAGE_TABLE:-}" ]; then cp "$work/results.md" "$WINE_STAGE_TABLE"; fi
case $status in
  0) say "passed in $(elapsed)" ;;
  124|137) fail "the harness did not finish within 600 s under Wine (after $(elapsed))" ;;
  *) fail "the harness reported mismatches or failed (exit $status, after $(elapsed))" ;;
esac
