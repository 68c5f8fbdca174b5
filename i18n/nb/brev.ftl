app-title = Brev
app-welcome = Velkommen til Brev
app-no-accounts = Du har ingen e-postkonto ennå. Legg til en med «brev account add».
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
ui-settings-pop-headers-only = Last ned bare hodefeltene for store meldinger
ui-settings-pop-headers-only-hint = Resten lastes ned når du åpner meldingen.
ui-settings-pop-headers-above = Større enn { $size }
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

## Export (src/export.rs, brev export, settings)
export-done = { $count ->
    [one] Eksporterte én melding til { $dir }.
   *[other] Eksporterte { $count } meldinger til { $dir }.
}
export-without-body = { $count ->
    [one] Én melding ble aldri lastet ned til denne datamaskinen; den ligger fortsatt på serveren.
   *[other] { $count } meldinger ble aldri lastet ned til denne datamaskinen; de ligger fortsatt på serveren.
}
export-not-empty = Det finnes allerede filer i { $dir }. Velg en tom eller ny mappe – Brev overskriver ingenting.
export-no-store = Det finnes ingen lagret e-post å eksportere ennå.
export-write-failed = Brev kunne ikke skrive { $path }: { $reason }
ui-settings-export = Eksporter e-posten først …
ui-settings-exporting = Eksporterer …

## Sending: compose model, outbox, SMTP, brev send

compose-bad-address = «{ $text }» er ikke en e-postadresse. Sjekk den og prøv igjen.
compose-no-recipients = Legg til minst én mottaker.
compose-no-sender = Kontoen har ingen e-postadresse. Legg til en i innstillingene.
compose-attribution = { $date } skrev { $name }:
compose-forwarded = ---------- Videresendt melding ----------
compose-forwarded-from = Fra:
compose-forwarded-date = Dato:
compose-forwarded-subject = Emne:
compose-forwarded-to = Til:
compose-forwarded-cc = Kopi:
send-recipient-rejected = Serveren for utgående e-post godtok ikke mottakeren { $address }. Sjekk adressen. ({ $reply })
send-too-large = Meldingen er for stor for serveren for utgående e-post. Fjern eller krymp vedlegg og prøv igjen. ({ $reply })
send-auth-failed = Serveren for utgående e-post godtok ikke brukernavnet eller passordet. Sjekk dem i kontoinnstillingene. ({ $reply })
send-offline = Brev fikk ikke kontakt med serveren for utgående e-post. Meldingen venter i Utboksen og sendes når forbindelsen er tilbake.
send-refused = Serveren for utgående e-post tok ikke imot meldingen: { $reply }
send-may-have-been-sent = Forbindelsen ble brutt mens meldingen ble sendt, så den kan ha kommet fram. Spør en mottaker, og send den på nytt eller behold den som sendt.
send-state-queued = Venter på å bli sendt
send-state-sending = Sender…
send-state-failed = Ikke sendt: { $reason }
send-state-maybe-sent = Kan ha blitt sendt
send-cli-sent = Sendt.
send-cli-not-sent = Ikke sendt: { $reason }
send-cli-queued = Meldingen ligger i Utboksen og sendes ved neste sjekk.
send-cli-no-recipients = Oppgi minst én mottaker (--to, --cc eller --bcc), eller en hel melding med --raw.
send-cli-cannot-read = Kunne ikke lese { $path }: { $reason }
send-cli-empty = Meldingen på standard inn er tom.

## Oppsettveiviseren (wizard-*, advice-*)
wizard-title-add = Legg til en e-postkonto
wizard-intro = Fortell hvem du er og hvilken adresse du vil bruke. Serverinnstillingene finner Brev selv.
wizard-name = Navnet ditt
wizard-name-placeholder = f.eks. Kari Nordmann
wizard-name-note = Navnet vises for dem du skriver til.
wizard-email = E-postadresse
wizard-email-placeholder = navn@eksempel.no
wizard-email-invalid = Det ser ikke ut som en e-postadresse. Den skal se ut som navn@eksempel.no.
wizard-password = Passord
wizard-continue = Fortsett
wizard-cancel = Avbryt
wizard-back = Tilbake
wizard-add-account = Legg til en konto …
wizard-no-profile = Brev har ikke noe sted å lagre innstillingene sine, så kontoen kan ikke lagres.
wizard-looking = Ser etter innstillingene for { $domain } …
wizard-looking-note = Det tar noen sekunder.
wizard-manual-button = Skriv inn innstillingene selv
wizard-manual-title = Serverinnstillinger
wizard-not-found = Brev fant ikke alle innstillingene for { $domain }. De står vanligvis på hjelpesidene til e-postleverandøren din; fyll inn det som mangler.
wizard-manual-intro = La raden for IMAP eller POP stå tom hvis leverandøren din ikke tilbyr det.
wizard-col-server = Server
wizard-col-port = Port
wizard-col-security = Sikkerhet
wizard-col-username = Brukernavn
wizard-manual-need = Fyll inn en innkommende server (IMAP eller POP) og den utgående serveren.
wizard-server-line = { $host }, port { $port }, { $security }
wizard-security-tls = kryptert (SSL/TLS)
wizard-security-starttls = kryptert (STARTTLS)
wizard-security-none = ukryptert
wizard-source-builtin = fra Brevs liste over leverandører ({ $provider })
wizard-source-autoconfig = fra leverandørens innstillingsfil ({ $url })
wizard-source-srv = fra DNS-oppføringen { $record }
wizard-source-mx = fra e-postserveren til domenet ditt ({ $domain })
wizard-source-probe = funnet ved å prøve de vanlige servernavnene
wizard-source-manual = skrevet inn av deg
wizard-choose-title = POP eller IMAP?
wizard-choose-intro = Det finnes to måter å hente e-posten din på. Slik skiller de seg:
wizard-row-arrives = Hvordan e-posten kommer fram
wizard-row-arrives-pop = Lastes ned til denne datamaskinen
wizard-row-arrives-imap = Blir liggende på serveren og synkroniseres
wizard-row-devices = Flere enheter samtidig
wizard-row-devices-pop = Nei
wizard-row-devices-imap = Ja
wizard-row-folders = Mapper
wizard-row-folders-pop = Bare Innboks
wizard-row-folders-imap = Alle mapper
wizard-row-sent = Sendt e-post
wizard-row-sent-pop = Lagres på denne datamaskinen
wizard-row-sent-imap = Lagres på serveren
wizard-row-space = Plass på serveren
wizard-row-space-pop = Frigjøres
wizard-row-space-imap = Brukes – kan bli full
wizard-row-breaks = Hvis datamaskinen går i stykker
wizard-row-breaks-pop = E-posten er borte hvis du ikke har sikkerhetskopi
wizard-row-breaks-imap = Ligger fortsatt på serveren
wizard-row-down = Hvis serveren er nede
wizard-row-down-pop = Du har fortsatt e-posten din
wizard-row-down-imap = Brev viser den lagrede kopien
wizard-row-best = Passer best for
wizard-row-best-pop = Én datamaskin og et eget arkiv
wizard-row-best-imap = Daglig bruk på flere enheter
wizard-q-devices = På hvor mange enheter leser du denne e-posten?
wizard-a-one = Bare på denne datamaskinen
wizard-a-several = På flere (mobil, nettbrett, webmail …)
wizard-q-space = Har du lite plass på serveren?
wizard-a-yes = Ja
wizard-a-no = Nei
wizard-a-dont-know = Vet ikke
wizard-recommend = Brev anbefaler { $protocol }.
wizard-only-imap = Leverandøren din tilbyr bare IMAP.
wizard-only-pop = Leverandøren din tilbyr bare POP.
wizard-use-imap = Bruk IMAP
wizard-use-pop = Bruk POP
wizard-found-title = Innstillingene Brev bruker
wizard-change-settings = Endre innstillingene …
wizard-pop-title = En kopi på serveren?
wizard-pop-intro = Med POP laster Brev ned e-posten din til denne datamaskinen. En kopi kan bli liggende på serveren en stund, som en ekstra sikkerhet.
wizard-pop-several-warning = Du leser denne e-posten på flere enheter. Med POP må hver enhet la en kopi ligge igjen på serveren, ellers går de andre glipp av meldinger. Brev lar en kopi ligge.
wizard-pop-no-copy-warning = Uten en kopi finnes e-posten din bare på denne datamaskinen. Husk å ta sikkerhetskopi.
wizard-test-title = Tester tilkoblingen
wizard-tested-title = Testen fant et problem
wizard-test-incoming = Innkommende e-post ({ $protocol }), { $host }
wizard-test-outgoing = Utgående e-post (SMTP), { $host }
wizard-test-ok = Virker
wizard-test-waiting = Tester …
wizard-cert-title = Brev kjenner ikke igjen sertifikatet til serveren
wizard-cert-explain = Sertifikatet til { $host } er ikke utstedt av noen som datamaskinen din stoler på. Stol bare på det hvis du forventet det: for din egen server, eller hvis leverandøren din har sagt det.
wizard-cert-name = Navn i sertifikatet: { $name }
wizard-cert-fingerprint = Fingeravtrykk (SHA-256): { $fingerprint }
wizard-trust = Stol på dette sertifikatet
wizard-try-again = Prøv igjen
wizard-save-anyway = Lagre likevel
wizard-save-anyway-note = Hvis serveren bare er nede akkurat nå, kan du lagre kontoen likevel.
wizard-all-ok = Alt virker. Lagrer kontoen …
wizard-saving = Lagrer kontoen …
wizard-save-failed = Kontoen kunne ikke lagres: { $reason }
advice-unsure = Er du i tvil, velg IMAP.
advice-several-devices = IMAP holder alle enhetene dine like: det du leser, sender eller sletter på én, ser du på de andre.
advice-several-devices-small-server = IMAP holder alle enhetene dine like. Serveren har lite plass, så slett gammel e-post innimellom.
advice-one-device-small-server = Med én datamaskin og lite plass på serveren flytter POP e-posten hit, så serveren ikke blir full.
advice-one-device = Med IMAP ligger e-posten også på serveren, så ingenting går tapt hvis datamaskinen går i stykker.

## Kontooppsett: søk, tilkoblingstest, brev discover / brev check (setup-*)
setup-source-builtin = Brevs liste over e-postleverandører ({ $provider })
setup-source-autoconfig = leverandørens innstillingsfil ({ $url })
setup-source-srv = DNS-posten { $record }
setup-source-mx = domenets e-postserver, { $host }
setup-source-probe = en server som svarte på det vanlige navnet
setup-source-manual = skrevet inn av deg
setup-log-bad-address = «{ $email }» er ikke en e-postadresse.
setup-log-builtin = { $provider } står i Brevs liste over leverandører.
setup-log-autoconfig-found = Innstillingsfil funnet: { $url }
setup-log-autoconfig-none = Ingen innstillingsfil på { $url } ({ $reason })
setup-log-srv-found = DNS-posten { $record } peker til { $host }, port { $port }
setup-log-srv-not-offered = DNS-posten { $record } sier at tjenesten ikke tilbys
setup-log-srv-none = Ingen DNS-tjenesteposter for { $domain }
setup-log-dns-failed = DNS-oppslaget av { $name } mislyktes: { $reason }
setup-log-mx = E-post til { $domain } tas imot av { $host }
setup-log-mx-provider = { $host } tilhører { $provider }
setup-log-mx-none = Ingen e-postserverpost (MX) for { $domain }
setup-log-probe-found = { $host }, port { $port }, svarer som { $protocol }-server
setup-log-probe-none = Ingen { $protocol }-server svarte på de vanlige navnene for { $domain }
setup-log-too-slow = Noen servere for { $domain } svarte for sakte; Brev sluttet å vente på dem.
setup-log-nothing = Brev fant ingen innstillinger for { $domain }. Spør leverandøren din om servernavnene, og skriv dem inn selv.
setup-security-tls = SSL/TLS
setup-security-starttls = STARTTLS
setup-security-plain = ukryptert
setup-kind-imap = Innkommende e-post (IMAP)
setup-kind-pop = Innkommende e-post (POP)
setup-kind-smtp = Utgående e-post (SMTP)
setup-discover-provider = Leverandør: { $provider }
setup-discover-server = { $kind }: { $host }, port { $port }, { $security }, brukernavn { $user }
setup-discover-source = funnet i { $source }
setup-discover-missing = { $kind }: ikke funnet
setup-discover-files-sent = Serveren lagrer selv en kopi av sendt e-post.
setup-discover-tried = Dette prøvde Brev:
setup-discover-nothing = Brev fant ingen innstillinger for { $email }.
setup-check-account = Tester { $account } ({ $email })…
setup-check-incoming = Innkommende e-post ({ $protocol }, { $host }): { $result }
setup-check-outgoing = Utgående e-post (SMTP, { $host }): { $result }
setup-check-works = virker
setup-check-all-ok = Alt virker.
setup-check-failed = Testen mislyktes for { $count ->
    [one] én konto
   *[other] { $count } kontoer
}.
setup-fail-host-not-found = Fant ikke serveren { $host }. Sjekk servernavnet, og at maskinen er koblet til Internett.
setup-fail-refused = { $host } tar ikke imot tilkoblinger på port { $port }. Sjekk portnummeret.
setup-fail-timed-out = { $host } svarte ikke på port { $port }. Sjekk servernavnet og porten; en brannmur kan være i veien.
setup-fail-untrusted = Sertifikatet til { $host } er ikke klarert. Det er utstedt for { $name }, fingeravtrykk (SHA-256) { $fingerprint }. Stol bare på det hvis du ventet akkurat dette sertifikatet.
setup-fail-wrong-password = Serveren godtok ikke brukernavnet eller passordet. Sjekk begge; noen leverandører krever et eget app-passord for e-postprogrammer.
setup-fail-not-offered = Serveren tilbyr ikke { $what } på dette navnet og denne porten. Sjekk servernavnet og portnummeret.
setup-fail-plain-login-refused = Serveren tar ikke imot passord over en ukryptert tilkobling. Velg SSL/TLS eller STARTTLS.
setup-fail-tls-not-offered = { $host } tilbyr ikke kryptering (STARTTLS) på port { $port }. Prøv heller SSL/TLS på den vanlige porten: 993 for IMAP, 995 for POP, 465 for SMTP.
setup-fail-other = Testen mislyktes: { $reason }

## Compose window (compose-ui-*)
compose-ui-title = Ny melding
compose-ui-from = Fra
compose-ui-to = Til
compose-ui-cc = Kopi
compose-ui-bcc = Blindkopi
compose-ui-subject = Emne
compose-ui-address-placeholder = Navn <navn@eksempel.no>, …
compose-ui-body-placeholder = Skriv meldingen din her.
compose-ui-send = Send
compose-ui-attach = Legg ved filer…
compose-ui-attach-title = Legg ved filer
compose-ui-attach-failed = Kunne ikke legge ved { $name }: { $reason }
compose-ui-attachments = { $count ->
    [one] Vedlegg
   *[other] Vedlegg
}
compose-ui-remove = Fjern
compose-ui-too-big = Meldingen er omtrent { $size }, men serveren tar bare imot { $limit }. Fjern et vedlegg eller send det på en annen måte.
compose-ui-close = Lukk
compose-ui-ask-keep = Vil du ta vare på meldingen som utkast?
compose-ui-save-draft = Lagre utkast
compose-ui-discard = Forkast
compose-ui-keep-writing = Skriv videre
compose-ui-suggest-hint = Tab eller et klikk velger adressen; ↑ ↓ blar.
compose-ui-hint = Ctrl+Enter sender. Esc lukker.
compose-ui-no-account = Velg kontoen du vil sende fra.
compose-ui-original-missing = Meldingen finnes ikke lenger.
compose-ui-new = Ny melding
compose-ui-reply = Svar
compose-ui-reply-all = Svar alle
compose-ui-forward = Videresend
compose-ui-queued = Meldingen ligger i Utboksen og sendes så snart det går.
compose-ui-sent = Meldingen ble sendt fra { $account }.
compose-ui-send-failed = Kunne ikke sende fra { $account }: { $reason } Meldingen venter i Utboksen.
compose-ui-send-again = Send på nytt
compose-ui-was-sent = Den ble sendt
compose-ui-signature = Signatur
compose-ui-signature-hint = Legges til under nye meldinger og svar.

# Compose polish: editing drafts, fetching before replying, Outbox states (compose-ui-*)
compose-ui-edit = Rediger
compose-ui-fetching = Henter meldingen…
compose-ui-fetch-offline = { $account } er frakoblet, så meldingen kan ikke hentes nå. Prøv igjen når du er tilkoblet.
compose-ui-fetch-failed = Kunne ikke hente meldingen: { $reason }
compose-ui-list-queued = Venter
compose-ui-list-sending = Sender…
compose-ui-list-failed = Mislyktes
compose-ui-list-maybe-sent = Kan ha blitt sendt

## Settings: a new password
ui-settings-password = Nytt passord
ui-settings-password-placeholder = Skriv inn det nye passordet
ui-settings-password-save = Lagre passordet
ui-settings-password-saved = Lagret. Brev logger inn med det fra nå av.

# Settings: server settings
ui-settings-server-show = Tjenerinnstillinger
ui-settings-server-hide = Skjul tjenerinnstillingene
ui-settings-server-protocol = Vil du bytte mellom IMAP og POP, legger du til kontoen på nytt og velger den andre.
ui-settings-server-incoming = Tjener for innkommende e-post ({ $protocol })
ui-settings-server-outgoing = Tjener for utgående e-post (SMTP)
ui-settings-server-host = Tjener
ui-settings-server-port = Port
ui-settings-server-security = Sikkerhet
ui-settings-server-username = Brukernavn
ui-settings-server-pop-note = Bytter du tjener, sjekker Brev den nye og laster ikke ned på nytt e-post som allerede finnes i Brev.
ui-settings-server-save = Lagre tjenerinnstillingene
ui-settings-server-undo = Angre endringene
ui-settings-server-saved = Lagret. Brev kobler til med disse innstillingene fra nå av.
ui-settings-server-not-saved = Ingenting ble lagret: rett opp de merkede feltene først.
ui-settings-server-host-empty = Skriv inn navnet på tjeneren.
ui-settings-server-host-spaces = Et tjenernavn har ingen mellomrom.
ui-settings-server-port-invalid = Skriv inn et tall fra 1 til 65535.
ui-settings-server-username-empty = Skriv inn brukernavnet ditt.
