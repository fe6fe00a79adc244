<#
.SYNOPSIS
    Evaluates the PxeRules knowledge base on a snapshot from Windows PowerShell 5.1.

.DESCRIPTION
    Loads the netstandard2.0 build of PxeRules and its dependencies, reads a snapshot collected with
    'pxerules collect', evaluates the bundled rules and writes one object per finding to the pipeline.

    Get the assemblies once, for example with the NuGet CLI:
        nuget install PxeRules -Version 0.1.0 -OutputDirectory .\packages
    and point -PackageRoot at that folder.

.EXAMPLE
    .\Check-PxeSnapshot.ps1 -Snapshot .\pxe02.json -PackageRoot .\packages | Format-Table Severity, Rule, Machine, Explanation
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $Snapshot,
    [Parameter(Mandatory = $true)] [string] $PackageRoot
)

$ErrorActionPreference = 'Stop'

# Every assembly the netstandard2.0 build needs on .NET Framework 4.7.2+.
$assemblies = @(
    'PxeRules.*\lib\netstandard2.0\PxeRules.dll',
    'YamlDotNet.*\lib\netstandard2.0\YamlDotNet.dll',
    'Microsoft.Extensions.FileSystemGlobbing.*\lib\netstandard2.0\Microsoft.Extensions.FileSystemGlobbing.dll',
    'Microsoft.Bcl.TimeProvider.*\lib\netstandard2.0\Microsoft.Bcl.TimeProvider.dll',
    'Microsoft.Bcl.AsyncInterfaces.*\lib\netstandard2.0\Microsoft.Bcl.AsyncInterfaces.dll',
    'System.Threading.Tasks.Extensions.*\lib\netstandard2.0\System.Threading.Tasks.Extensions.dll',
    'System.Runtime.CompilerServices.Unsafe.*\lib\netstandard2.0\System.Runtime.CompilerServices.Unsafe.dll'
)
foreach ($pattern in $assemblies) {
    $path = Get-ChildItem -Path (Join-Path $PackageRoot $pattern) -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($path) { Add-Type -Path $path.FullName }
}

$read = [PxeRules.Snapshots.SnapshotFile]::Read((Resolve-Path $Snapshot).Path, $null, $null)
if (-not $read.Success) {
    $read.Diagnostics | ForEach-Object { Write-Error $_.ToString() }
    return
}

$knowledgeBase = [PxeRules.Model.KnowledgeBase]::LoadBundled()
$engine = [PxeRules.Evaluation.RuleEngine]::CreateBuilder().AddRules($knowledgeBase).Build()

# Evaluate(FactTable) is synchronous: nothing to await from PowerShell.
$report = $engine.Evaluate($read.Facts)

foreach ($finding in $report.Findings) {
    [pscustomobject]@{
        Severity    = $finding.Severity.ToString()
        Rule        = $finding.Rule.Id
        Machine     = $finding.Machine.Name
        Explanation = $finding.Explanation
        Remediation = ($finding.Remediation | ForEach-Object { $_.ToString() }) -join [Environment]::NewLine
    }
}
