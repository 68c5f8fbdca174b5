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
