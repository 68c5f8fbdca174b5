app-title = Brev
app-welcome = Välkommen till Brev
app-no-accounts = Du har inget e-postkonto ännu. Lägg till ett med ”brev account add”.
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
ui-settings-pop-headers-only = Hämta bara rubrikraderna för stora meddelanden
ui-settings-pop-headers-only-hint = Resten hämtas när du öppnar meddelandet.
ui-settings-pop-headers-above = Större än { $size }
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

## Export (src/export.rs, brev export, settings)
export-done = { $count ->
    [one] Exporterade ett meddelande till { $dir }.
   *[other] Exporterade { $count } meddelanden till { $dir }.
}
export-without-body = { $count ->
    [one] Ett meddelande hämtades aldrig till den här datorn; det finns kvar på servern.
   *[other] { $count } meddelanden hämtades aldrig till den här datorn; de finns kvar på servern.
}
export-not-empty = Det finns redan filer i { $dir }. Välj en tom eller ny mapp – Brev skriver inte över något.
export-no-store = Det finns ingen sparad e-post att exportera än.
export-write-failed = Brev kunde inte skriva { $path }: { $reason }
ui-settings-export = Exportera e-posten först …
ui-settings-exporting = Exporterar …

## Sending: compose model, outbox, SMTP, brev send

compose-bad-address = ”{ $text }” är ingen e-postadress. Kontrollera den och försök igen.
compose-no-recipients = Lägg till minst en mottagare.
compose-no-sender = Kontot har ingen e-postadress. Lägg till en i inställningarna.
compose-attribution = { $date } skrev { $name }:
compose-forwarded = ---------- Vidarebefordrat meddelande ----------
compose-forwarded-from = Från:
compose-forwarded-date = Datum:
compose-forwarded-subject = Ämne:
compose-forwarded-to = Till:
compose-forwarded-cc = Kopia:
send-recipient-rejected = Servern för utgående post tog inte emot mottagaren { $address }. Kontrollera adressen. ({ $reply })
send-too-large = Meddelandet är för stort för servern för utgående post. Ta bort eller krymp bilagor och försök igen. ({ $reply })
send-auth-failed = Servern för utgående post godtog inte användarnamnet eller lösenordet. Kontrollera dem i kontoinställningarna. ({ $reply })
send-offline = Brev kunde inte nå servern för utgående post. Meddelandet väntar i Utkorgen och skickas när anslutningen är tillbaka.
send-refused = Servern för utgående post tog inte emot meddelandet: { $reply }
send-may-have-been-sent = Anslutningen bröts medan meddelandet skickades, så det kan ha kommit fram. Fråga en mottagare och skicka det sedan igen eller behåll det som skickat.
send-state-queued = Väntar på att skickas
send-state-sending = Skickar…
send-state-failed = Inte skickat: { $reason }
send-state-maybe-sent = Kan ha skickats
send-cli-sent = Skickat.
send-cli-not-sent = Inte skickat: { $reason }
send-cli-queued = Meddelandet ligger i Utkorgen och skickas vid nästa kontroll.
send-cli-no-recipients = Ange minst en mottagare (--to, --cc eller --bcc), eller ett helt meddelande med --raw.
send-cli-cannot-read = Kunde inte läsa { $path }: { $reason }
send-cli-empty = Meddelandet på standard in är tomt.

## Installationsguiden (wizard-*, advice-*)
wizard-title-add = Lägg till ett e-postkonto
wizard-intro = Berätta vem du är och vilken adress du vill använda. Inställningarna för servern letar Brev upp själv.
wizard-name = Ditt namn
wizard-name-placeholder = t.ex. Anna Lind
wizard-name-note = Namnet syns för dem du skriver till.
wizard-email = E-postadress
wizard-email-placeholder = namn@exempel.se
wizard-email-invalid = Det ser inte ut som en e-postadress. Den ska se ut som namn@exempel.se.
wizard-password = Lösenord
wizard-continue = Fortsätt
wizard-cancel = Avbryt
wizard-back = Tillbaka
wizard-add-account = Lägg till ett konto …
wizard-no-profile = Brev har ingen plats att spara sina inställningar på, så kontot kan inte sparas.
wizard-looking = Letar upp inställningarna för { $domain } …
wizard-looking-note = Det tar några sekunder.
wizard-manual-button = Fyll i inställningarna själv
wizard-manual-title = Serverinställningar
wizard-not-found = Brev hittade inte alla inställningar för { $domain }. De brukar finnas på din e-postleverantörs hjälpsidor; fyll i det som saknas.
wizard-manual-intro = Lämna raden för IMAP eller POP tom om din leverantör inte erbjuder det.
wizard-col-server = Server
wizard-col-port = Port
wizard-col-security = Säkerhet
wizard-col-username = Användarnamn
wizard-manual-need = Fyll i en inkommande server (IMAP eller POP) och den utgående servern.
wizard-server-line = { $host }, port { $port }, { $security }
wizard-security-tls = krypterad (SSL/TLS)
wizard-security-starttls = krypterad (STARTTLS)
wizard-security-none = okrypterad
wizard-source-builtin = från Brevs lista över leverantörer ({ $provider })
wizard-source-autoconfig = från leverantörens inställningsfil ({ $url })
wizard-source-srv = från DNS-posten { $record }
wizard-source-mx = från e-postservern för din domän ({ $domain })
wizard-source-probe = hittad genom att pröva de vanliga servernamnen
wizard-source-manual = ifylld av dig
wizard-choose-title = POP eller IMAP?
wizard-choose-intro = Det finns två sätt att hämta din e-post. Så här skiljer de sig:
wizard-row-arrives = Hur e-posten kommer fram
wizard-row-arrives-pop = Laddas ner till den här datorn
wizard-row-arrives-imap = Ligger kvar på servern och synkroniseras
wizard-row-devices = Flera enheter samtidigt
wizard-row-devices-pop = Nej
wizard-row-devices-imap = Ja
wizard-row-folders = Mappar
wizard-row-folders-pop = Bara Inkorgen
wizard-row-folders-imap = Alla mappar
wizard-row-sent = Skickad e-post
wizard-row-sent-pop = Sparas på den här datorn
wizard-row-sent-imap = Sparas på servern
wizard-row-space = Utrymme på servern
wizard-row-space-pop = Frigörs
wizard-row-space-imap = Används – kan bli fullt
wizard-row-breaks = Om datorn går sönder
wizard-row-breaks-pop = E-posten är borta om du inte har en säkerhetskopia
wizard-row-breaks-imap = Finns kvar på servern
wizard-row-down = Om servern inte fungerar
wizard-row-down-pop = Du har fortfarande din e-post
wizard-row-down-imap = Brev visar den sparade kopian
wizard-row-best = Passar bäst för
wizard-row-best-pop = En dator och ett eget arkiv
wizard-row-best-imap = Vardagsbruk på flera enheter
wizard-q-devices = På hur många enheter läser du den här e-posten?
wizard-a-one = Bara på den här datorn
wizard-a-several = På flera (mobil, surfplatta, webbmail …)
wizard-q-space = Har du lite utrymme på servern?
wizard-a-yes = Ja
wizard-a-no = Nej
wizard-a-dont-know = Vet inte
wizard-recommend = Brev rekommenderar { $protocol }.
wizard-only-imap = Din leverantör erbjuder bara IMAP.
wizard-only-pop = Din leverantör erbjuder bara POP.
wizard-use-imap = Använd IMAP
wizard-use-pop = Använd POP
wizard-found-title = Inställningarna som Brev använder
wizard-change-settings = Ändra inställningarna …
wizard-pop-title = En kopia på servern?
wizard-pop-intro = Med POP laddar Brev ner din e-post till den här datorn. En kopia kan ligga kvar på servern ett tag, som en extra säkerhet.
wizard-pop-several-warning = Du läser den här e-posten på flera enheter. Med POP måste varje enhet lämna en kopia på servern, annars missar de andra meddelanden. Brev lämnar en kopia.
wizard-pop-no-copy-warning = Utan en kopia finns din e-post bara på den här datorn. Glöm inte att säkerhetskopiera.
wizard-test-title = Anslutningen testas
wizard-tested-title = Testet hittade ett problem
wizard-test-incoming = Inkommande e-post ({ $protocol }), { $host }
wizard-test-outgoing = Utgående e-post (SMTP), { $host }
wizard-test-ok = Fungerar
wizard-test-waiting = Testar …
wizard-cert-title = Brev känner inte igen serverns certifikat
wizard-cert-explain = Certifikatet för { $host } är inte utfärdat av någon som din dator litar på. Lita bara på det om du väntade dig det: för din egen server, eller om din leverantör har sagt det.
wizard-cert-name = Namn i certifikatet: { $name }
wizard-cert-fingerprint = Fingeravtryck (SHA-256): { $fingerprint }
wizard-trust = Lita på det här certifikatet
wizard-try-again = Försök igen
wizard-save-anyway = Spara ändå
wizard-save-anyway-note = Om servern bara är nere just nu kan du spara kontot ändå.
wizard-all-ok = Allt fungerar. Kontot sparas …
wizard-saving = Kontot sparas …
wizard-save-failed = Kontot kunde inte sparas: { $reason }
advice-unsure = Om du är osäker, välj IMAP.
advice-several-devices = IMAP håller alla dina enheter lika: det du läser, skickar eller tar bort på en syns på de andra.
advice-several-devices-small-server = IMAP håller alla dina enheter lika. Servern är liten, så ta bort gammal e-post då och då.
advice-one-device-small-server = Med en dator och lite utrymme på servern flyttar POP hem din e-post hit, så att servern inte blir full.
advice-one-device = Med IMAP finns din e-post kvar på servern också, så inget går förlorat om datorn går sönder.

## Kontoinställning: sökning, anslutningstest, brev discover / brev check (setup-*)
setup-source-builtin = Brevs lista över e-postleverantörer ({ $provider })
setup-source-autoconfig = leverantörens inställningsfil ({ $url })
setup-source-srv = DNS-posten { $record }
setup-source-mx = domänens e-postserver, { $host }
setup-source-probe = en server som svarade på det vanliga namnet
setup-source-manual = inskrivet av dig
setup-log-bad-address = ”{ $email }” är ingen e-postadress.
setup-log-builtin = { $provider } finns i Brevs lista över leverantörer.
setup-log-autoconfig-found = Inställningsfil hittad: { $url }
setup-log-autoconfig-none = Ingen inställningsfil på { $url } ({ $reason })
setup-log-srv-found = DNS-posten { $record } pekar på { $host }, port { $port }
setup-log-srv-not-offered = DNS-posten { $record } säger att tjänsten inte erbjuds
setup-log-srv-none = Inga DNS-tjänsteposter för { $domain }
setup-log-dns-failed = DNS-uppslaget av { $name } misslyckades: { $reason }
setup-log-mx = E-post till { $domain } tas emot av { $host }
setup-log-mx-provider = { $host } tillhör { $provider }
setup-log-mx-none = Ingen e-postserverpost (MX) för { $domain }
setup-log-probe-found = { $host }, port { $port }, svarar som { $protocol }-server
setup-log-probe-none = Ingen { $protocol }-server svarade på de vanliga namnen för { $domain }
setup-log-too-slow = Några servrar för { $domain } svarade för långsamt; Brev slutade vänta på dem.
setup-log-nothing = Brev hittade inga inställningar för { $domain }. Fråga din leverantör efter servernamnen och skriv in dem själv.
setup-security-tls = SSL/TLS
setup-security-starttls = STARTTLS
setup-security-plain = okrypterad
setup-kind-imap = Inkommande e-post (IMAP)
setup-kind-pop = Inkommande e-post (POP)
setup-kind-smtp = Utgående e-post (SMTP)
setup-discover-provider = Leverantör: { $provider }
setup-discover-server = { $kind }: { $host }, port { $port }, { $security }, användarnamn { $user }
setup-discover-source = hittat i { $source }
setup-discover-missing = { $kind }: hittades inte
setup-discover-files-sent = Servern sparar själv en kopia av skickad e-post.
setup-discover-tried = Det här provade Brev:
setup-discover-nothing = Brev hittade inga inställningar för { $email }.
setup-check-account = Testar { $account } ({ $email })…
setup-check-incoming = Inkommande e-post ({ $protocol }, { $host }): { $result }
setup-check-outgoing = Utgående e-post (SMTP, { $host }): { $result }
setup-check-works = fungerar
setup-check-all-ok = Allt fungerar.
setup-check-failed = Testet misslyckades för { $count ->
    [one] ett konto
   *[other] { $count } konton
}.
setup-fail-host-not-found = Servern { $host } hittades inte. Kontrollera servernamnet och att datorn är ansluten till internet.
setup-fail-refused = { $host } tar inte emot anslutningar på port { $port }. Kontrollera portnumret.
setup-fail-timed-out = { $host } svarade inte på port { $port }. Kontrollera servernamnet och porten; en brandvägg kan vara i vägen.
setup-fail-untrusted = Certifikatet för { $host } är inte betrott. Det är utfärdat för { $name }, fingeravtryck (SHA-256) { $fingerprint }. Lita bara på det om du väntade dig just det här certifikatet.
setup-fail-wrong-password = Servern godtog inte användarnamnet eller lösenordet. Kontrollera båda; vissa leverantörer kräver ett särskilt applösenord för e-postprogram.
setup-fail-not-offered = Servern erbjuder inte { $what } på det här namnet och porten. Kontrollera servernamnet och portnumret.
setup-fail-plain-login-refused = Servern tar inte emot lösenord över en okrypterad anslutning. Välj SSL/TLS eller STARTTLS.
setup-fail-tls-not-offered = { $host } erbjuder ingen kryptering (STARTTLS) på port { $port }. Prova SSL/TLS på den vanliga porten i stället: 993 för IMAP, 995 för POP, 465 för SMTP.
setup-fail-other = Testet misslyckades: { $reason }

## Compose window (compose-ui-*)
compose-ui-title = Nytt meddelande
compose-ui-from = Från
compose-ui-to = Till
compose-ui-cc = Kopia
compose-ui-bcc = Dold kopia
compose-ui-subject = Ämne
compose-ui-address-placeholder = Namn <namn@exempel.se>, …
compose-ui-body-placeholder = Skriv ditt meddelande här.
compose-ui-send = Skicka
compose-ui-attach = Bifoga filer…
compose-ui-attach-title = Bifoga filer
compose-ui-attach-failed = Det gick inte att bifoga { $name }: { $reason }
compose-ui-attachments = { $count ->
    [one] Bilaga
   *[other] Bilagor
}
compose-ui-remove = Ta bort
compose-ui-too-big = Meddelandet är ungefär { $size }, men servern tar emot högst { $limit }. Ta bort en bilaga eller skicka den på något annat sätt.
compose-ui-close = Stäng
compose-ui-ask-keep = Vill du spara meddelandet som utkast?
compose-ui-save-draft = Spara utkast
compose-ui-discard = Släng
compose-ui-keep-writing = Fortsätt skriva
compose-ui-suggest-hint = Tab eller ett klick väljer adressen; ↑ ↓ bläddrar.
compose-ui-hint = Ctrl+Enter skickar. Esc stänger.
compose-ui-no-account = Välj kontot du vill skicka från.
compose-ui-original-missing = Meddelandet finns inte längre.
compose-ui-new = Nytt meddelande
compose-ui-reply = Svara
compose-ui-reply-all = Svara alla
compose-ui-forward = Vidarebefordra
compose-ui-queued = Meddelandet ligger i Utkorgen och skickas så snart det går.
compose-ui-sent = Meddelandet skickades från { $account }.
compose-ui-send-failed = Det gick inte att skicka från { $account }: { $reason } Meddelandet väntar i Utkorgen.
compose-ui-send-again = Skicka igen
compose-ui-was-sent = Det skickades
compose-ui-signature = Signatur
compose-ui-signature-hint = Läggs till under dina nya meddelanden och svar.

# Compose polish: editing drafts, fetching before replying, Outbox states (compose-ui-*)
compose-ui-edit = Redigera
compose-ui-fetching = Hämtar meddelandet…
compose-ui-fetch-offline = { $account } är offline, så meddelandet kan inte hämtas nu. Försök igen när du är ansluten.
compose-ui-fetch-failed = Det gick inte att hämta meddelandet: { $reason }
compose-ui-list-queued = Väntar
compose-ui-list-sending = Skickar…
compose-ui-list-failed = Misslyckades
compose-ui-list-maybe-sent = Kan ha skickats

## Settings: a new password
ui-settings-password = Nytt lösenord
ui-settings-password-placeholder = Skriv det nya lösenordet
ui-settings-password-save = Spara lösenordet
ui-settings-password-saved = Sparat. Brev loggar in med det från och med nu.

# Settings: server settings
ui-settings-server-show = Serverinställningar
ui-settings-server-hide = Dölj serverinställningarna
ui-settings-server-protocol = Vill du byta mellan IMAP och POP lägger du till kontot på nytt och väljer det andra.
ui-settings-server-incoming = Server för inkommande e-post ({ $protocol })
ui-settings-server-outgoing = Server för utgående e-post (SMTP)
ui-settings-server-host = Server
ui-settings-server-port = Port
ui-settings-server-security = Säkerhet
ui-settings-server-username = Användarnamn
ui-settings-server-pop-note = Byter du server kontrollerar Brev den nya och hämtar inte e-post som redan finns i Brev en gång till.
ui-settings-server-save = Spara serverinställningarna
ui-settings-server-undo = Ångra ändringarna
ui-settings-server-saved = Sparat. Brev ansluter med de här inställningarna från och med nu.
ui-settings-server-not-saved = Inget sparades: rätta de markerade fälten först.
ui-settings-server-host-empty = Skriv serverns namn.
ui-settings-server-host-spaces = Ett servernamn har inga mellanslag.
ui-settings-server-port-invalid = Skriv ett tal från 1 till 65535.
ui-settings-server-username-empty = Skriv ditt användarnamn.
