@echo off
rem ==========================================================================
rem  collect-pxe.cmd - PxeRules evidence collector for ConfigMgr 2007 PXE
rem  service points, distribution points and site servers.
rem
rem  Usage:   collect-pxe.cmd [output-folder]
rem  Runs on: Windows Server 2003 SP2 (x86, x64), 2008, 2008 R2, as an
rem           administrator. Uses in-box tools only. Reads, never changes:
rem           the only things written are the bundle folder and its files.
rem  Output:  <output-folder>\pxerules-bundle-<COMPUTERNAME>-<yyyymmdd>-<hhmmss>\
rem           (output-folder defaults to the current folder).
rem  Format:  docs/bundle-format.md
rem  Exit:    0, unless the bundle folder cannot be created (1).
rem ==========================================================================
setlocal EnableExtensions DisableDelayedExpansion

rem --- A 32-bit cmd.exe on 64-bit Windows sees the 32-bit registry and
rem --- System32 (WOW64 redirection). Re-run under the native cmd.exe when
rem --- %SystemRoot%\Sysnative exists (2008, 2008 R2; 2003 x64 only with
rem --- KB942589). Plain GOTOs, no ( ) blocks: the script path may hold ")".
if not defined PROCESSOR_ARCHITEW6432 goto :native
if defined PXR_RELAUNCHED goto :native
if not exist "%SystemRoot%\Sysnative\cmd.exe" goto :native
set "PXR_RELAUNCHED=1"
"%SystemRoot%\Sysnative\cmd.exe" /d /c ""%~f0" %*"
exit /b %ERRORLEVEL%
:native

set "PXR_VERSION=1.0"
set "PXR_WOW64=no"
if defined PROCESSOR_ARCHITEW6432 set "PXR_WOW64=yes"
set "PXR_X64="
if /i not "%PROCESSOR_ARCHITECTURE%"=="x86" set "PXR_X64=1"
if defined PROCESSOR_ARCHITEW6432 set "PXR_X64=1"
rem %ProgramFiles(x86)% is read once, outside any ( ) block: its value
rem holds ")" and would end a block early.
set "PXR_PF86=%ProgramFiles(x86)%"

rem --- Output folder -------------------------------------------------------
set "PXR_ROOT=%~1"
if not defined PXR_ROOT set "PXR_ROOT=%CD%"
if "%PXR_ROOT:~-1%"=="\" set "PXR_ROOT=%PXR_ROOT:~0,-1%"

rem --- Time stamp: WMI LocalDateTime is the same on every locale; %DATE% is
rem --- not. The first wmic call also lets a first-run "installing WMIC"
rem --- message pass before any captured wmic command.
set "PXR_LDT="
for /f "tokens=2 delims==" %%a in ('wmic os get LocalDateTime /value 2^>nul ^<nul ^| find "="') do for /f "delims=" %%b in ("%%a") do set "PXR_LDT=%%b"
if not defined PXR_LDT goto :stamp_fallback
set "PXR_STAMP=%PXR_LDT:~0,8%-%PXR_LDT:~8,6%"
goto :stamp_done
:stamp_fallback
set "PXR_STAMP=%DATE%-%TIME%"
set "PXR_STAMP=%PXR_STAMP:/=%"
set "PXR_STAMP=%PXR_STAMP::=%"
set "PXR_STAMP=%PXR_STAMP:.=%"
set "PXR_STAMP=%PXR_STAMP:,=%"
set "PXR_STAMP=%PXR_STAMP: =%"
:stamp_done

set "PXR_BUNDLE=%PXR_ROOT%\pxerules-bundle-%COMPUTERNAME%-%PXR_STAMP%"
set "PXR_MANIFEST=%PXR_BUNDLE%\manifest.txt"
if not exist "%PXR_BUNDLE%\" mkdir "%PXR_BUNDLE%" >nul 2>&1
if not exist "%PXR_BUNDLE%\" goto :cannot_create
mkdir "%PXR_BUNDLE%\stderr" >nul 2>&1
mkdir "%PXR_BUNDLE%\logs" >nul 2>&1
type nul >"%PXR_BUNDLE%\logs\origins.txt"
echo Collecting into "%PXR_BUNDLE%"

rem --- Facts about the run ------------------------------------------------
set "PXR_VER="
for /f "delims=" %%v in ('ver') do set "PXR_VER=%%v"
set "PXR_CP="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "PXR_CP=%%c"
if defined PXR_CP set "PXR_CP=%PXR_CP: =%"
net session >nul 2>&1
set "PXR_ADMINRC=%ERRORLEVEL%"

>"%PXR_MANIFEST%" echo(# PxeRules bundle manifest. Format: docs/bundle-format.md
>>"%PXR_MANIFEST%" echo(format=pxerules-bundle/1
>>"%PXR_MANIFEST%" echo(collector=collect-pxe.cmd %PXR_VERSION%
>>"%PXR_MANIFEST%" echo(computer=%COMPUTERNAME%
>>"%PXR_MANIFEST%" echo(started=%PXR_LDT%
>>"%PXR_MANIFEST%" echo(ver=%PXR_VER%
>>"%PXR_MANIFEST%" echo(PROCESSOR_ARCHITECTURE=%PROCESSOR_ARCHITECTURE%
>>"%PXR_MANIFEST%" echo(PROCESSOR_ARCHITEW6432=%PROCESSOR_ARCHITEW6432%
>>"%PXR_MANIFEST%" echo(wow64_host=%PXR_WOW64%
>>"%PXR_MANIFEST%" echo(oem_codepage=%PXR_CP%
>>"%PXR_MANIFEST%" echo(admin_check=net session exit %PXR_ADMINRC%
>>"%PXR_MANIFEST%" echo(SystemRoot=%SystemRoot%
>>"%PXR_MANIFEST%" echo(ProgramFiles=%ProgramFiles%
>>"%PXR_MANIFEST%" echo(ProgramFiles(x86)=%PXR_PF86%
>>"%PXR_MANIFEST%" echo(TEMP=%TEMP%
>>"%PXR_MANIFEST%" echo(output=%PXR_BUNDLE%

rem --- wmic /format:csv: on some non-English 2008 / 2008 R2 installations
rem --- the short name "csv" is not found; :wmic then retries with the full
rem --- path of the en-US style sheet when it exists.
set "PXR_CSVXSL="
if exist "%SystemRoot%\System32\wbem\en-US\csv.xsl" set "PXR_CSVXSL=%SystemRoot%\System32\wbem\en-US\csv.xsl"

rem ==========================================================================
rem  Operating system
rem ==========================================================================
set "PXR_CMD=ver"
call :run "ver.txt" OEM
set "PXR_CMD=systeminfo /fo csv"
call :run "systeminfo.csv" OEM systeminfo.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion""
call :run "reg-windows-nt-currentversion.txt" OEM reg.exe
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Control\Nls\CodePage" /v OEMCP"
call :run "reg-nls-oemcp.txt" OEM reg.exe
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Control\Nls\CodePage" /v ACP"
call :run "reg-nls-acp.txt" OEM reg.exe
set "PXR_WQ=os get BuildNumber,Caption,CSDVersion,CurrentTimeZone,LocalDateTime,ProductType,Version"
call :wmic "wmic-os.csv"
set "PXR_CMD=wmic os get BuildNumber,Caption,CSDVersion,CurrentTimeZone,LocalDateTime,ProductType,Version /value"
call :run "wmic-os-value.txt" UTF-16LE wmic.exe
set "PXR_WQ=computersystem get Domain,DomainRole,Name,SystemType"
call :wmic "wmic-computersystem.csv"
set "PXR_WQ=qfe get HotFixID,InstalledOn"
call :wmic "wmic-qfe.csv"
set "PXR_CMD=set"
call :run "env-set.txt" OEM
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment""
call :run "reg-session-manager-environment.txt" OEM reg.exe

rem ==========================================================================
rem  Registry
rem ==========================================================================
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Services\WDSServer" /s"
call :run "reg-wdsserver.txt" OEM reg.exe
set "PXR_CMD=reg export "HKLM\SYSTEM\CurrentControlSet\Services\WDSServer" "%PXR_BUNDLE%\reg-wdsserver.reg""
call :runself "reg-wdsserver.reg" UTF-16LE reg.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Microsoft\SMS" /s"
call :run "reg-sms.txt" OEM reg.exe
set "PXR_CMD=reg export "HKLM\SOFTWARE\Microsoft\SMS" "%PXR_BUNDLE%\reg-sms.reg""
call :runself "reg-sms.reg" UTF-16LE reg.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Microsoft\CCM\Logging" /s"
call :run "reg-ccm-logging.txt" OEM reg.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall" /s"
call :run "reg-uninstall.txt" OEM reg.exe
if not defined PXR_X64 goto :reg_wow_done
set "PXR_CMD=reg query "HKLM\SOFTWARE\Wow6432Node\Microsoft\SMS" /s"
call :run "reg-sms-wow64.txt" OEM reg.exe
set "PXR_CMD=reg export "HKLM\SOFTWARE\Wow6432Node\Microsoft\SMS" "%PXR_BUNDLE%\reg-sms-wow64.reg""
call :runself "reg-sms-wow64.reg" UTF-16LE reg.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Wow6432Node\Microsoft\CCM\Logging" /s"
call :run "reg-ccm-logging-wow64.txt" OEM reg.exe
set "PXR_CMD=reg query "HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall" /s"
call :run "reg-uninstall-wow64.txt" OEM reg.exe
:reg_wow_done
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Services\DHCPServer\Parameters" /s"
call :run "reg-dhcpserver-parameters.txt" OEM reg.exe
set "PXR_CMD=reg query "HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Shares""
call :run "reg-lanmanserver-shares.txt" OEM reg.exe

rem ==========================================================================
rem  Services
rem ==========================================================================
call :service WDSServer wdsserver
call :service DHCPServer dhcpserver
call :service DNS dns
call :service SMS_EXECUTIVE sms_executive
call :service SMS_SITE_COMPONENT_MANAGER sms_site_component_manager
call :service CcmExec ccmexec
rem Services WDSServer depends on, read from its sc qc output.
set "PXR_INDEP=0"
if exist "%PXR_BUNDLE%\sc-qc-wdsserver.txt" for /f "usebackq tokens=1,* delims=:" %%a in ("%PXR_BUNDLE%\sc-qc-wdsserver.txt") do call :depline "%%a" "%%b"
set "PXR_CMD=sc queryex type= service state= all bufsize= 65536"
call :run "sc-queryex-all.txt" OEM sc.exe

rem ==========================================================================
rem  Shares
rem ==========================================================================
set "PXR_CMD=net share"
call :run "net-share.txt" OEM net.exe
set "PXR_CMD=net share REMINST"
call :run "net-share-reminst.txt" OEM net.exe
set "PXR_CMD=net share SMSPXEIMAGES$"
call :run "net-share-smspxeimages.txt" OEM net.exe
set "PXR_WQ=share get Description,Name,Path"
call :wmic "wmic-share.csv"

rem ==========================================================================
rem  WDS configuration as WDS reports it (WDS tools are installed with WDS)
rem ==========================================================================
set "PXR_CMD=wdsutil /get-server /show:config"
call :run "wdsutil-get-server-config.txt" OEM wdsutil.exe

rem ==========================================================================
rem  Folders: PXEBootfiles, RemoteInstall, SMSPXEIMAGES$
rem ==========================================================================
call :folder "%SystemRoot%\Temp\PXEBootfiles" pxebootfiles
set "PXR_CMD=dir /a /q "%SystemRoot%\Temp\PXEBootfiles*""
call :run "dir-pxebootfiles-entry.txt" OEM
if /i "%TEMP%"=="%SystemRoot%\Temp" goto :usertemp_done
call :folder "%TEMP%\PXEBootfiles" pxebootfiles-usertemp
:usertemp_done

set "PXR_REMINST="
call :regval "HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSTFTP" RootFolder PXR_REMINST
if not defined PXR_REMINST call :sharepath REMINST PXR_REMINST
>>"%PXR_MANIFEST%" echo(
>>"%PXR_MANIFEST%" echo([value]
>>"%PXR_MANIFEST%" echo(name=remoteinstall_folder
>>"%PXR_MANIFEST%" echo(value=%PXR_REMINST%
>>"%PXR_MANIFEST%" echo(source=WDSTFTP RootFolder, else the path of the REMINST share
if not defined PXR_REMINST goto :reminst_done
call :folder "%PXR_REMINST%" remoteinstall
set "PXR_CMD=dir /a /q /s "%PXR_REMINST%\SMSBoot""
call :run "dir-remoteinstall-smsboot.txt" OEM
set "PXR_CMD=dir /a /q /s "%PXR_REMINST%\SMSImages""
call :run "dir-remoteinstall-smsimages.txt" OEM
:reminst_done

set "PXR_PXEIMG="
call :sharepath SMSPXEIMAGES$ PXR_PXEIMG
>>"%PXR_MANIFEST%" echo(
>>"%PXR_MANIFEST%" echo([value]
>>"%PXR_MANIFEST%" echo(name=smspxeimages_folder
>>"%PXR_MANIFEST%" echo(value=%PXR_PXEIMG%
>>"%PXR_MANIFEST%" echo(source=Path of the SMSPXEIMAGES$ share (Win32_Share)
if not defined PXR_PXEIMG goto :pxeimg_done
call :folder "%PXR_PXEIMG%" smspxeimages
set "PXR_CMD=dir /a /q /s "%PXR_PXEIMG%""
call :run "dir-smspxeimages-recursive.txt" OEM
:pxeimg_done

rem ==========================================================================
rem  File versions: wimgapi.dll (both system folders), smspxe.dll
rem ==========================================================================
call :wmicfile "%SystemRoot%\System32\wimgapi.dll" "wmic-file-wimgapi-system32.csv"
if exist "%SystemRoot%\SysWOW64\" call :wmicfile "%SystemRoot%\SysWOW64\wimgapi.dll" "wmic-file-wimgapi-syswow64.csv"
set "PXR_SMSPXEDLL="
call :regval "HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE\Providers\SMSPXE" ProviderDLL PXR_SMSPXEDLL
>>"%PXR_MANIFEST%" echo(
>>"%PXR_MANIFEST%" echo([value]
>>"%PXR_MANIFEST%" echo(name=smspxe_provider_dll
>>"%PXR_MANIFEST%" echo(value=%PXR_SMSPXEDLL%
>>"%PXR_MANIFEST%" echo(source=WDSPXE\Providers\SMSPXE ProviderDLL
if defined PXR_SMSPXEDLL call :wmicfile "%PXR_SMSPXEDLL%" "wmic-file-smspxe.csv"

rem ==========================================================================
rem  Event logs: wevtutil (2008, 2008 R2), else eventquery.vbs (2003)
rem ==========================================================================
call :have wevtutil.exe
if "%PXR_HAVE%"=="1" goto :evt_wevtutil
if exist "%SystemRoot%\system32\eventquery.vbs" goto :evt_eventquery
set "PXR_CMD=wevtutil qe / cscript eventquery.vbs"
set "PXR_ERR="
call :record "evt-*" "not available" "-" "neither wevtutil.exe nor %SystemRoot%\system32\eventquery.vbs exists"
goto :evt_done

:evt_wevtutil
set "PXR_CMD=wevtutil qe Application /q:"*[System[Provider[@Name='WDSServer' or @Name='WDSPXE' or @Name='WDSTFTP' or @Name='WDSIMGSRV' or @Name='BINLSVC' or @Name='WDSMC']]]" /c:500 /rd:true /f:RenderedXml /uni:true"
set "PXR_CMD2=wevtutil qe Application /q:"*[System[Provider[@Name='WDSServer' or @Name='WDSPXE' or @Name='WDSTFTP' or @Name='WDSIMGSRV' or @Name='BINLSVC' or @Name='WDSMC']]]" /c:500 /rd:true /f:xml"
call :evt "evt-application-wds.xml"
set "PXR_CMD=wevtutil qe System /q:"*[System[Provider[@Name='Service Control Manager'] and (EventID=7000 or EventID=7001 or EventID=7009 or EventID=7011 or EventID=7022 or EventID=7023 or EventID=7024 or EventID=7031 or EventID=7032 or EventID=7034)]]" /c:500 /rd:true /f:RenderedXml /uni:true"
set "PXR_CMD2=wevtutil qe System /q:"*[System[Provider[@Name='Service Control Manager'] and (EventID=7000 or EventID=7001 or EventID=7009 or EventID=7011 or EventID=7022 or EventID=7023 or EventID=7024 or EventID=7031 or EventID=7032 or EventID=7034)]]" /c:500 /rd:true /f:xml"
call :evt "evt-system-scm.xml"
set "PXR_CMD=wevtutil qe Microsoft-Windows-Deployment-Services-Diagnostics/Admin /c:500 /rd:true /f:RenderedXml /uni:true"
set "PXR_CMD2=wevtutil qe Microsoft-Windows-Deployment-Services-Diagnostics/Admin /c:500 /rd:true /f:xml"
call :evt "evt-wds-diagnostics-admin.xml"
goto :evt_done

:evt_eventquery
for %%S in (WDSServer WDSPXE WDSTFTP WDSIMGSRV BINLSVC) do call :eq_source %%S
for %%I in (7000 7001 7023 7024 7031 7034) do call :eq_scm %%I
:evt_done

rem ==========================================================================
rem  ConfigMgr logs (copied, never moved)
rem ==========================================================================
set "PXR_LOGN=0"
set "PXR_CCMLOG="
call :regval "HKLM\SOFTWARE\Microsoft\CCM\Logging\@Global" LogDirectory PXR_CCMLOG
if defined PXR_CCMLOG call :logs_from "%PXR_CCMLOG%" ccm-logdirectory
set "PXR_CCMLOG32="
if defined PXR_X64 call :regval "HKLM\SOFTWARE\Wow6432Node\Microsoft\CCM\Logging\@Global" LogDirectory PXR_CCMLOG32
if defined PXR_CCMLOG32 call :logs_from "%PXR_CCMLOG32%" ccm-logdirectory-wow64
call :logs_from "%ProgramFiles%\SMS_CCM\Logs" programfiles-sms_ccm
if defined PXR_PF86 call :logs_from "%PXR_PF86%\SMS_CCM\Logs" programfilesx86-sms_ccm
call :logs_from "%SystemRoot%\System32\CCM\Logs" system32-ccm
if exist "%SystemRoot%\SysWOW64\" call :logs_from "%SystemRoot%\SysWOW64\CCM\Logs" syswow64-ccm
set "PXR_SMSDIR="
call :regval "HKLM\SOFTWARE\Microsoft\SMS\Identification" "Installation Directory" PXR_SMSDIR
if defined PXR_SMSDIR call :logs_from "%PXR_SMSDIR%\Logs" sms-installdir
set "PXR_SMSDIR32="
if defined PXR_X64 call :regval "HKLM\SOFTWARE\Wow6432Node\Microsoft\SMS\Identification" "Installation Directory" PXR_SMSDIR32
if defined PXR_SMSDIR32 call :logs_from "%PXR_SMSDIR32%\Logs" sms-installdir-wow64

rem ==========================================================================
set "PXR_END="
for /f "tokens=2 delims==" %%a in ('wmic os get LocalDateTime /value 2^>nul ^<nul ^| find "="') do for /f "delims=" %%b in ("%%a") do set "PXR_END=%%b"
>>"%PXR_MANIFEST%" echo(
>>"%PXR_MANIFEST%" echo([end]
>>"%PXR_MANIFEST%" echo(finished=%PXR_END%
echo Done: "%PXR_BUNDLE%"
endlocal
exit /b 0

:cannot_create
echo collect-pxe: cannot create "%PXR_BUNDLE%" 1>&2
endlocal
exit /b 1


rem ==========================================================================
rem  Subroutines. Each reads its command from PXR_CMD so that the manifest
rem  records exactly the command line that ran.
rem ==========================================================================

:run
rem %1 output file (relative to the bundle), %2 encoding, %3 tool to check.
rem Standard output goes to the file, standard error to stderr\<name>.err.
set "PXR_OUT=%~1"
set "PXR_ERR=%~1"
set "PXR_ERR=stderr\%PXR_ERR:\=_%.err"
if "%~3"=="" goto :run_go
call :have "%~3"
if "%PXR_HAVE%"=="0" goto :run_missing
:run_go
%PXR_CMD% >"%PXR_BUNDLE%\%PXR_OUT%" 2>"%PXR_BUNDLE%\%PXR_ERR%" <nul
set "PXR_RC=%ERRORLEVEL%"
call :dropempty "%PXR_BUNDLE%\%PXR_ERR%"
call :record "%PXR_OUT%" "%PXR_RC%" "%~2" ""
goto :eof
:run_missing
set "PXR_RC=not available"
call :record "%PXR_OUT%" "not available" "%~2" "%~3 not found"
goto :eof

:runself
rem Like :run, for a command that writes its own output file (reg export,
rem icacls /save, copy). Its standard output is discarded.
set "PXR_OUT=%~1"
set "PXR_ERR=%~1"
set "PXR_ERR=stderr\%PXR_ERR:\=_%.err"
if "%~3"=="" goto :runself_go
call :have "%~3"
if "%PXR_HAVE%"=="0" goto :run_missing
:runself_go
%PXR_CMD% >nul 2>"%PXR_BUNDLE%\%PXR_ERR%" <nul
set "PXR_RC=%ERRORLEVEL%"
call :dropempty "%PXR_BUNDLE%\%PXR_ERR%"
call :record "%PXR_OUT%" "%PXR_RC%" "%~2" "%~4"
goto :eof

:record
rem %1 file, %2 exit code, %3 encoding, %4 note
>>"%PXR_MANIFEST%" echo(
>>"%PXR_MANIFEST%" echo([file]
>>"%PXR_MANIFEST%" echo(path=%~1
>>"%PXR_MANIFEST%" echo(command=%PXR_CMD%
>>"%PXR_MANIFEST%" echo(exit=%~2
>>"%PXR_MANIFEST%" echo(encoding=%~3
if not "%~4"=="" >>"%PXR_MANIFEST%" echo(note=%~4
if defined PXR_ERR if exist "%PXR_BUNDLE%\%PXR_ERR%" >>"%PXR_MANIFEST%" echo(stderr=%PXR_ERR%
goto :eof

:have
rem Sets PXR_HAVE=1 when %1 is an existing path or a program on the PATH.
set "PXR_HAVE=0"
if exist "%~1" set "PXR_HAVE=1"
if "%PXR_HAVE%"=="1" goto :eof
for %%X in ("%~1") do if not "%%~$PATH:X"=="" set "PXR_HAVE=1"
goto :eof

:dropempty
if not exist "%~1" goto :eof
if %~z1 EQU 0 del "%~1" >nul 2>&1
goto :eof

:wmic
rem wmic %PXR_WQ% /format:csv into %1 (UTF-16LE). Retried once with the
rem full path of the en-US csv.xsl when the first run fails or is empty.
set "PXR_CMD=wmic %PXR_WQ% /format:csv"
call :run "%~1" UTF-16LE wmic.exe
if not defined PXR_CSVXSL goto :eof
if "%PXR_RC%"=="0" if exist "%PXR_BUNDLE%\%~1" for %%Z in ("%PXR_BUNDLE%\%~1") do if %%~zZ GTR 0 goto :eof
set "PXR_CMD=wmic %PXR_WQ% /format:"%PXR_CSVXSL%""
call :run "%~1" UTF-16LE wmic.exe
>>"%PXR_MANIFEST%" echo(note=retry of "wmic %PXR_WQ% /format:csv", which failed or wrote nothing
goto :eof

:wmicfile
rem Version of the file %1 through CIM_DataFile; the WQL path needs every
rem backslash doubled.
set "PXR_WP=%~1"
set "PXR_WP=%PXR_WP:\=\\%"
set "PXR_WQ=datafile where name="%PXR_WP%" get FileSize,LastModified,Name,Version"
call :wmic "%~2"
goto :eof

:service
rem :service NAME TAG - sc queryex and sc qc of one service.
set "PXR_CMD=sc queryex %~1"
call :run "sc-queryex-%~2.txt" OEM sc.exe
set "PXR_CMD=sc qc %~1"
call :run "sc-qc-%~2.txt" OEM sc.exe
goto :eof

:depline
rem One line of sc qc output split at the first ":". DEPENDENCIES lists one
rem name per line; continuation lines have only blanks before the ":".
set "PXR_K=%~1"
set "PXR_V=%~2"
rem Trim blanks and tabs around the label.
if defined PXR_K for /f "tokens=*" %%k in ("%PXR_K%") do set "PXR_K=%%k"
if defined PXR_K set "PXR_K=%PXR_K: =%"
if /i "%PXR_K%"=="DEPENDENCIES" goto :depline_value
if defined PXR_K set "PXR_INDEP=0"
if defined PXR_K goto :eof
if not "%PXR_INDEP%"=="1" goto :eof
:depline_value
set "PXR_INDEP=1"
set "PXR_DEP="
if defined PXR_V for /f "tokens=1" %%n in ("%PXR_V%") do set "PXR_DEP=%%n"
if not defined PXR_DEP goto :eof
rem A leading "+" names a load-order group, not a service.
if "%PXR_DEP:~0,1%"=="+" goto :eof
if /i "%PXR_DEP%"=="WDSServer" goto :eof
set "PXR_CMD=sc queryex %PXR_DEP%"
call :run "sc-queryex-dep-%PXR_DEP%.txt" OEM sc.exe
set "PXR_CMD=sc qc %PXR_DEP%"
call :run "sc-qc-dep-%PXR_DEP%.txt" OEM sc.exe
goto :eof

:regval
rem :regval KEY NAME OUTVAR - REG_SZ / REG_EXPAND_SZ data of one value.
rem reg query prints the type names (REG_SZ, ...) in English on every
rem locale; the text after the type is the data.
set "%~3="
set "PXR_RVOUT=%~3"
for /f "delims=" %%L in ('reg query "%~1" /v "%~2" 2^>nul ^<nul ^| find "REG_"') do call :regval_line "%%L"
goto :eof
:regval_line
set "PXR_L=%~1"
set "PXR_T=%PXR_L:*REG_EXPAND_SZ=%"
if not "%PXR_T%"=="%PXR_L%" goto :regval_expand
set "PXR_T=%PXR_L:*REG_SZ=%"
if "%PXR_T%"=="%PXR_L%" goto :eof
for /f "tokens=*" %%V in ("%PXR_T%") do set "%PXR_RVOUT%=%%V"
goto :eof
:regval_expand
for /f "tokens=*" %%V in ("%PXR_T%") do call set "%PXR_RVOUT%=%%V"
goto :eof

:sharepath
rem :sharepath NAME OUTVAR - local path of a share, from Win32_Share (the
rem labels of "net share NAME" are translated, the WMI property is not).
set "%~2="
set "PXR_SPOUT=%~2"
for /f "tokens=1,* delims==" %%a in ('wmic share where "name='%~1'" get Path /value 2^>nul ^<nul ^| find "="') do for /f "delims=" %%c in ("%%b") do set "%PXR_SPOUT%=%%c"
goto :eof

:folder
rem :folder PATH TAG - listing with owners, attributes, DACL in three forms, and the
rem security descriptor through WMI (owner SID included).
set "PXR_F=%~1"
set "PXR_TAG=%~2"
set "PXR_CMD=dir /a /q "%PXR_F%""
call :run "dir-%PXR_TAG%.txt" OEM
set "PXR_CMD=attrib "%PXR_F%""
call :run "attrib-%PXR_TAG%.txt" OEM attrib.exe
set "PXR_CMD=cacls "%PXR_F%""
call :run "cacls-%PXR_TAG%.txt" OEM cacls.exe
set "PXR_CMD=icacls "%PXR_F%""
call :run "icacls-%PXR_TAG%.txt" OEM icacls.exe
set "PXR_CMD=icacls "%PXR_F%" /save "%PXR_BUNDLE%\icacls-save-%PXR_TAG%.txt""
call :runself "icacls-save-%PXR_TAG%.txt" UTF-16LE icacls.exe
set "PXR_WP=%PXR_F:\=\\%"
set "PXR_CMD=wmic path Win32_LogicalFileSecuritySetting where Path="%PXR_WP%" call GetSecurityDescriptor"
call :run "wmic-sd-%PXR_TAG%.txt" UTF-16LE wmic.exe
goto :eof

:evt
rem wevtutil query into %1; when the rendered form is refused (exit code
rem other than 0), the plain XML form is written to <name>-plain.xml.
call :run "%~1" UTF-16LE wevtutil.exe
if "%PXR_RC%"=="0" goto :eof
set "PXR_CMD=%PXR_CMD2%"
call :run "%~n1-plain.xml" OEM wevtutil.exe
goto :eof

:eq_source
set "PXR_CMD=cscript //nologo "%SystemRoot%\system32\eventquery.vbs" /l application /fi "source eq %~1" /fo csv /v"
call :run "evt-application-%~1.csv" OEM cscript.exe
goto :eof

:eq_scm
set "PXR_CMD=cscript //nologo "%SystemRoot%\system32\eventquery.vbs" /l system /fi "id eq %~1" /fo csv /v"
call :run "evt-system-id%~1.csv" OEM cscript.exe
goto :eof

:logs_from
rem :logs_from FOLDER LABEL - copy the PXE-related ConfigMgr logs of one
rem folder into logs\NN-LABEL\. A folder already copied is not copied
rem again; logs\origins.txt lists every folder looked at.
set "PXR_SRC=%~1"
set "PXR_LBL=%~2"
if not defined PXR_SRC goto :eof
if "%PXR_SRC:~-1%"=="\" set "PXR_SRC=%PXR_SRC:~0,-1%"
find /i "|%PXR_SRC%|" "%PXR_BUNDLE%\logs\origins.txt" >nul 2>&1
if not errorlevel 1 goto :eof
if exist "%PXR_SRC%\" goto :logs_present
>>"%PXR_BUNDLE%\logs\origins.txt" echo(--^|%PXR_LBL%^|%PXR_SRC%^|absent
goto :eof
:logs_present
set /a PXR_LOGN+=1
set "PXR_DIRN=0%PXR_LOGN%"
set "PXR_DIRN=%PXR_DIRN:~-2%"
set "PXR_DST=logs\%PXR_DIRN%-%PXR_LBL%"
mkdir "%PXR_BUNDLE%\%PXR_DST%" >nul 2>&1
>>"%PXR_BUNDLE%\logs\origins.txt" echo(%PXR_DIRN%^|%PXR_LBL%^|%PXR_SRC%^|present
for %%P in (SMSPXE distmgr smsdpprov PXEControl PXESetup) do for %%F in ("%PXR_SRC%\%%P*.lo?") do call :logcopy "%%~fF"
goto :eof

:logcopy
set "PXR_CMD=copy /y "%~1" "%PXR_BUNDLE%\%PXR_DST%\%~nx1""
call :runself "%PXR_DST%\%~nx1" "as written by ConfigMgr" "" "origin=%~1; size=%~z1; modified=%~t1"
goto :eof
