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

## Message display
mail-unnamed-attachment = attachment
mail-forwarded-message = forwarded-message
mail-no-subject = (no subject)
mail-header-subject = Subject
mail-header-from = From
mail-header-to = To
mail-header-cc = Cc
mail-header-bcc = Bcc
mail-header-reply-to = Reply to
mail-header-date = Date
mail-header-message-id = Message ID
mail-header-size = Size
mail-header-unsubscribe = Unsubscribe
mail-date-unknown = unknown
mail-body-from-html = (This text was made from the HTML version of the message.)
mail-remote-content-blocked = (The message refers to images or other content on the internet. Brev did not load it.)
mail-repaired = (Parts of this message were damaged or in an unexpected character set. Brev shows them as well as it can.)
mail-body-empty = (no text)
mail-body-more-lines = { $count ->
        [one] … and one more line
       *[other] … and { $count } more lines
    }
mail-attachments = { $count ->
        [one] One attachment:
       *[other] { $count } attachments:
    }
mail-attachment-inline = inline
mail-size-bytes = { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
mail-size-kb = { $size } KB
mail-size-mb = { $size } MB
mail-size-gb = { $size } GB
mail-decimal-separator = .

## IMAP
imap-idle-unsupported = the server does not announce new mail at once (no IDLE); Brev checks for new mail every few minutes instead
imap-folder-unavailable = the folder “{ $folder }” cannot be opened on the server
imap-quota-usage = { $used } of { $limit } used on the server

## Window
ui-month-1 = Jan
ui-month-2 = Feb
ui-month-3 = Mar
ui-month-4 = Apr
ui-month-5 = May
ui-month-6 = Jun
ui-month-7 = Jul
ui-month-8 = Aug
ui-month-9 = Sep
ui-month-10 = Oct
ui-month-11 = Nov
ui-month-12 = Dec
ui-date-time = { $hour }:{ $minute }
ui-date-day-month = { $month } { $day }
ui-date-full = { $month } { $day }, { $year }
ui-date-full-time = { $date }, { $time }
ui-digit-group-separator = ,
ui-folder-inbox = Inbox
ui-folder-drafts = Drafts
ui-folder-sent = Sent
ui-folder-archive = Archive
ui-folder-junk = Junk
ui-folder-trash = Trash
ui-folder-outbox = Outbox
ui-no-folders = No folders yet — checking for mail…
ui-folder-empty = This folder is empty.
ui-no-message-selected = Select a message to read it.
ui-reader-downloading = The rest of this message is being downloaded…
ui-reader-links = Links
ui-check-mail = Check mail now
ui-mark-read = Mark as read
ui-mark-unread = Mark as unread
ui-flag = Flag
ui-unflag = Remove flag
ui-delete = Delete
ui-move-to = Move to…
ui-search-placeholder = Search (Ctrl+F)
ui-search-everywhere = All folders
ui-search-clear = Clear
ui-search-results = { $count ->
        [0] No messages found.
        [one] One message found.
       *[other] { $count } messages found.
    }
ui-offline = Can't reach the server for { $account } — showing saved mail.
ui-retry = Retry
ui-auth-failed = The server did not accept the password for { $account }. Check the user name and password in the account settings.
ui-account-error = { $account }: { $reason }
ui-progress = { $account }, { $folder }: { $done } of { $total }
ui-folder-counts = { $count ->
        [one] { $total } message
       *[other] { $total } messages
    }, { $unreadcount ->
        [one] { $unread } unread
       *[other] { $unread } unread
    }
ui-attachment-save = Save
ui-attachment-open = Open
ui-attachment-saved = Saved as { $path }
ui-attachment-not-downloaded = This attachment is not downloaded yet. Open the message while online and try again.
ui-attachment-save-failed = The attachment could not be saved: { $reason }
ui-new-mail = { $count ->
        [one] One new message for { $account }
       *[other] { $count } new messages for { $account }
    }
ui-settings = Settings
ui-settings-title = Settings
ui-settings-language = Language
ui-settings-mark-read = Mark an opened message as read
ui-settings-mark-read-at-once = At once
ui-settings-mark-read-after-delay = After a few seconds
ui-settings-mark-read-never = Never
ui-settings-notifications = Notify me about new mail
ui-settings-done = Done
ui-settings-check-interval = Check for new mail every
ui-settings-minutes = { $count ->
        [one] minute
       *[other] { $count } minutes
    }
ui-settings-days = { $count ->
        [one] day
       *[other] { $count } days
    }
ui-settings-never = Never
ui-settings-pop-leave = Leave a copy of each message on the server
ui-settings-pop-delete-after = Remove the server’s copy after
ui-settings-pop-delete-when-deleted = Remove it from the server when I delete it here
ui-settings-remove-account = Remove this account…
ui-settings-remove-confirm = Remove the account { $account } from Brev?
ui-settings-remove-pop-warning = This is a POP account: its mail exists only on this computer. Export it first if you want to keep it; removing the account does not delete the saved mail.
ui-settings-remove-yes = Remove
ui-settings-cancel = Cancel

## Demo

demo-failed = Could not create the demo mailbox: { $reason }
ui-settings-imap-bodies = Keep for reading offline
ui-settings-imap-bodies-all = All messages
ui-settings-imap-bodies-recent = { $count ->
    [one] Messages from the last day
   *[other] Messages from the last { $count } days
}
ui-settings-imap-bodies-on-open = Only messages I open
