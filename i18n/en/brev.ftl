app-title = Brev
app-welcome = Welcome to Brev
app-no-accounts = You have no mail account yet. Add one with “brev account add” (the setup assistant is coming).
app-accounts = { $count ->
    [one] One account is set up.
   *[other] { $count } accounts are set up.
}
app-config-broken-title = Brev could not read its settings
app-window-failed = Brev could not open its window: { $reason }

## Profile, settings, passwords, store
profile-no-home = Brev found no home folder to keep its settings and mail in. Start it with --profile DIR to choose a folder.
profile-cannot-create = Brev cannot create the folder { $path }: { $reason }
config-cannot-read = Brev cannot read its settings file { $path }: { $reason }
config-parse-error = The settings file { $path } has an error on line { $line }: { $reason }. Brev has not changed the file; correct that line, or move the file away to start afresh.
config-invalid = The settings file { $path } is not valid: { $reason }. Brev has not changed the file.
config-cannot-write = Brev cannot save its settings to { $path }: { $reason }
config-duplicate-account = There is already an account called “{ $account }”.
config-no-such-account = There is no account “{ $account }”. “brev account list” shows the accounts.
secrets-no-keyring = No password keyring is running on this computer, so Brev cannot keep your password safely ({ $reason }). Start your desktop’s keyring (for example GNOME Keyring or KWallet), or, on a machine without one, choose --password-storage file to keep passwords in a file only you can read.
secrets-keyring-error = The password keyring reported an error: { $reason }
secrets-file-error = Brev cannot use the password file { $path }: { $reason }
store-error = The mail store reported an error: { $reason }
store-cannot-open = Brev cannot open its mail store { $path }: { $reason }
store-too-new = The mail store was written by a newer version of Brev. Update Brev to open it; nothing has been changed.
store-not-found = The message or folder no longer exists.

## Headless commands
cli-error = brev: { $message }
cli-output-error = Brev could not write its output: { $reason }
cli-bad-email = “{ $email }” is not an e-mail address.
cli-cannot-read-password = Brev could not read the password from standard input: { $reason }
cli-empty-password = The password read from standard input was empty.
cli-account-added = Added the account { $account } ({ $email }).
cli-cert-trusted = This account trusts the certificate with fingerprint { $fingerprint }.
cli-password-in-file = The password is kept in { $path }, readable only by you (no keyring is used).
cli-no-accounts = No accounts yet.
cli-account-removed = Removed the account { $account }. Mail already saved stays in the store until you delete it.
cli-cannot-read-file = Cannot read { $path }: { $reason }

## Network errors
net-host-not-found = The server “{ $host }” could not be found. Check the server name and your internet connection.
net-refused = The server { $host } refused the connection on port { $port }. Check the port number and the security setting.
net-timeout = The server { $host } did not answer in time (port { $port }). Check your internet connection, the server name and the port, then try again.
net-certificate-not-trusted = The certificate of the server { $host } is not trusted. Its fingerprint is { $fingerprint }. Only trust it if your provider confirms this exact fingerprint.
net-tls = A secure connection to { $host } could not be set up ({ $reason }). Check that the port matches the security setting.
net-starttls-not-offered = The server { $host } does not offer encryption (STARTTLS) on port { $port }, so Brev did not send your password. Choose “TLS” with the secure port, or ask your provider.
net-starttls-refused = The server { $host } refused to switch to encryption (STARTTLS) on port { $port }: { $reply }. Brev did not continue without encryption. Try again later, or choose “TLS” with the secure port.
net-rejected = The server { $host } turned the connection away: { $reply }. Try again later.
net-protocol = The server { $host } answered in a way Brev did not expect ({ $reason }). Check the server name, the port and the protocol.
net-connection-lost = The connection to { $host } (port { $port }) was lost. Check your internet connection and try again.
net-io = A network error occurred while talking to { $host } (port { $port }): { $reason }. Check your internet connection and try again.
net-bad-certificate-file = The file { $path } could not be read as a certificate: { $reason }. Choose a certificate file in PEM or DER format.

## Sync engine
sync-auth-failed = The server did not accept the user name or password ({ $reply }). Check them in the account settings; Brev will not try again until you do.
sync-no-password = No password is saved for this account. Enter it in the account settings.
sync-secrets = Brev could not read the password: { $reason }
sync-mailbox-in-use = Another program is reading this mailbox right now (for example on another computer). Brev will try again in a few minutes.
sync-server-error = The mail server reported an error: { $reply }
sync-store-error = Brev could not save mail on this computer: { $reason }. Nothing was deleted from the server.
cli-sync-start = Checking { $account } …
cli-sync-progress = { $folder }: { $done } of { $total }
cli-sync-summary = { $account }: { $new } new, { $changed } changed, { $removed } removed, { $replayed } changes sent, { $deleted } deleted on the server.
cli-sync-failed = { $account }: { $reason }
cli-no-folders = (no folders yet: run “brev sync”)
cli-folder-counts = { $total } messages, { $unread } unread
cli-no-such-folder = There is no folder “{ $folder }”. “brev folders” shows the folders.
cli-which-account = More than one account has a folder “{ $folder }”. Say which: brev list ACCOUNT FOLDER.

## POP3
pop-message-gone = This message is no longer on the server, so only its headers are here. It may have been deleted there by another program.
