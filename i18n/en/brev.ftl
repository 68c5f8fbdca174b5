app-title = Brev
app-welcome = Welcome to Brev
app-no-accounts = You have no mail account yet. Add one with “brev account add”.
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
ui-settings-pop-headers-only = Download only the headers of large messages
ui-settings-pop-headers-only-hint = The rest is downloaded when you open the message.
ui-settings-pop-headers-above = Larger than { $size }
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

## Export (src/export.rs, brev export, settings)
export-done = { $count ->
    [one] Exported one message to { $dir }.
   *[other] Exported { $count } messages to { $dir }.
}
export-without-body = { $count ->
    [one] One message was never downloaded to this computer; it is still on the server.
   *[other] { $count } messages were never downloaded to this computer; they are still on the server.
}
export-not-empty = { $dir } already holds files. Choose an empty or new folder: Brev overwrites nothing.
export-no-store = There is no saved mail to export yet.
export-write-failed = Brev could not write { $path }: { $reason }
ui-settings-export = Export its mail first…
ui-settings-exporting = Exporting…

## Sending: compose model, outbox, SMTP, brev send

compose-bad-address = “{ $text }” is not an e-mail address. Check it and try again.
compose-no-recipients = Add at least one recipient.
compose-no-sender = This account has no e-mail address. Add one in the settings.
compose-attribution = On { $date }, { $name } wrote:
compose-forwarded = ---------- Forwarded message ----------
compose-forwarded-from = From:
compose-forwarded-date = Date:
compose-forwarded-subject = Subject:
compose-forwarded-to = To:
compose-forwarded-cc = Cc:
send-recipient-rejected = The outgoing server refused the recipient { $address }. Check the address. ({ $reply })
send-too-large = The message is too large for the outgoing server. Remove or shrink attachments and try again. ({ $reply })
send-auth-failed = The outgoing server did not accept the user name or password. Check them in the account settings. ({ $reply })
send-offline = Brev could not reach the outgoing server. The message waits in the Outbox and is sent when the connection is back.
send-refused = The outgoing server did not take the message: { $reply }
send-may-have-been-sent = The connection broke while the message was being sent, so it may have arrived. Check with a recipient, then send it again or keep it as sent.
send-state-queued = Waiting to be sent
send-state-sending = Sending…
send-state-failed = Not sent: { $reason }
send-state-maybe-sent = May have been sent
send-cli-sent = Sent.
send-cli-not-sent = Not sent: { $reason }
send-cli-queued = The message is in the Outbox and will be sent on the next check.
send-cli-no-recipients = Give at least one recipient (--to, --cc or --bcc), or a whole message with --raw.
send-cli-cannot-read = Could not read { $path }: { $reason }
send-cli-empty = The message on standard input is empty.

## Setup wizard (wizard-*, advice-*)
wizard-title-add = Add a mail account
wizard-intro = Tell Brev who you are and which address to use. Brev finds the server settings itself.
wizard-name = Your name
wizard-name-placeholder = e.g. Anna Lind
wizard-name-note = The people you write to see this name.
wizard-email = E-mail address
wizard-email-placeholder = name@example.org
wizard-email-invalid = That does not look like an e-mail address. It should look like name@example.org.
wizard-password = Password
wizard-continue = Continue
wizard-cancel = Cancel
wizard-back = Back
wizard-add-account = Add an account…
wizard-no-profile = Brev has no place to keep its settings, so the account cannot be saved.
wizard-looking = Looking up the settings for { $domain }…
wizard-looking-note = This takes a few seconds.
wizard-manual-button = Enter settings manually
wizard-manual-title = Server settings
wizard-not-found = Brev could not find all the settings for { $domain }. Your provider’s help pages list them; fill in what is missing.
wizard-manual-intro = Leave the IMAP or the POP row empty if your provider does not offer it.
wizard-col-server = Server
wizard-col-port = Port
wizard-col-security = Security
wizard-col-username = User name
wizard-manual-need = Fill in an incoming server (IMAP or POP) and the outgoing server.
wizard-server-line = { $host }, port { $port }, { $security }
wizard-security-tls = encrypted (SSL/TLS)
wizard-security-starttls = encrypted (STARTTLS)
wizard-security-none = not encrypted
wizard-source-builtin = from Brev’s list of providers ({ $provider })
wizard-source-autoconfig = from your provider’s settings file ({ $url })
wizard-source-srv = from the DNS record { $record }
wizard-source-mx = from the mail server of your domain ({ $domain })
wizard-source-probe = found by trying the usual server names
wizard-source-manual = entered by you
wizard-choose-title = POP or IMAP?
wizard-choose-intro = There are two ways to get your mail. This is how they differ:
wizard-row-arrives = How mail arrives
wizard-row-arrives-pop = Downloaded to this computer
wizard-row-arrives-imap = Kept on the server and synchronized
wizard-row-devices = Several devices at once
wizard-row-devices-pop = No
wizard-row-devices-imap = Yes
wizard-row-folders = Folders
wizard-row-folders-pop = Inbox only
wizard-row-folders-imap = All folders
wizard-row-sent = Sent mail
wizard-row-sent-pop = Kept on this computer
wizard-row-sent-imap = Saved on the server
wizard-row-space = Space on the server
wizard-row-space-pop = Freed
wizard-row-space-imap = Used — can fill up
wizard-row-breaks = If this computer breaks
wizard-row-breaks-pop = Mail is gone unless you have a backup
wizard-row-breaks-imap = Still on the server
wizard-row-down = If the server is down
wizard-row-down-pop = You still have your mail
wizard-row-down-imap = Brev shows the saved copy
wizard-row-best = Best for
wizard-row-best-pop = One computer, keeping an archive
wizard-row-best-imap = Everyday use on several devices
wizard-q-devices = On how many devices do you read this mail?
wizard-a-one = Only this computer
wizard-a-several = Several (phone, tablet, webmail…)
wizard-q-space = Is the space on your server small?
wizard-a-yes = Yes
wizard-a-no = No
wizard-a-dont-know = I don’t know
wizard-recommend = Brev recommends { $protocol }.
wizard-only-imap = Your provider offers only IMAP.
wizard-only-pop = Your provider offers only POP.
wizard-use-imap = Use IMAP
wizard-use-pop = Use POP
wizard-found-title = The settings Brev will use
wizard-change-settings = Change settings…
wizard-pop-title = A copy on the server?
wizard-pop-intro = With POP, Brev downloads your mail to this computer. A copy can stay on the server for a while, as a safety net.
wizard-pop-several-warning = You read this mail on several devices. With POP, every device must leave a copy on the server, or the others miss messages. Brev leaves one.
wizard-pop-no-copy-warning = Without a copy, your mail exists only on this computer. Remember to make backups.
wizard-test-title = Testing the connection
wizard-tested-title = The test found a problem
wizard-test-incoming = Incoming mail ({ $protocol }), { $host }
wizard-test-outgoing = Outgoing mail (SMTP), { $host }
wizard-test-ok = Works
wizard-test-waiting = Testing…
wizard-cert-title = Brev does not know this server’s certificate
wizard-cert-explain = The certificate of { $host } is not issued by anyone your computer trusts. Trust it only if you expected this: for your own server, or if your provider told you so.
wizard-cert-name = Name on the certificate: { $name }
wizard-cert-fingerprint = Fingerprint (SHA-256): { $fingerprint }
wizard-trust = Trust this certificate
wizard-try-again = Try again
wizard-save-anyway = Save anyway
wizard-save-anyway-note = If the server is only down right now, you can save the account anyway.
wizard-all-ok = Everything works. Saving your account…
wizard-saving = Saving your account…
wizard-save-failed = The account could not be saved: { $reason }
advice-unsure = If you are unsure, choose IMAP.
advice-several-devices = IMAP keeps all your devices the same: what you read, send or delete on one shows on the others.
advice-several-devices-small-server = IMAP keeps all your devices the same. Your server is small, so delete old mail now and then.
advice-one-device-small-server = With one computer and little space on the server, POP moves your mail here so the server does not fill up.
advice-one-device = With IMAP your mail stays on the server too, so nothing is lost if this computer breaks.

## Account setup backend: discovery, connection test, brev discover / brev check (setup-*)
setup-source-builtin = Brev’s list of providers ({ $provider })
setup-source-autoconfig = the provider’s settings file ({ $url })
setup-source-srv = the DNS record { $record }
setup-source-mx = the domain’s mail server, { $host }
setup-source-probe = a server that answered at the usual name
setup-source-manual = entered by you
setup-log-bad-address = “{ $email }” is not an e-mail address.
setup-log-builtin = { $provider } is in Brev’s list of providers.
setup-log-autoconfig-found = Settings file found: { $url }
setup-log-autoconfig-none = No settings file at { $url } ({ $reason })
setup-log-srv-found = The DNS record { $record } points to { $host }, port { $port }
setup-log-srv-not-offered = The DNS record { $record } says this service is not offered
setup-log-srv-none = No DNS service records for { $domain }
setup-log-dns-failed = DNS lookup of { $name } failed: { $reason }
setup-log-mx = Mail for { $domain } is received by { $host }
setup-log-mx-provider = { $host } belongs to { $provider }
setup-log-mx-none = No mail server (MX) record for { $domain }
setup-log-probe-found = { $host }, port { $port }, answers as a { $protocol } server
setup-log-probe-none = No { $protocol } server answered at the usual names of { $domain }
setup-log-too-slow = Some servers for { $domain } answered too slowly; Brev stopped waiting for them.
setup-log-nothing = Brev found no settings for { $domain }. Ask your provider for the server names and enter them yourself.
setup-security-tls = SSL/TLS
setup-security-starttls = STARTTLS
setup-security-plain = not encrypted
setup-kind-imap = Incoming mail (IMAP)
setup-kind-pop = Incoming mail (POP)
setup-kind-smtp = Outgoing mail (SMTP)
setup-discover-provider = Provider: { $provider }
setup-discover-server = { $kind }: { $host }, port { $port }, { $security }, user name { $user }
setup-discover-source = found in { $source }
setup-discover-missing = { $kind }: not found
setup-discover-files-sent = The server keeps a copy of sent mail by itself.
setup-discover-tried = What Brev tried:
setup-discover-nothing = Brev found no settings for { $email }.
setup-check-account = Testing { $account } ({ $email })…
setup-check-incoming = Incoming mail ({ $protocol }, { $host }): { $result }
setup-check-outgoing = Outgoing mail (SMTP, { $host }): { $result }
setup-check-works = works
setup-check-all-ok = Everything works.
setup-check-failed = The test failed for { $count ->
    [one] one account
   *[other] { $count } accounts
}.
setup-fail-host-not-found = The server { $host } was not found. Check the server name, and that this computer is online.
setup-fail-refused = { $host } does not accept connections on port { $port }. Check the port number.
setup-fail-timed-out = { $host } did not answer on port { $port }. Check the server name and port; a firewall may be in the way.
setup-fail-untrusted = The certificate of { $host } is not trusted. It was issued for { $name }, fingerprint (SHA-256) { $fingerprint }. Trust it only if you expected exactly this certificate.
setup-fail-wrong-password = The server did not accept the user name or password. Check both; some providers want a special app password for mail programs.
setup-fail-not-offered = The server does not offer { $what } at this name and port. Check the server name and the port number.
setup-fail-plain-login-refused = The server does not accept a password over an unencrypted connection. Choose SSL/TLS or STARTTLS.
setup-fail-tls-not-offered = { $host } does not offer encryption (STARTTLS) on port { $port }. Try SSL/TLS on the usual port instead: 993 for IMAP, 995 for POP, 465 for SMTP.
setup-fail-other = The test failed: { $reason }

## Compose window (compose-ui-*)
compose-ui-title = New message
compose-ui-from = From
compose-ui-to = To
compose-ui-cc = Cc
compose-ui-bcc = Bcc
compose-ui-subject = Subject
compose-ui-address-placeholder = Name <name@example.org>, …
compose-ui-body-placeholder = Write your message here.
compose-ui-send = Send
compose-ui-attach = Attach files…
compose-ui-attach-title = Attach files
compose-ui-attach-failed = Could not attach { $name }: { $reason }
compose-ui-attachments = { $count ->
    [one] Attachment
   *[other] Attachments
}
compose-ui-remove = Remove
compose-ui-too-big = The message is about { $size }, but the server takes at most { $limit }. Remove an attachment or send it another way.
compose-ui-close = Close
compose-ui-ask-keep = Keep this message as a draft?
compose-ui-save-draft = Save draft
compose-ui-discard = Discard
compose-ui-keep-writing = Keep writing
compose-ui-suggest-hint = Tab or a click takes the address; ↑ ↓ choose.
compose-ui-hint = Ctrl+Enter sends. Esc closes.
compose-ui-no-account = Choose the account to send from.
compose-ui-original-missing = The message is no longer there.
compose-ui-new = New message
compose-ui-reply = Reply
compose-ui-reply-all = Reply all
compose-ui-forward = Forward
compose-ui-queued = The message is in the Outbox and is sent as soon as possible.
compose-ui-sent = Message sent from { $account }.
compose-ui-send-failed = Sending from { $account } failed: { $reason } The message waits in the Outbox.
compose-ui-send-again = Send again
compose-ui-was-sent = It was sent
compose-ui-signature = Signature
compose-ui-signature-hint = Added below your new messages and replies.

# Compose polish: editing drafts, fetching before replying, Outbox states (compose-ui-*)
compose-ui-edit = Edit
compose-ui-fetching = Fetching the message…
compose-ui-fetch-offline = { $account } is offline, so the message can't be fetched now. Try again when you're connected.
compose-ui-fetch-failed = The message could not be fetched: { $reason }
compose-ui-list-queued = Waiting
compose-ui-list-sending = Sending…
compose-ui-list-failed = Failed
compose-ui-list-maybe-sent = May have been sent

## Settings: a new password
ui-settings-password = New password
ui-settings-password-placeholder = Type the new password
ui-settings-password-save = Save password
ui-settings-password-saved = Saved. Brev signs in with it from now on.

# Settings: server settings
ui-settings-server-show = Server settings
ui-settings-server-hide = Hide server settings
ui-settings-server-protocol = To switch between IMAP and POP, add the account again and choose the other one.
ui-settings-server-incoming = Incoming server ({ $protocol })
ui-settings-server-outgoing = Outgoing server (SMTP)
ui-settings-server-host = Server
ui-settings-server-port = Port
ui-settings-server-security = Security
ui-settings-server-username = User name
ui-settings-server-pop-note = If you change the server, Brev checks the new one and skips mail it has already downloaded.
ui-settings-server-save = Save server settings
ui-settings-server-undo = Undo changes
ui-settings-server-saved = Saved. Brev connects with these settings from now on.
ui-settings-server-not-saved = Nothing was saved: fix the marked fields first.
ui-settings-server-host-empty = Type the server's name.
ui-settings-server-host-spaces = A server name has no spaces.
ui-settings-server-port-invalid = Type a number from 1 to 65535.
ui-settings-server-username-empty = Type your user name.
