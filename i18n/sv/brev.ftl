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
