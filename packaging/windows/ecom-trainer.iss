; Inno Setup 6 script: a Windows installer for the one-folder bundle dist\ecom-trainer\.
;
; Build on Windows, after the bundle (docs/install.md, "Building the Windows installer"):
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\ecom-trainer.spec
;   iscc packaging\windows\ecom-trainer.iss          -> dist\ecom-trainer-setup-0.1.0.exe
;
; Saved as UTF-8 with a byte-order mark, so that the compiler reads the Chinese text right.
; ChineseSimplified.isl comes with recent Inno Setup 6 releases; with an older one, put the file
; from https://jrsoftware.org/files/istrans/ into Inno Setup's Languages folder.
;
; The learners' data is NOT in the program folder and the uninstaller leaves it alone: each
; Windows user's %LOCALAPPDATA%\ecom-trainer (database ecom-trainer.sqlite3, backups\ beside it),
; from platformdirs; see src/ecom_trainer/paths.py.

#define AppName "ecom-trainer"
#define AppVersion "0.1.0"
#define Bundle "..\..\dist\ecom-trainer"

[Setup]
; The AppId never changes: it is how a newer installer finds and replaces this one.
AppId={{CBA87DA9-CCEC-4F85-B179-6BAC0ABB6758}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ecom-trainer developers
VersionInfoVersion={#AppVersion}.0
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; For every user of the PC (asks for an administrator); "only for me" is offered when there is none.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 needs 64-bit Windows 10 1809 or newer.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-setup-{#AppVersion}
SetupIconFile=ecom-trainer.ico
UninstallDisplayIcon={app}\ecom-trainer.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
; Setup matches Windows' language; for any other it asks (ShowLanguageDialog=auto), Chinese first.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.ShortcutName=网上卖货课堂
english.ShortcutName=ecom-trainer
chinesesimplified.SafeModeShortcut=网上卖货课堂（安全模式，适合旧显卡）
english.SafeModeShortcut=ecom-trainer (safe mode, for old graphics cards)
chinesesimplified.SafeModeComment=画面黑屏、闪烁或打不开时，用这个方式启动（不用显卡画图）
english.SafeModeComment=Use this when the window stays black, flickers or does not open (draws without the graphics card)
chinesesimplified.UninstallShortcut=卸载网上卖货课堂
english.UninstallShortcut=Uninstall ecom-trainer
chinesesimplified.StartNow=现在打开网上卖货课堂
english.StartNow=Start ecom-trainer now
chinesesimplified.DataKept=程序已经卸载。学员的学习记录和备份没有删除，还在这个文件夹里：%n%1%n%n再次安装后，学员可以接着学。只有确定以后都不需要这些记录时，才自己删除这个文件夹。
english.DataKept=The program is removed. The learners' progress and the backups are kept, in this folder:%n%1%n%nInstall again and learners continue where they left off. Delete that folder yourself only if nobody will need those records again.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole bundle: ecom-trainer.exe (the app), ecom-trainer-cli.exe (the same with a console,
; for `backup`, `sync`, `lessons check`), and _internal\ with Python, Qt, lessons and catalogs.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled lessons and catalogs whole: no files of an older version linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{cm:ShortcutName}"; Filename: "{app}\ecom-trainer.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:SafeModeShortcut}"; Filename: "{app}\ecom-trainer.exe"; Parameters: "--safe-mode"; WorkingDir: "{app}"; Comment: "{cm:SafeModeComment}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\ecom-trainer.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\ecom-trainer.exe"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder, on purpose: removing the program must never
; remove what the learners did. The uninstaller only says where it stays.
[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\ecom-trainer')]),
           mbInformation, MB_OK);
end;
