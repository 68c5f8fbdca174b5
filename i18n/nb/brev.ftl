app-title = Brev
app-welcome = Velkommen til Brev
app-no-accounts = Du har ingen e-postkonto ennå. Legg til en med «brev account add» (oppsettveiviseren kommer).
app-accounts = { $count ->
    [one] Én konto er satt opp.
   *[other] { $count } kontoer er satt opp.
}
app-config-broken-title = Brev kunne ikke lese innstillingene sine
app-window-failed = Brev kunne ikke åpne vinduet sitt: { $reason }

## Profile, settings, passwords, store
profile-no-home = Brev fant ingen hjemmemappe å lagre innstillinger og e-post i. Start med --profile MAPPE for å velge en mappe.
profile-cannot-create = Brev kan ikke opprette mappen { $path }: { $reason }
config-cannot-read = Brev kan ikke lese innstillingsfilen { $path }: { $reason }
config-parse-error = Innstillingsfilen { $path } har en feil på linje { $line }: { $reason }. Brev har ikke endret filen; rett linjen, eller flytt filen bort for å begynne på nytt.
config-invalid = Innstillingsfilen { $path } er ikke gyldig: { $reason }. Brev har ikke endret filen.
config-cannot-write = Brev kan ikke lagre innstillingene i { $path }: { $reason }
config-duplicate-account = Det finnes allerede en konto som heter «{ $account }».
config-no-such-account = Det finnes ingen konto «{ $account }». «brev account list» viser kontoene.
secrets-no-keyring = Ingen passordnøkkelring kjører på denne datamaskinen, så Brev kan ikke lagre passordet ditt trygt ({ $reason }). Start skrivebordets nøkkelring (for eksempel GNOME Keyring eller KWallet), eller, på en maskin uten, velg --password-storage file for å lagre passord i en fil bare du kan lese.
secrets-keyring-error = Passordnøkkelringen meldte om en feil: { $reason }
secrets-file-error = Brev kan ikke bruke passordfilen { $path }: { $reason }
store-error = E-postlageret meldte om en feil: { $reason }
store-cannot-open = Brev kan ikke åpne e-postlageret { $path }: { $reason }
store-too-new = E-postlageret ble skrevet av en nyere versjon av Brev. Oppdater Brev for å åpne det; ingenting er endret.
store-not-found = Meldingen eller mappen finnes ikke lenger.

## Headless commands
cli-error = brev: { $message }
cli-output-error = Brev kunne ikke skrive ut resultatet: { $reason }
cli-bad-email = «{ $email }» er ikke en e-postadresse.
cli-cannot-read-password = Brev kunne ikke lese passordet fra standard inn: { $reason }
cli-empty-password = Passordet som ble lest fra standard inn, var tomt.
cli-account-added = Kontoen { $account } ({ $email }) er lagt til.
cli-cert-trusted = Denne kontoen stoler på sertifikatet med fingeravtrykket { $fingerprint }.
cli-password-in-file = Passordet lagres i { $path }, som bare du kan lese (ingen nøkkelring brukes).
cli-no-accounts = Ingen kontoer ennå.
cli-account-removed = Kontoen { $account } er fjernet. E-post som allerede er lagret, blir liggende i lageret til du sletter den.
cli-cannot-read-file = Kan ikke lese { $path }: { $reason }

## Network errors
net-host-not-found = Fant ikke serveren «{ $host }». Sjekk servernavnet og internettilkoblingen din.
net-refused = Serveren { $host } avviste tilkoblingen på port { $port }. Sjekk portnummeret og sikkerhetsinnstillingen.
net-timeout = Serveren { $host } svarte ikke i tide (port { $port }). Sjekk internettilkoblingen, servernavnet og porten, og prøv igjen.
net-certificate-not-trusted = Sertifikatet til serveren { $host } er ikke klarert. Fingeravtrykket er { $fingerprint }. Stol bare på det hvis leverandøren din bekrefter nøyaktig dette fingeravtrykket.
net-tls = Kunne ikke opprette en sikker tilkobling til { $host } ({ $reason }). Sjekk at porten passer til sikkerhetsinnstillingen.
net-starttls-not-offered = Serveren { $host } tilbyr ikke kryptering (STARTTLS) på port { $port }, så Brev sendte ikke passordet ditt. Velg «TLS» med den sikre porten, eller spør leverandøren din.
net-starttls-refused = Serveren { $host } nektet å bytte til kryptering (STARTTLS) på port { $port }: { $reply }. Brev fortsatte ikke uten kryptering. Prøv igjen senere, eller velg «TLS» med den sikre porten.
net-rejected = Serveren { $host } avviste tilkoblingen: { $reply }. Prøv igjen senere.
net-protocol = Serveren { $host } svarte på en måte Brev ikke ventet ({ $reason }). Sjekk servernavnet, porten og protokollen.
net-connection-lost = Tilkoblingen til { $host } (port { $port }) ble brutt. Sjekk internettilkoblingen din og prøv igjen.
net-io = Det oppstod en nettverksfeil i kontakten med { $host } (port { $port }): { $reason }. Sjekk internettilkoblingen din og prøv igjen.
net-bad-certificate-file = Filen { $path } kunne ikke leses som et sertifikat: { $reason }. Velg en sertifikatfil i PEM- eller DER-format.

## Sync engine
sync-auth-failed = Serveren godtok ikke brukernavnet eller passordet ({ $reply }). Kontroller dem i kontoinnstillingene; Brev prøver ikke igjen før du har gjort det.
sync-no-password = Det er ikke lagret noe passord for denne kontoen. Skriv det inn i kontoinnstillingene.
sync-secrets = Brev kunne ikke lese passordet: { $reason }
sync-mailbox-in-use = Et annet program leser denne postkassen akkurat nå (for eksempel på en annen datamaskin). Brev prøver igjen om noen minutter.
sync-server-error = E-postserveren meldte om en feil: { $reply }
sync-store-error = Brev kunne ikke lagre e-post på denne datamaskinen: { $reason }. Ingenting ble slettet fra serveren.
cli-sync-start = Sjekker { $account } …
cli-sync-progress = { $folder }: { $done } av { $total }
cli-sync-summary = { $account }: { $new } nye, { $changed } endret, { $removed } fjernet, { $replayed } endringer sendt, { $deleted } slettet på serveren.
cli-sync-failed = { $account }: { $reason }
cli-no-folders = (ingen mapper ennå: kjør «brev sync»)
cli-folder-counts = { $total } meldinger, { $unread } uleste
cli-no-such-folder = Det finnes ingen mappe «{ $folder }». «brev folders» viser mappene.
cli-which-account = Mer enn én konto har en mappe «{ $folder }». Si hvilken: brev list KONTO MAPPE.

## POP3
pop-message-gone = Meldingen finnes ikke lenger på serveren, så bare hodefeltene er her. Den kan ha blitt slettet der av et annet program.

## Message display
mail-unnamed-attachment = vedlegg
mail-forwarded-message = videresendt-melding
mail-no-subject = (uten emne)
mail-header-subject = Emne
mail-header-from = Fra
mail-header-to = Til
mail-header-cc = Kopi
mail-header-bcc = Blindkopi
mail-header-reply-to = Svar til
mail-header-date = Dato
mail-header-message-id = Meldings-ID
mail-header-size = Størrelse
mail-header-unsubscribe = Avslutt abonnement
mail-date-unknown = ukjent
mail-body-from-html = (Denne teksten er laget fra HTML-versjonen av meldingen.)
mail-remote-content-blocked = (Meldingen viser til bilder eller annet innhold på internett. Brev har ikke lastet det inn.)
mail-repaired = (Deler av meldingen var skadet eller i et uventet tegnsett. Brev viser dem så godt det lar seg gjøre.)
mail-body-empty = (ingen tekst)
mail-body-more-lines = { $count ->
        [one] … og én linje til
       *[other] … og { $count } linjer til
    }
mail-attachments = { $count ->
        [one] Ett vedlegg:
       *[other] { $count } vedlegg:
    }
mail-attachment-inline = innebygd
mail-size-bytes = { $count ->
        [one] { $count } byte
       *[other] { $count } byte
    }
mail-size-kb = { $size } kB
mail-size-mb = { $size } MB
mail-size-gb = { $size } GB
mail-decimal-separator = ,

## IMAP
imap-idle-unsupported = serveren varsler ikke om ny e-post med en gang (ingen IDLE); Brev ser i stedet etter ny e-post med noen minutters mellomrom
imap-folder-unavailable = mappen «{ $folder }» kan ikke åpnes på serveren
imap-quota-usage = { $used } av { $limit } er brukt på serveren

## Window
ui-month-1 = jan.
ui-month-2 = feb.
ui-month-3 = mar.
ui-month-4 = apr.
ui-month-5 = mai
ui-month-6 = jun.
ui-month-7 = jul.
ui-month-8 = aug.
ui-month-9 = sep.
ui-month-10 = okt.
ui-month-11 = nov.
ui-month-12 = des.
ui-date-time = { $hour }:{ $minute }
ui-date-day-month = { $day }. { $month }
ui-date-full = { $day }. { $month } { $year }
ui-date-full-time = { $date } kl. { $time }
ui-digit-group-separator = { "\u00A0" }
ui-folder-inbox = Innboks
ui-folder-drafts = Utkast
ui-folder-sent = Sendt
ui-folder-archive = Arkiv
ui-folder-junk = Søppelpost
ui-folder-trash = Papirkurv
ui-folder-outbox = Utboks
ui-no-folders = Ingen mapper ennå — ser etter e-post …
ui-folder-empty = Mappen er tom.
ui-no-message-selected = Velg en melding for å lese den.
ui-reader-downloading = Resten av meldingen lastes ned …
ui-reader-links = Lenker
ui-check-mail = Se etter e-post nå
ui-mark-read = Merk som lest
ui-mark-unread = Merk som ulest
ui-flag = Flagg
ui-unflag = Fjern flagg
ui-delete = Slett
ui-move-to = Flytt til …
ui-search-placeholder = Søk (Ctrl+F)
ui-search-everywhere = Alle mapper
ui-search-clear = Tøm
ui-search-results = { $count ->
        [0] Fant ingen meldinger.
        [one] Fant én melding.
       *[other] Fant { $count } meldinger.
    }
ui-offline = Får ikke kontakt med serveren for { $account } — viser lagret e-post.
ui-retry = Prøv igjen
ui-auth-failed = Serveren godtok ikke passordet for { $account }. Kontroller brukernavn og passord i kontoinnstillingene.
ui-account-error = { $account }: { $reason }
ui-progress = { $account }, { $folder }: { $done } av { $total }
ui-folder-counts = { $count ->
        [one] { $total } melding
       *[other] { $total } meldinger
    }, { $unreadcount ->
        [one] { $unread } ulest
       *[other] { $unread } uleste
    }
ui-attachment-save = Lagre
ui-attachment-open = Åpne
ui-attachment-saved = Lagret som { $path }
ui-attachment-not-downloaded = Vedlegget er ikke lastet ned ennå. Åpne meldingen når du er på nett, og prøv igjen.
ui-attachment-save-failed = Vedlegget kunne ikke lagres: { $reason }
ui-new-mail = { $count ->
        [one] Én ny melding til { $account }
       *[other] { $count } nye meldinger til { $account }
    }
ui-settings = Innstillinger
ui-settings-title = Innstillinger
ui-settings-language = Språk
ui-settings-mark-read = Merk en åpnet melding som lest
ui-settings-mark-read-at-once = Med en gang
ui-settings-mark-read-after-delay = Etter noen sekunder
ui-settings-mark-read-never = Aldri
ui-settings-notifications = Varsle meg om ny e-post
ui-settings-done = Ferdig
ui-settings-check-interval = Se etter ny e-post hvert
ui-settings-minutes = { $count ->
        [one] minutt
       *[other] { $count }. minutt
    }
ui-settings-days = { $count ->
        [one] én dag
       *[other] { $count } dager
    }
ui-settings-never = Aldri
ui-settings-pop-leave = La en kopi av hver melding ligge igjen på serveren
ui-settings-pop-delete-after = Fjern kopien fra serveren etter
ui-settings-pop-delete-when-deleted = Fjern den fra serveren når jeg sletter den her
ui-settings-remove-account = Fjern kontoen …
ui-settings-remove-confirm = Vil du fjerne kontoen { $account } fra Brev?
ui-settings-remove-pop-warning = Dette er en POP-konto: e-posten finnes bare på denne datamaskinen. Eksporter den først hvis du vil beholde den; den lagrede e-posten slettes ikke når kontoen fjernes.
ui-settings-remove-yes = Fjern
ui-settings-cancel = Avbryt

## Demo

demo-failed = Klarte ikke å opprette eksempelpostkassen: { $reason }
ui-settings-imap-bodies = Lagre for lesing uten nett
ui-settings-imap-bodies-all = Alle meldinger
ui-settings-imap-bodies-recent = { $count ->
    [one] Meldinger fra det siste døgnet
   *[other] Meldinger fra de siste { $count } dagene
}
ui-settings-imap-bodies-on-open = Bare meldinger jeg åpner
