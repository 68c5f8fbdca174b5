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
