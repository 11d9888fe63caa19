; Inno Setup 6 script: dist\Saraptama-Setup-X.Y.Z.exe from the frozen folder dist\saraptama.
;   ISCC.exe /DAppVersion=X.Y.Z packaging\windows\saraptama.iss
; (X.Y.Z = `python packaging\project_version.py`; .github/workflows/windows.yml does both.)
; Per machine, in Program Files; Start-menu entries in Kazakh and Russian.  User data stays in
; %LOCALAPPDATA%\Saraptama, which the installer never touches: an upgrade replaces the program
; only, and the new version migrates each user's database at its first start, after copying it
; to %LOCALAPPDATA%\Saraptama\backups.  Uninstalling removes the program and its shortcuts and
; keeps the users' data (medical records are never deleted by an uninstaller).

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z packaging\windows\saraptama.iss
#endif

[Setup]
AppId={{6F1A4C2E-5B7D-4E8A-9C31-2D8B7E0F5A94}
AppName=Saraptama
AppVersion={#AppVersion}
AppVerName=Saraptama {#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Saraptama
DefaultDirName={autopf}\Saraptama
DefaultGroupName=Saraptama
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=Saraptama-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
UninstallDisplayIcon={app}\saraptama-gui.exe
UninstallDisplayName=Saraptama {#AppVersion}

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
; an upgrade must not keep files the new version no longer has (an old migration, a library)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\saraptama\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Сараптама (қазақша)"; Filename: "{app}\saraptama-gui.exe"; Parameters: "--lang kk"; Comment: "Медициналық-әлеуметтік сараптама"
Name: "{group}\Сараптама (русский)"; Filename: "{app}\saraptama-gui.exe"; Parameters: "--lang ru"; Comment: "Медико-социальная экспертиза"

[Run]
; started as the user who ran the installer, so the database migrated (with its backup) is theirs
Filename: "{app}\saraptama-gui.exe"; Description: "{cm:LaunchProgram,Saraptama}"; Flags: nowait postinstall skipifsilent runasoriginaluser
