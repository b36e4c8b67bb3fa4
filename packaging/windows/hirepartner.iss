; Inno Setup 6 script: a per-user installer (no administrator rights), a Start-menu entry and
; an uninstaller. Upgrading installs over the previous version (same AppId); the database and
; settings live in %LOCALAPPDATA%\HirePartner and %APPDATA%\HirePartner and are never touched.
;   iscc /DAppVersion=0.1.0 packaging\windows\hirepartner.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1B7C2E-4C55-4F0B-9C1E-2B3D7A5E9F10}
AppName=HirePartner
AppVersion={#AppVersion}
AppPublisher=HirePartner developers
DefaultDirName={localappdata}\Programs\HirePartner
DefaultGroupName=HirePartner
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=HirePartner-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\hirepartner.ico
UninstallDisplayIcon={app}\hirepartnerw.exe
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Files]
; The whole PyInstaller folder; old files of a previous version are removed first.
Source: "..\..\dist\HirePartner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\HirePartner"; Filename: "{app}\hirepartnerw.exe"; Comment: "Review candidate slates, score interviews and send feedback to recruiters"
Name: "{userdesktop}\HirePartner"; Filename: "{app}\hirepartnerw.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\hirepartnerw.exe"; Description: "{cm:LaunchProgram,HirePartner}"; Flags: nowait postinstall skipifsilent
