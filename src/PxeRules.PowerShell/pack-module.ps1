<#
.SYNOPSIS
    Makes the PxeRules module's package for a PowerShell repository: PxeRules.<version>.nupkg, with PxeRules.psd1 at
    its root.
.DESCRIPTION
    Publishes the module folder (the build output of src/PxeRules.PowerShell: the manifest, the format file, help
    and every assembly) to a repository that is a local folder, with Publish-PSResource (PowerShell 7.4 or later).
    Copy the package to any NuGet-v2/v3 PowerShell repository, or install from the folder:
        Register-PSResourceRepository -Name pxerules -Uri <Output> -Trusted
        Install-PSResource PxeRules -Repository pxerules
.EXAMPLE
    dotnet build src/PxeRules.PowerShell -c Release
    pwsh src/PxeRules.PowerShell/pack-module.ps1 -ModuleFolder src/PxeRules.PowerShell/bin/Release/netstandard2.0 -Output artifacts/psgallery
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $ModuleFolder,
    [Parameter(Mandatory = $true)] [string] $Output
)

$ErrorActionPreference = 'Stop'
$staging = Join-Path ([IO.Path]::GetTempPath()) ("pxerules-module-" + [Guid]::NewGuid().ToString('n'))
$module = Join-Path $staging 'PxeRules'
$repository = 'pxerules-pack-' + [Guid]::NewGuid().ToString('n')
try {
    New-Item -ItemType Directory -Path $module -Force | Out-Null
    New-Item -ItemType Directory -Path $Output -Force | Out-Null
    # The module folder as installed: no symbols, no XML docs of the assemblies, no deps.json.
    Get-ChildItem -Path $ModuleFolder -File | Where-Object { $_.Extension -notin '.pdb', '.json' -and $_.Name -notlike '*.xml' } |
        Copy-Item -Destination $module
    Copy-Item -Path (Join-Path $ModuleFolder 'en-US') -Destination $module -Recurse
    Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $Output).Path -Trusted
    Publish-PSResource -Path $module -Repository $repository -SkipDependenciesCheck
    Get-ChildItem -Path $Output -Filter 'PxeRules.*.nupkg'
}
finally {
    Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
    Remove-Item -Path $staging -Recurse -Force -ErrorAction SilentlyContinue
}
