@{
    RootModule           = 'PxeRules.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6c7f3a52-5a0e-4a43-9d2b-1f0e8e7b5d21'
    Author               = 'PxeRules contributors'
    CompanyName          = 'PxeRules contributors'
    Copyright            = 'Copyright (c) PxeRules contributors'
    Description          = 'Finds the known, documented ways PXE-initiated OS deployment breaks in ConfigMgr 2007 (rules are YAML data) on snapshots, collect-pxe.cmd bundles, folders of logs or live servers, and says why and what to do.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('PxeRules.format.ps1xml')
    CmdletsToExport      = @('Invoke-PxeRules', 'Get-PxeRule', 'Test-PxeRule', 'Export-PxeSnapshot')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('configmgr', 'sccm', 'pxe', 'wds', 'osd', 'troubleshooting', 'rules')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
