app-title = Brev
app-welcome = Välkommen till Brev
app-no-accounts = Du har inget e-postkonto ännu. Lägg till ett med ”brev account add” (installationsguiden kommer).
app-accounts = { $count ->
    [one] Ett konto är inställt.
   *[other] { $count } konton är inställda.
}
app-config-broken-title = Brev kunde inte läsa sina inställningar
app-window-failed = Brev kunde inte öppna sitt fönster: { $reason }

## Profile, settings, passwords, store
profile-no-home = Brev hittade ingen hemmapp att spara inställningar och e-post i. Starta med --profile MAPP för att välja en mapp.
profile-cannot-create = Brev kan inte skapa mappen { $path }: { $reason }
config-cannot-read = Brev kan inte läsa inställningsfilen { $path }: { $reason }
config-parse-error = Inställningsfilen { $path } har ett fel på rad { $line }: { $reason }. Brev har inte ändrat filen; rätta raden, eller flytta bort filen för att börja om.
config-invalid = Inställningsfilen { $path } är inte giltig: { $reason }. Brev har inte ändrat filen.
config-cannot-write = Brev kan inte spara inställningarna i { $path }: { $reason }
config-duplicate-account = Det finns redan ett konto som heter ”{ $account }”.
config-no-such-account = Det finns inget konto ”{ $account }”. ”brev account list” visar kontona.
secrets-no-keyring = Ingen lösenordsnyckelring körs på den här datorn, så Brev kan inte spara ditt lösenord säkert ({ $reason }). Starta skrivbordets nyckelring (till exempel GNOME Keyring eller KWallet), eller, på en dator utan en, välj --password-storage file för att spara lösenord i en fil som bara du kan läsa.
secrets-keyring-error = Lösenordsnyckelringen rapporterade ett fel: { $reason }
secrets-file-error = Brev kan inte använda lösenordsfilen { $path }: { $reason }
store-error = E-postlagret rapporterade ett fel: { $reason }
store-cannot-open = Brev kan inte öppna sitt e-postlager { $path }: { $reason }
store-too-new = E-postlagret skrevs av en nyare version av Brev. Uppdatera Brev för att öppna det; ingenting har ändrats.
store-not-found = Meddelandet eller mappen finns inte längre.

## Headless commands
cli-error = brev: { $message }
cli-output-error = Brev kunde inte skriva ut resultatet: { $reason }
cli-bad-email = ”{ $email }” är ingen e-postadress.
cli-cannot-read-password = Brev kunde inte läsa lösenordet från standard in: { $reason }
cli-empty-password = Lösenordet som lästes från standard in var tomt.
cli-account-added = Kontot { $account } ({ $email }) har lagts till.
cli-cert-trusted = Det här kontot litar på certifikatet med fingeravtrycket { $fingerprint }.
cli-password-in-file = Lösenordet sparas i { $path }, som bara du kan läsa (ingen nyckelring används).
cli-no-accounts = Inga konton ännu.
cli-account-removed = Kontot { $account } har tagits bort. E-post som redan sparats finns kvar i lagret tills du raderar den.
cli-cannot-read-file = Kan inte läsa { $path }: { $reason }

## Network errors
net-host-not-found = Servern ”{ $host }” kunde inte hittas. Kontrollera servernamnet och din internetanslutning.
net-refused = Servern { $host } vägrade anslutningen på port { $port }. Kontrollera portnumret och säkerhetsinställningen.
net-timeout = Servern { $host } svarade inte i tid (port { $port }). Kontrollera din internetanslutning, servernamnet och porten och försök sedan igen.
net-certificate-not-trusted = Certifikatet för servern { $host } är inte betrott. Dess fingeravtryck är { $fingerprint }. Lita bara på det om din leverantör bekräftar exakt detta fingeravtryck.
net-tls = Det gick inte att upprätta en säker anslutning till { $host } ({ $reason }). Kontrollera att porten passar säkerhetsinställningen.
net-starttls-not-offered = Servern { $host } erbjuder ingen kryptering (STARTTLS) på port { $port }, så Brev skickade inte ditt lösenord. Välj ”TLS” med den säkra porten eller fråga din leverantör.
net-starttls-refused = Servern { $host } vägrade att byta till kryptering (STARTTLS) på port { $port }: { $reply }. Brev fortsatte inte utan kryptering. Försök igen senare eller välj ”TLS” med den säkra porten.
net-rejected = Servern { $host } avvisade anslutningen: { $reply }. Försök igen senare.
net-protocol = Servern { $host } svarade på ett sätt som Brev inte väntade sig ({ $reason }). Kontrollera servernamnet, porten och protokollet.
net-connection-lost = Anslutningen till { $host } (port { $port }) bröts. Kontrollera din internetanslutning och försök igen.
net-io = Ett nätverksfel uppstod i kontakten med { $host } (port { $port }): { $reason }. Kontrollera din internetanslutning och försök igen.
net-bad-certificate-file = Filen { $path } kunde inte läsas som ett certifikat: { $reason }. Välj en certifikatfil i PEM- eller DER-format.

## Sync engine
sync-auth-failed = Servern godkände inte användarnamnet eller lösenordet ({ $reply }). Kontrollera dem i kontoinställningarna; Brev försöker inte igen förrän du har gjort det.
sync-no-password = Inget lösenord är sparat för det här kontot. Ange det i kontoinställningarna.
sync-secrets = Brev kunde inte läsa lösenordet: { $reason }
sync-mailbox-in-use = Ett annat program läser den här brevlådan just nu (till exempel på en annan dator). Brev försöker igen om några minuter.
sync-server-error = E-postservern rapporterade ett fel: { $reply }
sync-store-error = Brev kunde inte spara e-post på den här datorn: { $reason }. Ingenting raderades från servern.
cli-sync-start = Kontrollerar { $account } …
cli-sync-progress = { $folder }: { $done } av { $total }
cli-sync-summary = { $account }: { $new } nya, { $changed } ändrade, { $removed } borttagna, { $replayed } ändringar skickade, { $deleted } raderade på servern.
cli-sync-failed = { $account }: { $reason }
cli-no-folders = (inga mappar ännu: kör ”brev sync”)
cli-folder-counts = { $total } meddelanden, { $unread } olästa
cli-no-such-folder = Det finns ingen mapp ”{ $folder }”. ”brev folders” visar mapparna.
cli-which-account = Fler än ett konto har en mapp ”{ $folder }”. Ange vilket: brev list KONTO MAPP.

## POP3
pop-message-gone = Meddelandet finns inte längre kvar på servern, så bara dess rubrikrader finns här. Det kan ha tagits bort där av ett annat program.

## Message display
mail-unnamed-attachment = bilaga
mail-forwarded-message = vidarebefordrat-meddelande
mail-no-subject = (inget ämne)
mail-header-subject = Ämne
mail-header-from = Från
mail-header-to = Till
mail-header-cc = Kopia
mail-header-bcc = Dold kopia
mail-header-reply-to = Svara till
mail-header-date = Datum
mail-header-message-id = Meddelande-id
mail-header-size = Storlek
mail-header-unsubscribe = Avsluta prenumeration
mail-date-unknown = okänt
mail-body-from-html = (Texten är skapad från meddelandets HTML-version.)
mail-remote-content-blocked = (Meddelandet hänvisar till bilder eller annat innehåll på internet. Brev har inte hämtat det.)
mail-repaired = (Delar av meddelandet var skadade eller i en oväntad teckenkodning. Brev visar dem så gott det går.)
mail-body-empty = (ingen text)
mail-body-more-lines = { $count ->
        [one] … och en rad till
       *[other] … och { $count } rader till
    }
mail-attachments = { $count ->
        [one] En bilaga:
       *[other] { $count } bilagor:
    }
mail-attachment-inline = infogad
mail-size-bytes = { $count ->
        [one] { $count } byte
       *[other] { $count } byte
    }
mail-size-kb = { $size } kB
mail-size-mb = { $size } MB
mail-size-gb = { $size } GB
mail-decimal-separator = ,

## IMAP
imap-idle-unsupported = servern meddelar inte ny e-post direkt (ingen IDLE); Brev letar i stället efter ny e-post med några minuters mellanrum
imap-folder-unavailable = mappen ”{ $folder }” kan inte öppnas på servern
imap-quota-usage = { $used } av { $limit } används på servern

## Window
ui-month-1 = jan.
ui-month-2 = feb.
ui-month-3 = mars
ui-month-4 = apr.
ui-month-5 = maj
ui-month-6 = juni
ui-month-7 = juli
ui-month-8 = aug.
ui-month-9 = sep.
ui-month-10 = okt.
ui-month-11 = nov.
ui-month-12 = dec.
ui-date-time = { $hour }:{ $minute }
ui-date-day-month = { $day } { $month }
ui-date-full = { $day } { $month } { $year }
ui-date-full-time = { $date } kl. { $time }
ui-digit-group-separator = { "\u00A0" }
ui-folder-inbox = Inkorg
ui-folder-drafts = Utkast
ui-folder-sent = Skickat
ui-folder-archive = Arkiv
ui-folder-junk = Skräppost
ui-folder-trash = Papperskorg
ui-folder-outbox = Utkorg
ui-no-folders = Inga mappar ännu — letar efter e-post …
ui-folder-empty = Mappen är tom.
ui-no-message-selected = Välj ett meddelande för att läsa det.
ui-reader-downloading = Resten av meddelandet hämtas …
ui-reader-links = Länkar
ui-check-mail = Hämta e-post nu
ui-mark-read = Markera som läst
ui-mark-unread = Markera som oläst
ui-flag = Flagga
ui-unflag = Ta bort flagga
ui-delete = Ta bort
ui-move-to = Flytta till …
ui-search-placeholder = Sök (Ctrl+F)
ui-search-everywhere = Alla mappar
ui-search-clear = Rensa
ui-search-results = { $count ->
        [0] Inga meddelanden hittades.
        [one] Ett meddelande hittades.
       *[other] { $count } meddelanden hittades.
    }
ui-offline = Servern för { $account } går inte att nå — visar sparad e-post.
ui-retry = Försök igen
ui-auth-failed = Servern godtog inte lösenordet för { $account }. Kontrollera användarnamn och lösenord i kontoinställningarna.
ui-account-error = { $account }: { $reason }
ui-progress = { $account }, { $folder }: { $done } av { $total }
ui-folder-counts = { $count ->
        [one] { $total } meddelande
       *[other] { $total } meddelanden
    }, { $unreadcount ->
        [one] { $unread } oläst
       *[other] { $unread } olästa
    }
ui-attachment-save = Spara
ui-attachment-open = Öppna
ui-attachment-saved = Sparad som { $path }
ui-attachment-not-downloaded = Bilagan är inte hämtad än. Öppna meddelandet när du är ansluten och försök igen.
ui-attachment-save-failed = Bilagan kunde inte sparas: { $reason }
ui-new-mail = { $count ->
        [one] Ett nytt meddelande till { $account }
       *[other] { $count } nya meddelanden till { $account }
    }
ui-settings = Inställningar
ui-settings-title = Inställningar
ui-settings-language = Språk
ui-settings-mark-read = Markera ett öppnat meddelande som läst
ui-settings-mark-read-at-once = Direkt
ui-settings-mark-read-after-delay = Efter några sekunder
ui-settings-mark-read-never = Aldrig
ui-settings-notifications = Meddela mig om ny e-post
ui-settings-done = Klar
ui-settings-check-interval = Leta efter ny e-post var
ui-settings-minutes = { $count ->
        [one] minut
       *[other] { $count }:e minut
    }
ui-settings-days = { $count ->
        [one] en dag
       *[other] { $count } dagar
    }
ui-settings-never = Aldrig
ui-settings-pop-leave = Lämna en kopia av varje meddelande på servern
ui-settings-pop-delete-after = Ta bort kopian från servern efter
ui-settings-pop-delete-when-deleted = Ta bort den från servern när jag tar bort den här
ui-settings-remove-account = Ta bort kontot …
ui-settings-remove-confirm = Ta bort kontot { $account } från Brev?
ui-settings-remove-pop-warning = Det här är ett POP-konto: e-posten finns bara på den här datorn. Exportera den först om du vill behålla den; den sparade e-posten raderas inte när kontot tas bort.
ui-settings-remove-yes = Ta bort
ui-settings-cancel = Avbryt

## Demo

demo-failed = Det gick inte att skapa exempelbrevlådan: { $reason }
ui-settings-imap-bodies = Spara för läsning offline
ui-settings-imap-bodies-all = Alla meddelanden
ui-settings-imap-bodies-recent = { $count ->
    [one] Meddelanden från det senaste dygnet
   *[other] Meddelanden från de senaste { $count } dagarna
}
ui-settings-imap-bodies-on-open = Bara meddelanden jag öppnar
