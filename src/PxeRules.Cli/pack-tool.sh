#!/usr/bin/env bash
# Packs pxerules as platform-specific tool packages (.NET 10): PxeRules.Tool (the pointer `dotnet tool install`
# resolves), PxeRules.Tool.<rid> (one native executable, Native AOT, for this machine's platform) and
# PxeRules.Tool.any (portable IL for every other platform). Publish all three to the same feed; installing on this
# platform then gets the native executable, which starts about ten times sooner (docs/performance.md).
# Native AOT compiles only for the platform it runs on: run this on each platform to add its package (extend
# ToolPackageRuntimeIdentifiers in PxeRules.Cli.csproj with that platform's RID).
# Needs clang (Linux) or the platform's linker. Usage: src/PxeRules.Cli/pack-tool.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-artifacts/tool}
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
common=(-c Release -o "$out" -p:NativeTool=true -p:IncludeSymbols=false)
dotnet pack src/PxeRules.Cli "${common[@]}"
dotnet pack src/PxeRules.Cli "${common[@]}" -r any
dotnet pack src/PxeRules.Cli "${common[@]}" -r "$rid"
ls "$out"
