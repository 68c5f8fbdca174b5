app-title = Brev
app-welcome = Добре дошли в Brev
app-no-accounts = Все още нямате пощенски акаунт. Добавете такъв с „brev account add“ (помощникът за настройка предстои).
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
