# Сообщения интерфейса Qorgau: русский.
# Синтаксис Fluent: https://projectfluent.org. Каждый ключ должен быть в ru.ftl, kk.ftl и en.ftl
# (это проверяет тест). Формы множественного числа по CLDR: в ru — one/few/many/other, в kk и en — one/other.

## Прохождение протокола

walk-observe-only = Только наблюдайте: не задавайте этот вопрос вслух.
walk-section-observation = В этой части вы только наблюдаете. Ни о чём не спрашивайте человека.

answer-yes = Да
answer-no = Нет
answer-unsure = Не уверен(а)
answer-declined = Отказ от ответа
observed-yes = Да, замечено
observed-no = Не замечено
observed-unsure = Не удалось увидеть
answer-none-of-these = Ничего из перечисленного
answer-skipped = (пропущено)

## Проверка безопасности и согласие

gate-title = Сначала безопасность
gate-closed = Сейчас говорить небезопасно. Только наблюдайте и не настаивайте на беседе. Остановиться можно в любой момент: уже полученные ответы сохранятся.
consent-prompt = На что человек дал согласие?
consent-statistics = Только для статистики, без данных, по которым можно установить личность
consent-social_services = Сведения можно передать в социальные службы
consent-police = Сведения можно передать в полицию
consent-anonymous = Анонимный скрининг: согласие не запрашивалось

## Признак опасности

red-flag-title = Сначала безопасность (!)
red-flag-body = Прежде всего — ваша безопасность и безопасность человека. Не спорьте с сопровождающими и не показывайте им своих подозрений.
red-flag-continue = Продолжить скрининг
red-flag-stop = Прервать сейчас и сохранить

## Проверка ответов

review-title = Проверьте ответы
review-question = Вопрос
review-answer = Ответ
review-finish = Завершить и посмотреть результат
review-stop = Прервать и сохранить на потом

## Результат

result-title = Результат
band-immediate_danger = НЕПОСРЕДСТВЕННАЯ ОПАСНОСТЬ: прежде всего позаботьтесь о своей безопасности и безопасности человека
band-clear_concern = ЕСТЬ ПРИЗНАКИ: предложите направление к помощи
band-possible_concern = ЕСТЬ ОТДЕЛЬНЫЕ ПРИЗНАКИ: дайте информацию и предложите направление к помощи
band-incomplete = НЕДОСТАТОЧНО СВЕДЕНИЙ: слишком многое осталось без ответа, чтобы судить; дайте информацию и номер горячей линии
band-no_concern = ПРИЗНАКОВ НЕ НАЙДЕНО: это не доказательство безопасности; дайте информацию и номер горячей линии
band-short-immediate_danger = непосредственная опасность
band-short-clear_concern = есть признаки
band-short-possible_concern = отдельные признаки
band-short-incomplete = недостаточно сведений
band-short-no_concern = признаков не найдено
result-flags-not-identifies = Результат только отмечает признаки и ничей статус не устанавливает. Это вправе делать только уполномоченные органы.
result-why = Почему: { $rule }
rule-red_flag = на пункт о непосредственной опасности ответ «да»
rule-delphi_adult = правило Дельфи для взрослых: есть признаки во всех трёх областях — вербовка, эксплуатация, принуждение или уязвимость в месте назначения
rule-delphi_child = правило Дельфи для детей: есть признаки и в области вербовки, и в области эксплуатации
rule-partial_domain = в одной области есть сильный признак или несколько средних
rule-incomplete = слишком много пунктов одной области без ответа, с ответом «не уверен(а)» или с отказом от ответа
rule-no_indicators = не найдено ни одного признака
rule-screen = правило «{ $screen }» достигло порога
result-domain = Область
result-status = Статус
status-positive = признаки есть
status-partial = частично
status-negative = не найдено
result-fired = Найденные признаки
result-red-flags = Признаки опасности
result-missing = Без ответа, «не уверен(а)» или отказ от ответа
result-ignored = Не показаны по ходу опроса, не учитываются
result-screen = { $screen }: { $count } (нужно не меньше { $needed })
result-sources = Источники
result-not-validated = Эта версия протокола сама не проверялась в исследованиях; опубликованные показатели относятся к исходным инструментам.
next-steps = Дальнейшие шаги
next-steps-tier = Дальнейшие шаги ({ $tier })
next-call = Звоните в таком порядке:

## Направление

referral-to = Куда вы направляете человека? Отметьте одно или несколько.
referral-status = Что человек говорит о направлении?
referral-accepted = Согласен(на) на направление
referral-declined = Не согласен(на)
referral-pending = Пока не решил(а)
referral-reason = Почему? (необязательно; просто Enter — пропустить)

## Завершение

walk-saved = Сохранено как случай { $code }. Запись зашифрована для { $hub }: на этом устройстве её уже не прочитать.
walk-stopped = Скрининг прерван. Полученные ответы сохранены в зашифрованном виде. Чтобы продолжить: qorgau resume { $draft }
walk-no-terminal = Для вопросов нужен терминал. Запустите программу в терминале или передайте ответы через --answers FILE.
text-missing-mark = [{ $lang }]

## Настройка, списки и записи

init-done = Устройство настроено. Записи будут шифроваться для: { $hub }
init-card = Карточка устройства (передайте её координатору): { $path }
init-keep-passphrase = Храните кодовую фразу в надёжном месте: без неё данные на этом устройстве не открыть.
hub-init-done = Хаб настроен.
hub-init-card = Карточка хаба (передайте её на каждое устройство): { $path }
hub-init-keep = Храните кодовую фразу и резервную копию ключа хаба в надёжном месте: без них записи, зашифрованные для этого хаба, не открыть.
passphrase-choose = Придумайте кодовую фразу: 4–5 случайных слов — надёжно и легко запомнить
passphrase-again = Введите её ещё раз
passphrase-differ = Фразы не совпадают; введите одну и ту же фразу дважды
passphrase-ask = Кодовая фраза
list-protocol = протокол
list-version = версия
list-title = название
list-audience = для кого
list-items = вопросов
list-case = случай
list-finished = завершено
list-result = результат
list-referral = направление
list-sync = передача
list-draft = черновик
list-started = начат
sync-pending = ждёт передачи координатору
sync-synced = у координатора
referral-not_needed = не требуется
records-none = На этом устройстве нет завершённых скринингов.
record-title = Запись { $id }
record-case = Код случая
record-protocol = Протокол
record-finished = Завершено
record-result = Результат
record-referral = Направление
record-sync = Передача
record-sealed-note = Полная запись зашифрована для координатора: на этом устройстве её не прочитать.
drafts-none = Незавершённых скринингов нет.
drafts-continue = Чтобы продолжить: qorgau resume и первые буквы номера (например, qorgau resume K7P).
drafts-nothing-to-resume = Нет незавершённых скринингов, которые можно продолжить.
draft-deleted = Черновик { $id } удалён ({ $protocol }, начат { $started }).
purge-done = { $count ->
    [0] Удалять пока нечего: нет сведений, получение которых координатор подтвердил более { $days } дней назад.
    [one] Удалена { $count } запись: координатор подтвердил её получение
    [few] Удалены { $count } записи: координатор подтвердил их получение
    [many] Удалено { $count } записей: координатор подтвердил их получение
   *[other] Удалено { $count } записи: координатор подтвердил их получение
} более { $days ->
    [one] { $days } дня
   *[other] { $days } дней
} назад.
show-observation-only = только наблюдение
show-shown-if = условие показа
show-red-flag = ПРИЗНАК ОПАСНОСТИ
show-sensitive = свободный текст: возможны личные данные

## Передача: экспорт, квитанции, хаб

export-nothing = Отправлять нечего: все завершённые записи уже у координатора. Файл не создан.
export-unfinished = { $count ->
    [one] { $count } скрининг не завершён и в файл не вошёл: его покажет qorgau drafts; завершите его командой qorgau resume.
    [few] { $count } скрининга не завершены и в файл не вошли: их покажет qorgau drafts; завершите их командой qorgau resume.
    [many] { $count } скринингов не завершены и в файл не вошли: их покажет qorgau drafts; завершите их командой qorgau resume.
   *[other] { $count } скрининга не завершены и в файл не вошли: их покажет qorgau drafts; завершите их командой qorgau resume.
}
export-unfinished-flagged = { $count ->
    [one] { $count } скрининг не завершён и в файл не вошёл, в нём признак опасности: завершите его сейчас командой qorgau resume.
    [few] { $count } скрининга не завершены и в файл не вошли (с признаком опасности: { $flagged }): завершите их сейчас командой qorgau resume.
    [many] { $count } скринингов не завершены и в файл не вошли (с признаком опасности: { $flagged }): завершите их сейчас командой qorgau resume.
   *[other] { $count } скрининга не завершены и в файл не вошли (с признаком опасности: { $flagged }): завершите их сейчас командой qorgau resume.
}
export-done = Записан файл { $path } (записей: { $records }) для: { $hub }. Передайте его координатору, принесите квитанцию и выполните: qorgau ack RECEIPT
ack-done = Записей из этого файла у координатора: { $held }. Удалено зашифрованных копий с этого устройства: { $removed }.
ack-rejected = Не приняты записи ({ $count }); они остаются на устройстве и войдут в следующий экспорт:
hub-enrolled = Устройство { $device } зарегистрировано (регион { $region }).
hub-enrolled-again = Устройство { $device } уже было зарегистрировано; его карточка обновлена (регион { $region }).
hub-revoked = Доверие устройству { $device } отозвано: его файлы будут отклоняться.
hub-revoked-already = Доверие устройству { $device } уже было отозвано.
hub-import-done = { $file }: принято { $accepted }, уже было { $held }, отклонено { $rejected }; квитанция { $receipt }
hub-import-refused = { $file }: отклонён, ничего не сохранено: { $reason }
hub-import-failed = Отклонено файлов: { $failed } из { $total } (см. выше); попросите устройство сделать экспорт ещё раз.
hub-records-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
list-device = устройство
list-region = регион
list-enrolled = зарегистрировано
list-last-import = последний импорт
list-records = записей
list-status = статус
device-active = активно
device-revoked = отозвано
identity-confirm = Будет записан СЕКРЕТНЫЙ ключ хаба без шифрования — для хранения в сейфе. Любой, у кого есть этот файл, прочтёт все записи. Продолжить?
identity-done = Ключ хаба записан в { $path } (доступ только владельцу). Храните его в сейфе: он открывает все записи.

review-hint = Наберите номер, чтобы изменить ответ; Enter на первой строке — завершить.
referral-title = Направление
referral-not-yet = Пока не направлен(а)
walk-total-changed = { $count ->
    [one] Теперь всего { $count } вопрос: последний ответ изменил, какие вопросы нужны.
    [few] Теперь всего { $count } вопроса: последний ответ изменил, какие вопросы нужны.
    [many] Теперь всего { $count } вопросов: последний ответ изменил, какие вопросы нужны.
   *[other] Теперь всего { $count } вопроса: последний ответ изменил, какие вопросы нужны.
}

## The walk on screen
walk-title-generic = Проверка безопасности
consent-title = Согласие
result-page-now = Что делать сейчас
result-page-why = Почему
result-page-sources = Источники
status-not-asked = не спрашивали
status-no-answers = ответов нет (без ответа, «не уверен(а)» или отказ)
status-negative-some-missing = не найдено (без ответа { $missing } из { $asked })
hint-choose-first = Сначала выберите ответ: наберите его номер (или ↑ ↓).
hint-mark-first = Сначала отметьте хотя бы одну строку: наберите её номер или нажмите пробел.
key-exit = выход
key-ok = ОК
key-ok-empty-skips = ОК (пусто — пропустить)
key-choose = выбор
key-mark = отметить
key-back = назад
key-skip = пропустить
key-help = справка
key-close-help = закрыть справку
key-continue = дальше
key-more = подробнее

## Typed answers that do not fit
answer-range-between = от { $min } до { $max }
answer-range-at-least = не меньше { $min }
answer-range-at-most = не больше { $max }
answer-error-not-number = «{ $value }» — не число. Введите цифры, например 15 { $range }.
answer-error-out-of-range = { $value } не подходит: нужно число { $range }.
answer-error-not-date = «{ $value }» — не дата. Введите в виде ГГГГ-ММ-ДД, например 2026-03-01.
answer-error-choose = Такого ответа нет: выберите один из списка.

## Drafts and records
list-answered = отвечено
drafts-answered = отвечено { $answered } из { $total }
drafts-red-flag = (!) признак опасности
resume-which = Какой скрининг продолжить?
error-resume-which = Незавершённых скринингов несколько: укажите, какой продолжить, например qorgau resume { $ids }
error-no-draft = Незавершённого скрининга «{ $id }» нет: список покажет qorgau drafts.
error-draft-ambiguous = «{ $id }» подходит к нескольким черновикам ({ $ids }): введите больше символов номера.
error-no-record = На этом устройстве нет записи «{ $id }»: список покажет qorgau records (укажите код случая).
discard-confirm = Удалить черновик { $id } ({ $protocol }, начат { $started }) без возможности восстановления?
discard-not-confirmed = Не подтверждено: ничего не удалено.
record-consent = Согласие
walk-record-id = запись { $id }
config-lang-done = Теперь qorgau на этом устройстве говорит по-русски ({ $lang }).

## Answers files
error-answers-unreadable = Не удаётся прочитать файл ответов { $path }: { $detail }. Проверьте путь.
error-answers-fix-nothing-saved = Исправьте файл ответов и запустите команду снова; ничего не сохранено.
error-answers-unknown-contact = { $path }: в направлении указан «{ $contact }», а такого контакта нет в справочнике ({ $known }). Исправьте файл ответов; ничего не сохранено.
error-scripted-stopped = Скрининг остановился до конца; черновик сохранён: его покажет qorgau drafts.

## Labels: areas, short screens, audiences, report values
domain-deceptive_recruitment = Вербовка обманом
domain-coercive_recruitment = Вербовка принуждением
domain-vulnerability_recruitment = Вербовка с использованием уязвимости
domain-exploitation = Эксплуатация
domain-coercion_at_destination = Принуждение на месте
domain-vulnerability_at_destination = Уязвимость на месте
domain-adult_screen = Короткий скрининг взрослого
domain-child_screen = Короткий скрининг ребёнка
domain-clinical_signs = Клинические признаки
domain-control = Контроль
domain-safety = Безопасность
domain-birth_registration = Регистрация рождения
domain-documents_identity = Документы и личность
domain-infant_condition = Состояние малыша
domain-intentions_for_baby = Планы насчёт малыша
domain-mother_vulnerability = Уязвимость матери
domain-third_parties_payments = Посредники и деньги
domain-attendance = Посещение школы
domain-control_movement = Контроль и передвижение
domain-health_injuries = Здоровье и травмы
domain-labour = Работа
domain-money_possessions = Деньги и вещи
domain-qyit = Вопросы QYIT
domain-relationships_online = Отношения и знакомства в интернете
screen-sscst = вопросы SSCST
screen-adult_short_screen = вопросы для взрослых
screen-core = основные вопросы
screen-observed = наблюдения
screen-qyit = вопросы QYIT
audience-border_guard = пограничники
audience-doctor = врачи
audience-nurse = медсёстры
audience-patronage_nurse = патронажные медсёстры
audience-teacher = учителя
audience-school_psychologist = школьные психологи
audience-social_pedagogue = социальные педагоги
dimension-protocol = протокол
dimension-band = результат
dimension-domain = область
dimension-region = регион
dimension-month = месяц
dimension-sex = пол
dimension-age_band = возраст
value-female = женский
value-male = мужской
value-unknown = неизвестно
value-adult = взрослый
value-child = ребёнок
value-no-domain = ни одной области с признаками

## Hub reports and records
report-title = Отчёт Qorgau
report-generated = Составлен { $time } · записей: { $count } · результаты отмечают признаки и никого не идентифицируют.
report-total = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
report-records = записей
report-share = доля
report-date = дата
report-bands = Результаты
report-bands-by-month = Результаты по месяцам
report-bands-by-region = Результаты по регионам
report-top-indicators = Чаще всего найденные признаки
report-top-indicators-of = Чаще всего, { $protocol }: { $list }
report-counts-by = Подсчёт: { $by }
report-pending = Направлений без решения: { $count }
hub-record-head = Случай { $code } · запись { $id } · устройство { $device } · регион { $region }
hub-record-times = Начат { $started }, завершён { $finished } (язык скрининга: { $lang })
hub-record-protocol-missing = Файла протокола { $protocol }, по которому заполнена запись, здесь нет; ответы в том виде, как они хранятся:
export-csv-done = Записано в { $path }: записей { $count }, столбцов с ответами { $columns }.
export-csv-done-deidentified = Записано в { $path }: записей { $count }, столбцов с ответами { $columns }, без идентифицирующих данных.

## Errors of the command line
error-prefix = ошибка
error-cli-invalid-value = «{ $value }» не подходит для { $arg }. { $valid }
error-cli-unknown-lang = «{ $value }» — такого языка нет: укажите ru, kk или en.
error-cli-unknown-arg = Здесь нет параметра { $arg }.
error-cli-unknown-command = Команды «{ $command }» нет.
error-cli-missing = Не хватает: { $arg }
error-cli-see-help = Добавьте --help, чтобы увидеть, что принимает команда.

## Help of the command line
help-heading-usage = Запуск
help-heading-commands = Команды
help-heading-options = Параметры
help-heading-arguments = Аргументы
help-heading-global = Параметры для любой команды
help--help = Показать эту справку
help--version = Показать версию
help--lang = Язык всего, что показывается: ru, kk или en (запоминается командами init и qorgau config lang)
help--protocols = Папка с дополнительными протоколами (ID/ВЕРСИЯ.toml) рядом со встроенными
help--data_dir = Папка с ключами и данными этого устройства (или координатора)
help--passphrase_file = Брать парольную фразу из этого файла, а не спрашивать (никогда не пишите её в параметрах)
help-qorgau = Скрининг на признаки торговли людьми без интернета: вопросы, результат, что делать дальше; результаты передаются региональному координатору на флешке.
help-arg--format = table (для людей) или json (для программ)
help-arg--spec = Идентификатор протокола, например patronage-home-visit (или ID@ВЕРСИЯ)
help-arg--draft_id = Номер черновика или его первые буквы (список покажет qorgau drafts)
help-arg--yes = Не спрашивать подтверждения
help-protocols = Список протоколов: идентификатор, версия, название, для кого, число вопросов
help-protocol = Показать, проверить или опробовать протокол
help-protocol-show = Разделы и вопросы протокола с идентификаторами и подсчётом
help-protocol-lint = Проверить файлы протоколов и прогнать их контрольные случаи; каждая ошибка в виде файл:строка:столбец
help-protocol-lint--paths = Файлы протоколов или справочника направлений
help-protocol-score = Подсчитать файл ответов по протоколу; ничего не сохраняется
help-protocol-score--answers = Файл TOML с таблицей [answers]
help-init = Настроить это устройство, один раз: ключи, парольная фраза и карточка координатора
help-init--hub = Карточка координатора (hub-card.toml)
help-init--region = Регион этого устройства, как его называет координатор, например almaty_city
help-screen = Начать скрининг: один вопрос на экране; сохраняется после каждого ответа; в конце запечатывается для координатора
help-screen--answers = Брать ответы из этого файла, а не спрашивать
help-drafts = Незавершённые скрининги: номер, протокол, начало, ход; с признаком опасности — первыми
help-resume = Продолжить незавершённый скрининг (если их несколько — спросит, какой)
help-resume--answers = Брать оставшиеся ответы из этого файла, а не спрашивать
help-discard = Удалить незавершённый скрининг без возможности восстановления
help-config = Настройки этого устройства
help-config-lang = Язык для всех следующих команд
help-config-lang--lang = ru, kk или en
help-records = Завершённые скрининги этого устройства (только краткие сведения)
help-record = Один завершённый скрининг
help-record-show = Краткие сведения об одном завершённом скрининге
help-record-show--id = Код случая, который вы получили (или номер записи)
help-purge = Удалить краткие сведения, получение которых координатор подтвердил раньше срока хранения (30 дней, если не задано иначе)
help-export = Записать в один файл (например, на флешку) все завершённые скрининги, которых ещё нет у координатора
help-export--out = Файл для записи, например /media/usb/week48.qgb
help-ack = Прочитать квитанцию координатора и удалить то, что теперь хранится у него; установить обновление координатора рядом с ней, если оно новее
help-ack--receipt = Файл .receipt от координатора
help-hub = Команды регионального координатора
help-hub-init = Настроить компьютер координатора, один раз: ключи, парольная фраза и hub-card.toml для устройств
help-hub-init--name = Имя координатора, как его покажут устройства
help-hub-enroll = Доверять устройству, чтобы принимать его файлы
help-hub-enroll--device_card = Файл device-card.toml этого устройства
help-hub-enroll--force = Снова доверять отозванному устройству или принять новый ключ известного устройства
help-hub-revoke = Перестать доверять устройству: его файлы больше не принимаются
help-hub-revoke--device_id = Номер устройства, как его показывает hub devices
help-hub-devices = Доверенные устройства, их последний приём и количество записей
help-hub-import = Проверить и принять файлы устройств; на каждый записать квитанцию
help-hub-import--files = Файлы с устройств (.qgb)
help-hub-import--receipt_dir = Куда записывать квитанции (по умолчанию — рядом с каждым файлом)
help-hub-records = Скрининги, которые хранятся у координатора
help-hub-record = Один скрининг полностью
help-hub-record-show = Один скрининг полностью: ответы, результат, согласие, направление (на языке --lang)
help-hub-record-show--id = Код случая или номер записи
help-hub-report = Количества и доли: по протоколу, результату, области, региону, месяцу, полу или возрасту
help-hub-report--by = По чему считать, через запятую: protocol, band, domain, region, month, sex, age_band
help-hub-report--since = С этой даты (ГГГГ-ММ-ДД) включительно
help-hub-report--until = По эту дату (ГГГГ-ММ-ДД) включительно
help-hub-report--protocol = Только этот протокол
help-hub-report--format = table, csv или json
help-hub-report--html = Также записать самостоятельную страницу HTML с диаграммами
help-hub-export-csv = Таблица CSV для аналитиков: по строке на скрининг, ответы в кодах
help-hub-export-csv--out = Файл CSV для записи (существующий не перезаписывается)
help-hub-export-csv--deidentified = Без номеров, кодов случаев, устройств и точных дат (только месяц)
help-hub-export-csv--include_free_text = Включить и ответы свободным текстом (по ним можно узнать людей)
help-hub-erase = Удалить скрининг и всё, что из него подсчитано, по просьбе человека
help-hub-erase--id = Код случая или номер записи
help-hub-export-identity = Записать секретный ключ координатора в файл, чтобы хранить его в сейфе
help-hub-export-identity--out = Файл для записи (существующий не перезаписывается)
help-dev = Инструменты разработчика (только синтетические данные)
help-dev-synth = Создать завершённые записи из случайных ответов (синтетические, для тестов и замеров)
help-dev-synth--records = Сколько записей
help-dev-synth--seed = Начальное число для случайных ответов, чтобы запуск можно было повторить
hub-records-more = { $count ->
    [one] и ещё { $count }: сузьте список параметрами --since, --band, --region, --protocol или --pending либо увеличьте --limit.
    [few] и ещё { $count }: сузьте список параметрами --since, --band, --region, --protocol или --pending либо увеличьте --limit.
    [many] и ещё { $count }: сузьте список параметрами --since, --band, --region, --protocol или --pending либо увеличьте --limit.
   *[other] и ещё { $count }: сузьте список параметрами --since, --band, --region, --protocol или --pending либо увеличьте --limit.
}
error-bad-date = --{ $option } { $value }: запишите дату в виде ГГГГ-ММ-ДД, например 2026-01-31.
help-hub-records--since = С этой даты (ГГГГ-ММ-ДД) включительно
help-hub-records--until = По эту дату (ГГГГ-ММ-ДД) включительно
help-hub-records--protocol = Только этот протокол
help-hub-records--band = Только этот результат: immediate_danger, clear_concern, possible_concern, incomplete или no_concern
help-hub-records--region = Только этот регион
help-hub-records--pending = Только скрининги, по направлению которых ещё нет решения
help-hub-records--limit = Не больше стольких, самых новых (если не указано — 100)
error-no-hub = В { $path } координатор не настроен: сначала выполните qorgau hub init (или укажите --data-dir).
error-file-exists = { $path } уже существует и не перезаписывается: выберите другой файл.
export-csv-free-text-warning = Внимание: по ответам свободным текстом можно узнать людей; храните { $path } так же надёжно, как сам компьютер координатора.
erase-needs-yes = Удаление нельзя отменить: подтвердите его параметром --yes или запустите команду в терминале.
error-no-hub-record = Здесь нет записи или кода случая «{ $id }»: список покажет qorgau hub records.
error-retention-too-large = retention_days = { $days } в config.toml слишком велико: укажите число дней, например 30.
lint-failed = { $problems ->
    [one] { $problems } ошибка (файлов с ошибками: { $failed } из { $total }); исправьте и снова запустите qorgau protocol lint.
    [few] { $problems } ошибки (файлов с ошибками: { $failed } из { $total }); исправьте и снова запустите qorgau protocol lint.
    [many] { $problems } ошибок (файлов с ошибками: { $failed } из { $total }); исправьте и снова запустите qorgau protocol lint.
   *[other] { $problems } ошибки (файлов с ошибками: { $failed } из { $total }); исправьте и снова запустите qorgau protocol lint.
}
error-passphrase-file = Не удаётся прочитать файл с парольной фразой { $path }: { $detail }. Проверьте путь в --passphrase-file или QORGAU_PASSPHRASE_FILE.
error-passphrase-no-terminal = Нужна парольная фраза, а терминала, чтобы её спросить, нет: укажите --passphrase-file FILE (или задайте QORGAU_PASSPHRASE_FILE).
screen-which = Какой скрининг провести?
screen-none-picked = Протокол не выбран: ничего не начато.
error-screen-which = Укажите, по какому протоколу проводить скрининг, например qorgau screen { $ids }
help-screen--spec = Идентификатор протокола (достаточно однозначного начала, например patronage); без него — список для выбора
error-report-protocol = Протокола «{ $id }» нет: укажите один из { $ids }.
## Доверие и сбои (задача 13): карточки, отпечатки, план выгрузки, проверки у координатора

init-fingerprints = Отпечаток карточки координатора: { $hub }. Продиктуйте его координатору по телефону: он должен совпасть полностью. Отпечаток этого устройства: { $device } (координатор сверит его при регистрации).
init-many-recipients = Внимание: в карточке координатора { $count } ключей, и записи сможет прочитать владелец каждого из них. Прежде чем проводить опросы, спросите координатора, так ли задумано.
init-bad-region = «{ $region }» — не название региона: используйте строчные латинские буквы, цифры и _ (например, almaty_city), не больше 64 знаков.
hub-init-fingerprint = Отпечаток карточки координатора: { $fingerprint }. Каждый сотрудник сверит его с вами по телефону при настройке устройства.
hub-enroll-fingerprint = Отпечаток устройства: { $fingerprint }. Сверьте его с тем, что устройство сотрудника показало при настройке, прежде чем доверять этому устройству.
result-hub-fingerprint = Запечатано для карточки координатора { $fingerprint }.
passphrase-changed = Кодовая фраза изменена: теперь { $path } открывает только новая.
device-changed = изменено в обход qorgau: не доверять
export-plan = Будет подписано записей: { $count }, завершены с { $first } по { $last }:
export-plan-codes = Коды случаев: { $codes }
export-plan-more = и ещё { $count }
export-left-out = Не подписано: { $count } — записи без подходящей сводки. Qorgau не создавал их на этом устройстве; сообщите координатору:
export-extra-recipients = ВНИМАНИЕ: { $count } — записи запечатаны для большего числа ключей, чем указано в карточке координатора, поэтому их мог прочитать кто-то ещё. Они отправляются, чтобы координатор знал об этом; сообщите ему сейчас:
export-implausible = { $count } — записи с неправдоподобной датой (часы устройства были неверны, когда их завершали):
export-nothing-signed = Ничего не подписано, файл не записан.
export-confirm = Подписать эти записи и записать пакет?
export-needs-yes = Проверьте список выше и запустите команду ещё раз с --yes, чтобы подписать его (или запустите её в терминале, чтобы ответить на вопрос).
export-not-confirmed = Не подтверждено: ничего не подписано, файл не записан.
hub-import-erased = { $count ->
    [one] { $count } запись была удалена здесь по просьбе человека и снова не сохранена; по квитанции устройство удалит свою копию.
    [few] { $count } записи были удалены здесь по просьбе людей и снова не сохранены; по квитанции устройство удалит свои копии.
   *[many] { $count } записей были удалены здесь по просьбе людей и снова не сохранены; по квитанции устройство удалит свои копии.
}
hub-import-extra-recipients = ВНИМАНИЕ: { $count } — записи запечатаны для большего числа ключей, чем указано в карточке этого координатора: их мог прочитать кто-то ещё. Они сохранены и отмечены; попросите сотрудника проверить устройство:
hub-import-implausible = { $count } — записи с датой вне разумных пределов (неверные часы устройства); они сохранены и отмечены.
hub-flag-extra = запечатано и для чужих ключей
hub-flag-date = неправдоподобная дата
hub-skipped-row = Не показана запись { $id } с устройства { $device }: { $reason }
hub-skipped = { $count ->
    [one] { $count } запись не удалось показать (см. выше). Её строка не проходит проверку; восстановите базу координатора из резервной копии или импортируйте её пакет ещё раз.
    [few] { $count } записи не удалось показать (см. выше). Их строки не проходят проверку; восстановите базу координатора из резервной копии или импортируйте их пакеты ещё раз.
   *[many] { $count } записей не удалось показать (см. выше). Их строки не проходят проверку; восстановите базу координатора из резервной копии или импортируйте их пакеты ещё раз.
}
csv-done = Записей в { $path }: { $records } (столбцов с ответами: { $columns }).
csv-unknown-protocol = { $count } — записи по версии протокола, которой у этого координатора нет: их ответы не выгружены, потому что неизвестно, какие из них — свободный текст.
erase-what = { $code } ({ $protocol }, { $date }, устройство { $device })
erase-confirm = Удалить { $what } и его данные для отчётов навсегда?
erase-not-confirmed = Не подтверждено: ничего не удалено.
erase-done = Удалено: { $what } вместе с данными для отчётов. Старый пакет его не вернёт.
catalog-skipped = Пропущен { $path }: { $reason }
protocol-local-banner = МЕСТНЫЙ НЕПОДПИСАННЫЙ ПРОТОКОЛ: { $path } не входит в поставку qorgau. Используйте его, только если знаете, откуда он.
referral-local-banner = МЕСТНЫЙ НЕПОДПИСАННЫЙ СПИСОК СЛУЖБ: { $path } не входит в поставку qorgau. Проверьте номера телефонов, прежде чем кому-то их давать.
draft-in-use = Этот незавершённый опрос открыт в другом окне. Сначала завершите или остановите его там.

## Results of schema 2 protocols (protocol format work)
band-no_concern-below_threshold = ПОРОГ НЕ ДОСТИГНУТ: отдельные признаки отмечены (они ниже), но их недостаточно для вывода; это не доказательство безопасности — дайте информацию и номер горячей линии
band-observation_only = ТОЛЬКО НАБЛЮДЕНИЕ: беседа не состоялась, а наблюдение не выявило достаточных признаков; это не значит, что признаков нет — дайте информацию и номер горячей линии так, чтобы это было безопасно
band-short-observation_only = только наблюдение
rule-observation_only = беседа не состоялась, поэтому учтено только наблюдение
rule-below_threshold = отдельные признаки есть, но они ниже порога — они перечислены ниже
result-observation-only = Только наблюдение: беседа не состоялась — { $reason }.
gate-reason-no = поговорить наедине было нельзя
gate-reason-unsure = неясно, можно ли было говорить наедине
gate-reason-declined = человек не захотел говорить
gate-reason-skipped = вопрос о безопасности остался без ответа
result-own-rule = Правило Qorgau (не МОТ): { $note }
result-screen-note = Откуда порог: { $note }
result-deviation = Отличие от источника: { $note }
consent-read-aloud = Прочитайте человеку вслух:
next-regional-none = Региональные контакты на этом устройстве не настроены — спросите координатора.
contact-not-verified = номер не проверен
contact-intl = из-за рубежа или с иностранной SIM-карты: { $number }
contact-hours = часы работы: { $hours }
help-protocols--all = Показать все версии, а не только самую новую версию каждого протокола
err-passphrase-short = В кодовой фразе { $chars } знаков; нужно не меньше 10. Четыре-пять случайных слов — надёжно и легко запомнить, например: { $suggestion }
err-passphrase-guessable = Эту кодовую фразу легко угадать (распространённое слово, имя, дата, ряд клавиш или повтор). Возьмите вместо неё четыре-пять случайных слов, например: { $suggestion }
err-passphrase-file-open = Файл с кодовой фразой { $path } могут прочитать другие пользователи этого компьютера. Закройте к нему доступ (chmod 600 { $path }) или вводите фразу вручную.
err-passphrase-file-in-data = Файл с кодовой фразой { $path } лежит в папке данных, рядом с ключами, которые он открывает. Храните его в другом месте или вводите фразу вручную.
err-passphrase-file-empty = Файл с кодовой фразой { $path } пуст. Запишите в него фразу или вводите её вручную.
err-card-changed = { $path } отсутствует или изменён после настройки: возможно, его подменили, чтобы записи уходили другому адресату. Прежде чем продолжать, восстановите файл из резервной копии или позвоните координатору. Записи, завершённые после последней успешной проверки карточек ({ $since }), мог прочитать посторонний: { $count }.
err-export-folder = { $path } — это папка: укажите имя файла в ней, например { $path }/week.qgb
err-not-a-file = { $path } — не обычный файл (папка, устройство или канал): укажите путь к файлу.
err-too-large = { $path } намного больше, чем бывает файл такого вида: проверьте, тот ли это файл.
err-ambiguous = Под «{ $query }» подходят записи: { $count }; qorgau не будет угадывать, какая имеется в виду. Укажите идентификатор записи или длинный код случая одной из них:

## Signed updates from the coordinator (issue 14)
help-update = Установить подписанное обновление от координатора: версии протоколов, контакты служб, отозванные версии, новый ключ координатора
help-update--file = Файл .qgu от координатора
help-hub-publish = Выпустить подписанное обновление для устройств: протоколы из --protocols DIR, справочник служб из --referrals FILE, отозванные версии
help-hub-publish--out = Файл обновления для записи (существующий не перезаписывается)
help-hub-publish--withdraw = Версии протоколов, по которым нельзя начинать новые опросы (ID@ВЕРСИЯ)
help-hub-rotate-key = Дать координатору новый ключ; следующее обновление доставит новую карточку на устройства
help-hub-rotate-key--out = Записать это обновление ещё и в этот файл
list-origin = источник
list-update = обновление
list-directory = справочник
origin-shipped = в поставке
origin-update = обновление { $seq } от координатора
origin-local = местный, без подписи
status-in-force = действует
status-withdrawn = отозвана (обновление { $seq })
status-older = прежняя версия
update-installed = Установлено обновление { $seq } от { $hub } (выпущено { $date }). Оно действует с этой минуты.
update-protocol-new = новая версия протокола: { $protocol }
update-directory = контакты служб: { $directory }
update-withdrawn = отозвана, новые опросы по ней не начинаются: { $protocol }
update-new-card = У координатора новый ключ (отпечаток { $fingerprint }); новые записи запечатываются для него. Сверьте отпечаток с координатором по телефону.
update-already = Обновление координатора { $seq } уже установлено на этом устройстве.
update-ack-failed = Квитанция применена, но пакет обновления { $path } рядом с ней не установлен: { $reason }
err-withdrawn = Версию { $protocol } отозвал координатор (обновление { $seq }): начинайте новые опросы по версии { $instead }. Незавершённые опросы по { $protocol } можно завершить.
err-withdrawn-no-other = Версию { $protocol } отозвал координатор (обновление { $seq }), а другой версии этого протокола на устройстве нет. Обратитесь к координатору.
err-update-not-pack = { $path } — не пакет обновления Qorgau ({ $reason }). Ничего не установлено.
err-update-truncated = Файл { $path } неполный (оборвался при копировании?). Скопируйте его заново с флешки координатора; ничего не установлено.
err-update-wrong-hub = { $path } выпущен другим координатором (хаб { $found }), а не тем, с которым настроено это устройство ({ $expected }). Ничего не установлено.
err-update-signature = Подпись { $path } не совпадает с ключом вашего координатора: файл изменён или сделан не вашим координатором. Ничего не установлено.
err-update-tampered = { $path } изменён после того, как координатор его подписал ({ $file } не совпадает с контрольной суммой). Скопируйте его заново; ничего не установлено.
err-update-older = { $path } — обновление { $seq }, оно старше установленного на этом устройстве обновления { $installed }. Возьмите у координатора самый новый пакет; ничего не установлено.
err-update-replayed = { $path } — обновление { $seq }, оно уже установлено на этом устройстве. Ничего не изменено.
err-update-invalid = { $path }: { $file } не проходит проверку, поэтому ничего не установлено. Попросите координатора об исправленном пакете:
err-update-shipped-differs = { $path }: { $protocol } в пакете отличается от файла той же версии, который входит в поставку qorgau. Попросите координатора выпустить его под новым номером версии; ничего не установлено.
err-update-card-hub = { $path }: карточка координатора в пакете относится к другому хабу. Ничего не установлено; позвоните координатору.
err-update-card-key = { $path }: карточка координатора в пакете не называет ключ, которым подписан пакет. Ничего не установлено; позвоните координатору.
err-update-card-missing = { $path } подписан новым ключом координатора, но не содержит новую карточку. Ничего не установлено; попросите у координатора самый новый пакет.
err-update-damaged = Обновление координатора { $seq } на этом устройстве больше не проходит проверку ({ $reason }): оно не используется, вместо него действуют протоколы и контакты из поставки. Установите пакет координатора заново: qorgau update FILE
err-update-needs-passphrase = В этом пакете новый ключ координатора, а он привязан к ключам этого устройства: чтобы установить пакет, нужна кодовая фраза.
err-publish-damaged = Обновление хаба { $seq } больше не проходит проверку по карточке хаба ({ $reason }). Выпустите его заново: qorgau hub publish --out FILE
err-publish-invalid = Исправьте эти файлы; ничего не выпущено.
err-publish-shipped = { $path } — это { $protocol }, а такая версия с другим содержимым уже входит в поставку qorgau: изменённому протоколу нужен новый номер версии. Ничего не выпущено.
err-publish-changed = { $path } — это { $protocol }, а обновление { $seq } уже выпустило эту версию с другим содержимым: изменённому протоколу нужен новый номер версии. Ничего не выпущено.
err-publish-directory-shipped = { $path } — справочник служб { $directory }, но в поставке qorgau уже есть { $newest }: поднимите `version` выше (устройства берут самый новый). Ничего не выпущено.
err-publish-directory-published = { $path } — справочник служб { $directory }, но уже выпущен { $newest }: поднимите `version` выше. Ничего не выпущено.
err-withdraw-spec = `{ $protocol }` — не ID@ВЕРСИЯ (например, border-checkpoint@1.0.0). Ничего не выпущено.
err-withdraw-unknown = `{ $protocol }` — не версия протокола из поставки qorgau и не выпущенная этим хабом (их перечисляет qorgau protocols --all). Ничего не выпущено.
err-withdraw-last = Если отозвать { $protocol }, не останется ни одной версии { $id }, по которой можно начать опрос: выпустите новую версию в том же пакете. Ничего не выпущено.
err-pack-exists = { $path } уже существует: выберите другое имя файла (qorgau никогда не перезаписывает пакет).
publish-done = Выпущено обновление { $seq }: { $path }
publish-stored = Выпущено обновление { $seq } (хранится на хабе: следующие квитанции доставят его на устройства).
publish-unchanged = После обновления { $seq } ничего не изменилось: { $path } — это снова оно.
publish-protocols = версии протоколов: { $list }
publish-directories = справочники служб: { $list }
publish-withdrawn = отозваны: { $list }
publish-next = Устройства получат его рядом с квитанцией на свой следующий файл (его установит qorgau ack) или командой: qorgau update FILE
rotate-done = У хаба новый ключ. Новый отпечаток: { $fingerprint } (прежний: { $old }). Продиктуйте новый отпечаток сотрудникам по телефону. Пока устройство не установит новую карточку, оно запечатывает записи прежним ключом, и этот хаб их по-прежнему открывает.
hub-import-update = Обновление координатора { $seq } записано рядом с квитанцией: { $path }
hub-devices-versions = Версии протоколов, действующие на устройствах (по их последним файлам):
hub-devices-version = { $protocol }: { $count ->
    [one] { $count } устройство
    [few] { $count } устройства
   *[many] { $count } устройств
}
answer-error-too-long = В тексте { $chars } знаков, а сохраняется не больше { $max }. Сократите его: заметка — это несколько предложений.
help--referrals = Местный справочник направлений (например, kz.toml) вместо встроенного; он не подписан, и экраны об этом сообщают
help-passphrase = Сменить парольную фразу этого устройства
help-passphrase-change = Перешифровать файл ключей новой парольной фразой (сначала спрашивается старая)
help-passphrase-change--new_passphrase_file = Брать новую парольную фразу из этого файла, а не спрашивать
help-hub-passphrase = Сменить парольную фразу координатора
help-hub-passphrase-change = Перешифровать файл ключей хаба новой парольной фразой (сначала спрашивается старая)
help-hub-passphrase-change--new_passphrase_file = Брать новую парольную фразу из этого файла, а не спрашивать
