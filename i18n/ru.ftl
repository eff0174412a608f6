# Сообщения интерфейса Qorgau: русский.
# Синтаксис Fluent: https://projectfluent.org. Каждый ключ должен быть в ru.ftl, kk.ftl и en.ftl
# (это проверяет тест). Формы множественного числа по CLDR: в ru — one/few/many/other, в kk и en — one/other.

## Прохождение протокола

walk-header = { $protocol } · { $section }
walk-progress = Вопрос { $position } из { $total }
walk-remaining = { $count ->
    [one] Остался { $count } вопрос
    [few] Осталось { $count } вопроса
    [many] Осталось { $count } вопросов
   *[other] Осталось { $count } вопроса
}
walk-observe-only = Только наблюдайте: не задавайте этот вопрос вслух.
walk-section-observation = В этой части вы только наблюдаете. Ни о чём не спрашивайте человека.
walk-answered-before = Прежний ответ: { $answer }

answer-yes = Да
answer-no = Нет
answer-unsure = Не уверен(а)
answer-declined = Отказ от ответа
observed-yes = Да, замечено
observed-no = Не замечено
observed-unsure = Не удалось увидеть
answer-none-of-these = Ничего из перечисленного
answer-skipped = (пропущено)

nav-skip = Пропустить вопрос
nav-back = ← Назад
nav-help = Подсказка
nav-stop = Прервать и сохранить на потом
nav-multi-hint = Space (пробел) отмечает пункт, Enter подтверждает.
nav-input-hint = Enter — подтвердить. Пустая строка — пропустить. Введите <, чтобы вернуться, или ? для подсказки.
nav-quick-exit-hint = Esc или q в списке, либо Ctrl-C: быстрый выход (экран очищается, ответы сохраняются).
walk-no-help = К этому вопросу нет дополнительной подсказки.
walk-not-a-number = Это не число. Введите цифры, например 15.
walk-not-a-date = Это не дата. Введите её в виде ГГГГ-ММ-ДД, например 2026-03-01.
walk-out-of-range = Число должно быть от { $min } до { $max }.

## Проверка безопасности и согласие

gate-title = Сначала безопасность
gate-closed = Сейчас говорить небезопасно. Только наблюдайте и не настаивайте на беседе. Остановиться можно в любой момент: уже полученные ответы сохранятся.
consent-prompt = На что человек дал согласие?
consent-statistics = Только для статистики, без данных, по которым можно установить личность
consent-social_services = Сведения можно передать в социальные службы
consent-police = Сведения можно передать в полицию
consent-anonymous = Анонимный скрининг: согласие не запрашивалось

## Признак опасности

red-flag-title = НЕПОСРЕДСТВЕННАЯ ОПАСНОСТЬ
red-flag-body = Прежде всего — ваша безопасность и безопасность человека. Не вступайте в спор с сопровождающими.
red-flag-continue = Продолжить скрининг
red-flag-stop = Прервать сейчас и сохранить

## Проверка ответов

review-title = Проверьте ответы перед завершением
review-question = Вопрос
review-answer = Ответ
review-finish = Завершить и посмотреть результат
review-change = Изменить ответ
review-stop = Прервать и сохранить на потом
review-which = Какой ответ вы хотите изменить?

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
rule-screen = короткий скрининг «{ $screen }» достиг порога
result-domain = Область
result-status = Статус
status-positive = признаки есть
status-partial = частично
status-negative = не найдено
result-fired = Найденные признаки
result-red-flags = Признаки опасности
result-missing = Без ответа, «не уверен(а)» или отказ от ответа
result-ignored = Не показаны по ходу опроса, не учитываются
result-screen = Короткий скрининг { $screen }: { $count } (нужно не меньше { $needed })
result-sources = Источники
result-not-validated = Эта версия протокола сама не валидирована; опубликованные показатели относятся к исходным инструментам.
next-steps = Дальнейшие шаги
next-steps-tier = Дальнейшие шаги ({ $tier })
next-call = Звоните в таком порядке:

## Направление

referral-to = Куда вы направили человека? (Space — отметить, Enter — подтвердить)
referral-status = Что решил человек?
referral-accepted = Согласие на направление
referral-declined = Отказ от направления
referral-pending = Решение пока не принято
referral-reason = Почему? (необязательно; Enter — пропустить)

## Завершение

walk-saved = Сохранено как случай { $code }. Запись зашифрована для { $hub }: на этом устройстве её уже не прочитать.
walk-stopped = Скрининг прерван. Полученные ответы сохранены в зашифрованном виде. Чтобы продолжить: qorgau resume { $draft }
walk-resuming = Продолжаем скрининг, начатый { $started }.
walk-no-terminal = Для вопросов нужен терминал. Запустите программу в терминале или передайте ответы через --answers FILE.
text-missing-mark = [ru]

## Настройка, списки и записи

init-done = Устройство настроено. Записи будут шифроваться для: { $hub }
init-card = Карточка устройства (передайте её координатору): { $path }
init-keep-passphrase = Храните кодовую фразу в надёжном месте: без неё данные на этом устройстве не открыть.
hub-init-done = Хаб настроен.
hub-init-card = Карточка хаба (передайте её на каждое устройство): { $path }
hub-init-keep = Храните кодовую фразу и резервную копию ключа хаба в надёжном месте: без них записи, зашифрованные для этого хаба, не открыть.
passphrase-choose = Придумайте кодовую фразу (не короче 10 символов)
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
list-at-question = вопрос
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
drafts-continue = Чтобы продолжить, введите: qorgau resume DRAFT_ID
drafts-nothing-to-resume = Нет незавершённых скринингов, которые можно продолжить.
draft-deleted = Черновик { $id } удалён.
purge-done = { $count ->
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
status-not-asked = не спрашивали
consent-read-aloud = Прочитайте человеку вслух:
next-regional-none = Региональные контакты на этом устройстве не настроены — спросите координатора.
contact-not-verified = номер не проверен
contact-intl = из-за рубежа или с иностранной SIM-карты: { $number }
contact-hours = часы работы: { $hours }
