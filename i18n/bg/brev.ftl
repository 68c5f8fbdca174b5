app-title = Brev
app-welcome = Добре дошли в Brev
app-no-accounts = Все още нямате пощенски акаунт. Добавете такъв с „brev account add“.
app-accounts = { $count ->
    [one] Настроен е един акаунт.
   *[other] Настроени са { $count } акаунта.
}
app-config-broken-title = Brev не можа да прочете настройките си
app-window-failed = Brev не успя да отвори прозореца си: { $reason }

## Profile, settings, passwords, store
profile-no-home = Brev не намери домашна папка, в която да пази настройките и пощата. Стартирайте с --profile ПАПКА, за да изберете папка.
profile-cannot-create = Brev не може да създаде папката { $path }: { $reason }
config-cannot-read = Brev не може да прочете файла с настройки { $path }: { $reason }
config-parse-error = Файлът с настройки { $path } съдържа грешка на ред { $line }: { $reason }. Brev не е променил файла; поправете реда или преместете файла, за да започнете наново.
config-invalid = Файлът с настройки { $path } не е валиден: { $reason }. Brev не е променил файла.
config-cannot-write = Brev не може да запише настройките в { $path }: { $reason }
config-duplicate-account = Вече има акаунт с името „{ $account }“.
config-no-such-account = Няма акаунт „{ $account }“. „brev account list“ показва акаунтите.
secrets-no-keyring = На този компютър не работи хранилище за пароли, затова Brev не може да запази паролата ви сигурно ({ $reason }). Стартирайте хранилището на работния плот (например GNOME Keyring или KWallet) или, на машина без такова, изберете --password-storage file, за да пазите паролите във файл, който само вие можете да четете.
secrets-keyring-error = Хранилището за пароли съобщи за грешка: { $reason }
secrets-file-error = Brev не може да използва файла с пароли { $path }: { $reason }
store-error = Хранилището за поща съобщи за грешка: { $reason }
store-cannot-open = Brev не може да отвори хранилището за поща { $path }: { $reason }
store-too-new = Хранилището за поща е записано от по-нова версия на Brev. Обновете Brev, за да го отворите; нищо не е променено.
store-not-found = Съобщението или папката вече не съществуват.

## Headless commands
cli-error = brev: { $message }
cli-output-error = Brev не успя да изведе резултата: { $reason }
cli-bad-email = „{ $email }“ не е имейл адрес.
cli-cannot-read-password = Brev не успя да прочете паролата от стандартния вход: { $reason }
cli-empty-password = Паролата, прочетена от стандартния вход, е празна.
cli-account-added = Акаунтът { $account } ({ $email }) е добавен.
cli-cert-trusted = Този акаунт има доверие на сертификата с отпечатък { $fingerprint }.
cli-password-in-file = Паролата се пази в { $path }, който само вие можете да четете (не се използва хранилище за пароли).
cli-no-accounts = Все още няма акаунти.
cli-account-removed = Акаунтът { $account } е премахнат. Вече запазената поща остава в хранилището, докато не я изтриете.
cli-cannot-read-file = Не може да се прочете { $path }: { $reason }

## Network errors
net-host-not-found = Сървърът „{ $host }“ не може да бъде намерен. Проверете името на сървъра и връзката си с интернет.
net-refused = Сървърът { $host } отказа връзката на порт { $port }. Проверете номера на порта и настройката за сигурност.
net-timeout = Сървърът { $host } не отговори навреме (порт { $port }). Проверете връзката си с интернет, името на сървъра и порта и опитайте отново.
net-certificate-not-trusted = Сертификатът на сървъра { $host } не е доверен. Отпечатъкът му е { $fingerprint }. Доверете му се само ако доставчикът ви потвърди точно този отпечатък.
net-tls = Не може да се установи защитена връзка с { $host } ({ $reason }). Проверете дали портът отговаря на настройката за сигурност.
net-starttls-not-offered = Сървърът { $host } не предлага шифроване (STARTTLS) на порт { $port }, затова Brev не изпрати паролата ви. Изберете „TLS“ със защитения порт или попитайте доставчика си.
net-starttls-refused = Сървърът { $host } отказа да премине към шифроване (STARTTLS) на порт { $port }: { $reply }. Brev не продължи без шифроване. Опитайте отново по-късно или изберете „TLS“ със защитения порт.
net-rejected = Сървърът { $host } отхвърли връзката: { $reply }. Опитайте отново по-късно.
net-protocol = Сървърът { $host } отговори по начин, който Brev не очакваше ({ $reason }). Проверете името на сървъра, порта и протокола.
net-connection-lost = Връзката с { $host } (порт { $port }) прекъсна. Проверете връзката си с интернет и опитайте отново.
net-io = Възникна мрежова грешка при връзката с { $host } (порт { $port }): { $reason }. Проверете връзката си с интернет и опитайте отново.
net-bad-certificate-file = Файлът { $path } не може да бъде прочетен като сертификат: { $reason }. Изберете файл със сертификат във формат PEM или DER.

## Sync engine
sync-auth-failed = Сървърът не прие потребителското име или паролата ({ $reply }). Проверете ги в настройките на акаунта; Brev няма да опита отново, докато не го направите.
sync-no-password = За този акаунт няма запазена парола. Въведете я в настройките на акаунта.
sync-secrets = Brev не можа да прочете паролата: { $reason }
sync-mailbox-in-use = Друга програма чете тази пощенска кутия в момента (например на друг компютър). Brev ще опита отново след няколко минути.
sync-server-error = Пощенският сървър съобщи за грешка: { $reply }
sync-store-error = Brev не можа да запази пощата на този компютър: { $reason }. Нищо не е изтрито от сървъра.
cli-sync-start = Проверка на { $account } …
cli-sync-progress = { $folder }: { $done } от { $total }
cli-sync-summary = { $account }: { $new } нови, { $changed } променени, { $removed } премахнати, { $replayed } изпратени промени, { $deleted } изтрити на сървъра.
cli-sync-failed = { $account }: { $reason }
cli-no-folders = (все още няма папки: изпълнете „brev sync“)
cli-folder-counts = { $total } съобщения, { $unread } непрочетени
cli-no-such-folder = Няма папка „{ $folder }“. „brev folders“ показва папките.
cli-which-account = Повече от един акаунт има папка „{ $folder }“. Посочете кой: brev list АКАУНТ ПАПКА.

## POP3
pop-message-gone = Това писмо вече не е на сървъра, затова тук са само заглавните му полета. Възможно е да е изтрито там от друга програма.

## Message display
mail-unnamed-attachment = прикачен-файл
mail-forwarded-message = препратено-писмо
mail-no-subject = (без тема)
mail-header-subject = Тема
mail-header-from = От
mail-header-to = До
mail-header-cc = Копие
mail-header-bcc = Скрито копие
mail-header-reply-to = Отговор до
mail-header-date = Дата
mail-header-message-id = Идентификатор на писмото
mail-header-size = Размер
mail-header-unsubscribe = Отписване
mail-date-unknown = неизвестна
mail-body-from-html = (Този текст е получен от HTML версията на писмото.)
mail-remote-content-blocked = (Писмото съдържа препратки към изображения или друго съдържание в интернет. Brev не ги е заредил.)
mail-repaired = (Части от писмото бяха повредени или в неочаквана кодировка. Brev ги показва възможно най-добре.)
mail-body-empty = (няма текст)
mail-body-more-lines = { $count ->
        [one] … и още един ред
       *[other] … и още { $count } реда
    }
mail-attachments = { $count ->
        [one] Един прикачен файл:
       *[other] { $count } прикачени файла:
    }
mail-attachment-inline = вграден
mail-size-bytes = { $count ->
        [one] { $count } байт
       *[other] { $count } байта
    }
mail-size-kb = { $size } КБ
mail-size-mb = { $size } МБ
mail-size-gb = { $size } ГБ
mail-decimal-separator = ,

## IMAP
imap-idle-unsupported = сървърът не съобщава веднага за нови писма (няма IDLE); вместо това Brev проверява за нова поща на всеки няколко минути
imap-folder-unavailable = папката „{ $folder }“ не може да бъде отворена на сървъра
imap-quota-usage = { $used } от { $limit } са заети на сървъра

## Window
ui-month-1 = яну
ui-month-2 = фев
ui-month-3 = мар
ui-month-4 = апр
ui-month-5 = май
ui-month-6 = юни
ui-month-7 = юли
ui-month-8 = авг
ui-month-9 = сеп
ui-month-10 = окт
ui-month-11 = ное
ui-month-12 = дек
ui-date-time = { $hour }:{ $minute }
ui-date-day-month = { $day } { $month }
ui-date-full = { $day } { $month } { $year } г.
ui-date-full-time = { $date }, { $time } ч.
ui-digit-group-separator = { "\u00A0" }
ui-folder-inbox = Входящи
ui-folder-drafts = Чернови
ui-folder-sent = Изпратени
ui-folder-archive = Архив
ui-folder-junk = Спам
ui-folder-trash = Кошче
ui-folder-outbox = Изходящи
ui-no-folders = Още няма папки — проверява се за поща…
ui-folder-empty = Папката е празна.
ui-no-message-selected = Изберете съобщение, за да го прочетете.
ui-reader-downloading = Останалата част от съобщението се изтегля…
ui-reader-links = Връзки
ui-check-mail = Провери пощата сега
ui-mark-read = Маркирай като прочетено
ui-mark-unread = Маркирай като непрочетено
ui-flag = Отбележи
ui-unflag = Премахни отметката
ui-delete = Изтрий
ui-move-to = Премести в…
ui-search-placeholder = Търсене (Ctrl+F)
ui-search-everywhere = Всички папки
ui-search-clear = Изчисти
ui-search-results = { $count ->
        [0] Няма намерени съобщения.
        [one] Намерено е едно съобщение.
       *[other] Намерени са { $count } съобщения.
    }
ui-offline = Няма връзка със сървъра за { $account } — показва се запазената поща.
ui-retry = Опитай отново
ui-auth-failed = Сървърът не прие паролата за { $account }. Проверете потребителското име и паролата в настройките на акаунта.
ui-account-error = { $account }: { $reason }
ui-progress = { $account }, { $folder }: { $done } от { $total }
ui-folder-counts = { $count ->
        [one] { $total } съобщение
       *[other] { $total } съобщения
    }, { $unreadcount ->
        [one] { $unread } непрочетено
       *[other] { $unread } непрочетени
    }
ui-attachment-save = Запази
ui-attachment-open = Отвори
ui-attachment-saved = Запазено като { $path }
ui-attachment-not-downloaded = Прикаченият файл още не е изтеглен. Отворете съобщението, когато има връзка, и опитайте отново.
ui-attachment-save-failed = Прикаченият файл не може да бъде запазен: { $reason }
ui-new-mail = { $count ->
        [one] Едно ново съобщение за { $account }
       *[other] { $count } нови съобщения за { $account }
    }
ui-settings = Настройки
ui-settings-title = Настройки
ui-settings-language = Език
ui-settings-mark-read = Маркиране на отворено съобщение като прочетено
ui-settings-mark-read-at-once = Веднага
ui-settings-mark-read-after-delay = След няколко секунди
ui-settings-mark-read-never = Никога
ui-settings-notifications = Известявай ме за нова поща
ui-settings-done = Готово
ui-settings-check-interval = Проверка за нова поща
ui-settings-minutes = { $count ->
        [one] на всяка минута
       *[other] на всеки { $count } минути
    }
ui-settings-days = { $count ->
        [one] един ден
       *[other] { $count } дни
    }
ui-settings-never = Никога
ui-settings-pop-leave = Оставяй копие от всяко съобщение на сървъра
ui-settings-pop-delete-after = Премахвай копието от сървъра след
ui-settings-pop-delete-when-deleted = Премахвай го от сървъра, когато го изтрия тук
ui-settings-pop-headers-only = Изтегляй само заглавните полета на големите съобщения
ui-settings-pop-headers-only-hint = Останалото идва, когато отворите съобщението.
ui-settings-pop-headers-above = По-големи от { $size }
ui-settings-remove-account = Премахни акаунта…
ui-settings-remove-confirm = Да се премахне ли акаунтът { $account } от Brev?
ui-settings-remove-pop-warning = Това е POP акаунт: пощата му съществува само на този компютър. Първо я експортирайте, ако искате да я запазите; премахването на акаунта не изтрива запазената поща.
ui-settings-remove-yes = Премахни
ui-settings-cancel = Отказ

## Demo

demo-failed = Примерната пощенска кутия не може да бъде създадена: { $reason }
ui-settings-imap-bodies = Пази за четене без връзка
ui-settings-imap-bodies-all = Всички съобщения
ui-settings-imap-bodies-recent = { $count ->
    [one] Съобщенията от последния ден
   *[other] Съобщенията от последните { $count } дни
}
ui-settings-imap-bodies-on-open = Само съобщенията, които отварям

## Export (src/export.rs, brev export, settings)
export-done = { $count ->
    [one] Едно писмо е експортирано в { $dir }.
   *[other] { $count } писма са експортирани в { $dir }.
}
export-without-body = { $count ->
    [one] Едно писмо никога не е било изтеглено на този компютър; то още е на сървъра.
   *[other] { $count } писма никога не са били изтеглени на този компютър; те още са на сървъра.
}
export-not-empty = В { $dir } вече има файлове. Изберете празна или нова папка – Brev не презаписва нищо.
export-no-store = Все още няма запазена поща за експортиране.
export-write-failed = Brev не можа да запише { $path }: { $reason }
ui-settings-export = Експортирай пощата първо…
ui-settings-exporting = Експортиране…

## Sending: compose model, outbox, SMTP, brev send

compose-bad-address = „{ $text }“ не е имейл адрес. Проверете го и опитайте пак.
compose-no-recipients = Добавете поне един получател.
compose-no-sender = Този профил няма имейл адрес. Добавете го в настройките.
compose-attribution = На { $date } { $name } написа:
compose-forwarded = ---------- Препратено съобщение ----------
compose-forwarded-from = От:
compose-forwarded-date = Дата:
compose-forwarded-subject = Тема:
compose-forwarded-to = До:
compose-forwarded-cc = Копие:
send-recipient-rejected = Сървърът за изходяща поща не прие получателя { $address }. Проверете адреса. ({ $reply })
send-too-large = Съобщението е твърде голямо за сървъра за изходяща поща. Махнете или намалете прикачените файлове и опитайте пак. ({ $reply })
send-auth-failed = Сървърът за изходяща поща не прие потребителското име или паролата. Проверете ги в настройките на профила. ({ $reply })
send-offline = Brev не успя да се свърже със сървъра за изходяща поща. Съобщението чака в „Изходящи“ и ще бъде изпратено, когато връзката се възстанови.
send-refused = Сървърът за изходяща поща не прие съобщението: { $reply }
send-may-have-been-sent = Връзката прекъсна по време на изпращането, така че съобщението може да е пристигнало. Проверете с получател, после го изпратете пак или го запазете като изпратено.
send-state-queued = Чака изпращане
send-state-sending = Изпраща се…
send-state-failed = Не е изпратено: { $reason }
send-state-maybe-sent = Може да е изпратено
send-cli-sent = Изпратено.
send-cli-not-sent = Не е изпратено: { $reason }
send-cli-queued = Съобщението е в „Изходящи“ и ще бъде изпратено при следващата проверка.
send-cli-no-recipients = Посочете поне един получател (--to, --cc или --bcc) или цяло съобщение с --raw.
send-cli-cannot-read = Не може да се прочете { $path }: { $reason }
send-cli-empty = Съобщението на стандартния вход е празно.

## Помощник за настройка (wizard-*, advice-*)
wizard-title-add = Добавяне на пощенски акаунт
wizard-intro = Кажете на Brev кой сте и кой адрес да използва. Настройките на сървъра Brev ще намери сам.
wizard-name = Вашето име
wizard-name-placeholder = напр. Мария Петрова
wizard-name-note = Това име виждат хората, на които пишете.
wizard-email = Имейл адрес
wizard-email-placeholder = ivan@example.bg
wizard-email-invalid = Това не прилича на имейл адрес. Той трябва да изглежда като ivan@example.bg.
wizard-password = Парола
wizard-continue = Напред
wizard-cancel = Отказ
wizard-back = Назад
wizard-add-account = Добави акаунт…
wizard-no-profile = Brev няма къде да пази настройките си, затова акаунтът не може да бъде запазен.
wizard-looking = Търсят се настройките за { $domain }…
wizard-looking-note = Това отнема няколко секунди.
wizard-manual-button = Въведи настройките ръчно
wizard-manual-title = Настройки на сървъра
wizard-not-found = Brev не намери всички настройки за { $domain }. Обикновено ги има в помощните страници на доставчика Ви; попълнете липсващото.
wizard-manual-intro = Оставете реда за IMAP или за POP празен, ако доставчикът Ви не го предлага.
wizard-col-server = Сървър
wizard-col-port = Порт
wizard-col-security = Защита
wizard-col-username = Потребителско име
wizard-manual-need = Попълнете входящ сървър (IMAP или POP) и изходящия сървър.
wizard-server-line = { $host }, порт { $port }, { $security }
wizard-security-tls = с шифроване (SSL/TLS)
wizard-security-starttls = с шифроване (STARTTLS)
wizard-security-none = без шифроване
wizard-source-builtin = от списъка с доставчици на Brev ({ $provider })
wizard-source-autoconfig = от файла с настройки на доставчика Ви ({ $url })
wizard-source-srv = от DNS записа { $record }
wizard-source-mx = от пощенския сървър на домейна Ви ({ $domain })
wizard-source-probe = намерено чрез проба на обичайните имена на сървъри
wizard-source-manual = въведено от Вас
wizard-choose-title = POP или IMAP?
wizard-choose-intro = Има два начина да получавате пощата си. Ето по какво се различават:
wizard-row-arrives = Как пристига пощата
wizard-row-arrives-pop = Изтегля се на този компютър
wizard-row-arrives-imap = Остава на сървъра и се синхронизира
wizard-row-devices = Няколко устройства едновременно
wizard-row-devices-pop = Не
wizard-row-devices-imap = Да
wizard-row-folders = Папки
wizard-row-folders-pop = Само „Входящи“
wizard-row-folders-imap = Всички папки
wizard-row-sent = Изпратени писма
wizard-row-sent-pop = Пазят се на този компютър
wizard-row-sent-imap = Записват се на сървъра
wizard-row-space = Място на сървъра
wizard-row-space-pop = Освобождава се
wizard-row-space-imap = Заема се – може да се препълни
wizard-row-breaks = Ако компютърът се повреди
wizard-row-breaks-pop = Пощата се губи, ако нямате архив
wizard-row-breaks-imap = Остава на сървъра
wizard-row-down = Ако сървърът не работи
wizard-row-down-pop = Пощата Ви остава при Вас
wizard-row-down-imap = Brev показва запазеното копие
wizard-row-best = Най-подходящо за
wizard-row-best-pop = Един компютър и собствен архив
wizard-row-best-imap = Всекидневна работа от няколко устройства
wizard-q-devices = На колко устройства четете тази поща?
wizard-a-one = Само на този компютър
wizard-a-several = На няколко (телефон, таблет, уеб поща…)
wizard-q-space = Малко ли е мястото за поща на сървъра Ви?
wizard-a-yes = Да
wizard-a-no = Не
wizard-a-dont-know = Не знам
wizard-recommend = Brev препоръчва { $protocol }.
wizard-only-imap = Вашият доставчик предлага само IMAP.
wizard-only-pop = Вашият доставчик предлага само POP.
wizard-use-imap = Използвай IMAP
wizard-use-pop = Използвай POP
wizard-found-title = Настройките, които Brev ще използва
wizard-change-settings = Промени настройките…
wizard-pop-title = Копие на сървъра?
wizard-pop-intro = С POP Brev изтегля пощата Ви на този компютър. Копие може да остане на сървъра за известно време – за по-сигурно.
wizard-pop-several-warning = Четете тази поща на няколко устройства. С POP всяко устройство трябва да оставя копие на сървъра, иначе другите ще пропуснат писма. Brev оставя копие.
wizard-pop-no-copy-warning = Без копие пощата Ви съществува само на този компютър. Не забравяйте да си правите архив.
wizard-test-title = Проверка на връзката
wizard-tested-title = Проверката откри проблем
wizard-test-incoming = Входяща поща ({ $protocol }), { $host }
wizard-test-outgoing = Изходяща поща (SMTP), { $host }
wizard-test-ok = Работи
wizard-test-waiting = Проверява се…
wizard-cert-title = Brev не познава сертификата на този сървър
wizard-cert-explain = Сертификатът на { $host } не е издаден от някого, на когото компютърът Ви има доверие. Доверете му се само ако сте очаквали това: за собствен сървър или ако доставчикът Ви го е казал.
wizard-cert-name = Име в сертификата: { $name }
wizard-cert-fingerprint = Отпечатък (SHA-256): { $fingerprint }
wizard-trust = Довери се на този сертификат
wizard-try-again = Опитай отново
wizard-save-anyway = Запази въпреки това
wizard-save-anyway-note = Ако сървърът просто не работи в момента, можете да запазите акаунта въпреки това.
wizard-all-ok = Всичко работи. Акаунтът се запазва…
wizard-saving = Акаунтът се запазва…
wizard-save-failed = Акаунтът не може да бъде запазен: { $reason }
advice-unsure = Ако не сте сигурни, изберете IMAP.
advice-several-devices = IMAP поддържа всичките Ви устройства еднакви: каквото прочетете, изпратите или изтриете на едно, се вижда и на другите.
advice-several-devices-small-server = IMAP поддържа всичките Ви устройства еднакви. Мястото на сървъра е малко, затова от време на време изтривайте старите писма.
advice-one-device-small-server = С един компютър и малко място на сървъра POP прехвърля пощата Ви тук и сървърът не се препълва.
advice-one-device = С IMAP пощата Ви остава и на сървъра, така че нищо не се губи, ако компютърът се повреди.

## Настройка на профил: търсене, проверка на връзката, brev discover / brev check (setup-*)
setup-source-builtin = списъка с доставчици на Brev ({ $provider })
setup-source-autoconfig = файла с настройки на доставчика ({ $url })
setup-source-srv = DNS записа { $record }
setup-source-mx = пощенския сървър на домейна, { $host }
setup-source-probe = сървър, който отговори на обичайното име
setup-source-manual = въведено от вас
setup-log-bad-address = „{ $email }“ не е имейл адрес.
setup-log-builtin = { $provider } е в списъка с доставчици на Brev.
setup-log-autoconfig-found = Намерен е файл с настройки: { $url }
setup-log-autoconfig-none = Няма файл с настройки на { $url } ({ $reason })
setup-log-srv-found = DNS записът { $record } сочи към { $host }, порт { $port }
setup-log-srv-not-offered = DNS записът { $record } казва, че услугата не се предлага
setup-log-srv-none = Няма DNS записи за услуги за { $domain }
setup-log-dns-failed = DNS търсенето на { $name } не успя: { $reason }
setup-log-mx = Пощата за { $domain } се получава от { $host }
setup-log-mx-provider = { $host } е на { $provider }
setup-log-mx-none = Няма запис за пощенски сървър (MX) за { $domain }
setup-log-probe-found = { $host }, порт { $port }, отговаря като { $protocol } сървър
setup-log-probe-none = Никой { $protocol } сървър не отговори на обичайните имена за { $domain }
setup-log-too-slow = Някои сървъри за { $domain } отговориха твърде бавно; Brev спря да ги чака.
setup-log-nothing = Brev не намери настройки за { $domain }. Попитайте доставчика си за имената на сървърите и ги въведете сами.
setup-security-tls = SSL/TLS
setup-security-starttls = STARTTLS
setup-security-plain = без шифроване
setup-kind-imap = Входяща поща (IMAP)
setup-kind-pop = Входяща поща (POP)
setup-kind-smtp = Изходяща поща (SMTP)
setup-discover-provider = Доставчик: { $provider }
setup-discover-server = { $kind }: { $host }, порт { $port }, { $security }, потребителско име { $user }
setup-discover-source = намерено в { $source }
setup-discover-missing = { $kind }: не е намерено
setup-discover-files-sent = Сървърът сам пази копие от изпратените писма.
setup-discover-tried = Какво опита Brev:
setup-discover-nothing = Brev не намери настройки за { $email }.
setup-check-account = Проверка на { $account } ({ $email })…
setup-check-incoming = Входяща поща ({ $protocol }, { $host }): { $result }
setup-check-outgoing = Изходяща поща (SMTP, { $host }): { $result }
setup-check-works = работи
setup-check-all-ok = Всичко работи.
setup-check-failed = Проверката не успя за { $count ->
    [one] един профил
   *[other] { $count } профила
}.
setup-fail-host-not-found = Сървърът { $host } не е намерен. Проверете името на сървъра и дали компютърът е свързан с интернет.
setup-fail-refused = { $host } не приема връзки на порт { $port }. Проверете номера на порта.
setup-fail-timed-out = { $host } не отговори на порт { $port }. Проверете името на сървъра и порта; може да пречи защитна стена.
setup-fail-untrusted = Сертификатът на { $host } не е доверен. Издаден е за { $name }, отпечатък (SHA-256) { $fingerprint }. Доверете му се само ако очаквате точно този сертификат.
setup-fail-wrong-password = Сървърът не прие потребителското име или паролата. Проверете ги; някои доставчици искат специална парола за приложения за пощенски програми.
setup-fail-not-offered = Сървърът не предлага { $what } на това име и порт. Проверете името на сървъра и номера на порта.
setup-fail-plain-login-refused = Сървърът не приема парола по нешифрована връзка. Изберете SSL/TLS или STARTTLS.
setup-fail-tls-not-offered = { $host } не предлага шифроване (STARTTLS) на порт { $port }. Опитайте SSL/TLS на обичайния порт: 993 за IMAP, 995 за POP, 465 за SMTP.
setup-fail-other = Проверката не успя: { $reason }

## Compose window (compose-ui-*)
compose-ui-title = Ново съобщение
compose-ui-from = От
compose-ui-to = До
compose-ui-cc = Копие
compose-ui-bcc = Скрито копие
compose-ui-subject = Тема
compose-ui-address-placeholder = Име <ivan@example.bg>, …
compose-ui-body-placeholder = Напишете съобщението си тук.
compose-ui-send = Изпрати
compose-ui-attach = Прикачи файлове…
compose-ui-attach-title = Прикачване на файлове
compose-ui-attach-failed = { $name } не може да се прикачи: { $reason }
compose-ui-attachments = { $count ->
    [one] Прикачен файл
   *[other] Прикачени файлове
}
compose-ui-remove = Премахни
compose-ui-too-big = Съобщението е около { $size }, а сървърът приема най-много { $limit }. Премахнете прикачен файл или го изпратете по друг начин.
compose-ui-close = Затвори
compose-ui-ask-keep = Да се запази ли съобщението като чернова?
compose-ui-save-draft = Запази черновата
compose-ui-discard = Изхвърли
compose-ui-keep-writing = Продължи писането
compose-ui-suggest-hint = Tab или щракване избира адреса; ↑ ↓ за избор.
compose-ui-hint = Ctrl+Enter изпраща. Esc затваря.
compose-ui-no-account = Изберете акаунта, от който да изпратите.
compose-ui-original-missing = Съобщението вече го няма.
compose-ui-new = Ново съобщение
compose-ui-reply = Отговор
compose-ui-reply-all = Отговор до всички
compose-ui-forward = Препращане
compose-ui-queued = Съобщението е в „Изходящи“ и ще бъде изпратено при първа възможност.
compose-ui-sent = Съобщението е изпратено от { $account }.
compose-ui-send-failed = Изпращането от { $account } не успя: { $reason } Съобщението чака в „Изходящи“.
compose-ui-send-again = Изпрати отново
compose-ui-was-sent = Изпратено е
compose-ui-signature = Подпис
compose-ui-signature-hint = Добавя се под новите ви съобщения и отговори.

# Compose polish: editing drafts, fetching before replying, Outbox states (compose-ui-*)
compose-ui-edit = Редактиране
compose-ui-fetching = Съобщението се изтегля…
compose-ui-fetch-offline = { $account } няма връзка и съобщението не може да се изтегли сега. Опитайте пак, когато сте онлайн.
compose-ui-fetch-failed = Съобщението не можа да се изтегли: { $reason }
compose-ui-list-queued = Чака
compose-ui-list-sending = Изпраща се…
compose-ui-list-failed = Неуспешно
compose-ui-list-maybe-sent = Може да е изпратено

## Settings: a new password
ui-settings-password = Нова парола
ui-settings-password-placeholder = Въведете новата парола
ui-settings-password-save = Запази паролата
ui-settings-password-saved = Запазена е. Отсега нататък Brev влиза с нея.

# Settings: server settings
ui-settings-server-show = Настройки на сървъра
ui-settings-server-hide = Скрий настройките на сървъра
ui-settings-server-protocol = За да смените IMAP с POP или обратно, добавете акаунта отново и изберете другия.
ui-settings-server-incoming = Сървър за входяща поща ({ $protocol })
ui-settings-server-outgoing = Сървър за изходяща поща (SMTP)
ui-settings-server-host = Сървър
ui-settings-server-port = Порт
ui-settings-server-security = Защита
ui-settings-server-username = Потребителско име
ui-settings-server-pop-note = Ако смените сървъра, Brev ще провери новия и няма да изтегли отново писмата, които вече има.
ui-settings-server-save = Запази настройките на сървъра
ui-settings-server-undo = Отмени промените
ui-settings-server-saved = Запазено. Отсега нататък Brev се свързва с тези настройки.
ui-settings-server-not-saved = Нищо не е запазено: първо поправете отбелязаните полета.
ui-settings-server-host-empty = Въведете името на сървъра.
ui-settings-server-host-spaces = Името на сървъра не може да съдържа интервали.
ui-settings-server-port-invalid = Въведете число от 1 до 65535.
ui-settings-server-username-empty = Въведете потребителското си име.
