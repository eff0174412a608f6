# Qorgau интерфейсінің хабарлары: қазақ тілі (кирилл).
# Fluent синтаксисі: https://projectfluent.org. Әрбір кілт ru.ftl, kk.ftl және en.ftl файлдарында болуы керек
# (мұны тест тексереді). Көпше түрлері CLDR бойынша: ru — one/few/many/other, kk және en — one/other.

## Хаттаманы толтыру

walk-observe-only = Тек бақылаңыз: бұл сұрақты дауыстап қоймаңыз.
walk-section-observation = Бұл бөлімде сіз тек бақылайсыз. Адамнан ештеңе сұрамаңыз.

answer-yes = Иә
answer-no = Жоқ
answer-unsure = Сенімді емеспін
answer-declined = Жауап беруден бас тартты
observed-yes = Иә, байқалды
observed-no = Байқалмады
observed-unsure = Көру мүмкін болмады
answer-none-of-these = Бұлардың ешқайсысы
answer-skipped = (өткізіп жіберілді)

## Қауіпсіздік тексерісі және келісім

gate-title = Алдымен — қауіпсіздік
gate-closed = Қазір сөйлесу қауіпсіз емес. Тек бақылаңыз, әңгімеге қыстамаңыз. Кез келген уақытта тоқтай аласыз: осы уақытқа дейінгі жауаптар сақталады.
consent-prompt = Адам қандай келісім берді?
consent-statistics = Тек статистика үшін, жеке басын анықтайтын деректерсіз
consent-social_services = Мәліметтерді әлеуметтік қызметтерге беруге болады
consent-police = Мәліметтерді полицияға беруге болады
consent-anonymous = Анонимді скрининг: келісім сұралмады

## Қауіп белгісі

red-flag-title = Алдымен — қауіпсіздік (!)
red-flag-body = Алдымен — өзіңіздің және адамның қауіпсіздігі. Еріп жүрген адаммен дауласпаңыз, күдігіңізді оған білдірмеңіз.
red-flag-continue = Скринингті жалғастыру
red-flag-stop = Қазір тоқтатып, сақтау

## Жауаптарды қарап шығу

review-title = Жауаптарды тексеріңіз
review-question = Сұрақ
review-answer = Жауап
review-finish = Аяқтап, нәтижені көру
review-stop = Тоқтатып, кейінге сақтау

## Нәтиже

result-title = Нәтиже
band-immediate_danger = ТІКЕЛЕЙ ҚАУІП: алдымен өзіңіздің және адамның қауіпсіздігін қамтамасыз етіңіз
band-clear_concern = БЕЛГІЛЕР БАР: көмекке жолдауды ұсыныңыз
band-possible_concern = ЖЕКЕЛЕГЕН БЕЛГІЛЕР БАР: ақпарат беріп, көмекке жолдауды ұсыныңыз
band-incomplete = МӘЛІМЕТ ЖЕТКІЛІКСІЗ: баға беру үшін жауапсыз қалған нәрсе тым көп; ақпарат пен жедел желі нөмірін беріңіз
band-no_concern = БЕЛГІЛЕР ТАБЫЛМАДЫ: бұл қауіпсіздіктің дәлелі емес; ақпарат пен жедел желі нөмірін беріңіз
band-short-immediate_danger = тікелей қауіп
band-short-clear_concern = белгілер бар
band-short-possible_concern = жекелеген белгілер
band-short-incomplete = мәлімет жеткіліксіз
band-short-no_concern = белгілер табылмады
result-flags-not-identifies = Бұл нәтиже белгілерді ғана атап көрсетеді, ешкімнің мәртебесін анықтамайды. Мұны тек уәкілетті органдар анықтайды.
result-why = Себебі: { $rule }
rule-red_flag = тікелей қауіп туралы тармаққа «иә» деп жауап берілді
rule-delphi_adult = ересектерге арналған Дельфи ережесі: үш саланың бәрінде белгілер бар — азғыру, қанау, баратын жердегі мәжбүрлеу немесе осалдық
rule-delphi_child = балаларға арналған Дельфи ережесі: азғыру саласында да, қанау саласында да белгілер бар
rule-partial_domain = бір салада бір күшті белгі немесе бірнеше орташа белгі бар
rule-incomplete = бір саладағы тармақтардың тым көбі жауапсыз қалды, «сенімді емеспін» деп белгіленді немесе оларға жауап беруден бас тартылды
rule-no_indicators = бірде-бір белгі табылмады
rule-screen = «{ $screen }» ережесі шекті мәнге жетті
result-domain = Сала
result-status = Күйі
status-positive = белгілер бар
status-partial = ішінара
status-negative = табылмады
result-fired = Табылған белгілер
result-red-flags = Қауіп белгілері
result-missing = Жауапсыз, «сенімді емеспін» немесе жауап беруден бас тартылған
result-ignored = Сұрақтар тәртібі бойынша көрсетілмеген, есепке алынбайды
result-screen = { $screen }: { $count } (кемінде { $needed } қажет)
result-sources = Дереккөздер
result-not-validated = Хаттаманың бұл нұсқасының өзі зерттеулерде тексерілмеген; жарияланған көрсеткіштер бастапқы құралдарға тиесілі.
next-steps = Келесі қадамдар
next-steps-tier = Келесі қадамдар ({ $tier })
next-call = Мына ретпен хабарласыңыз:

## Жолдау

referral-to = Адамды қайда жолдап жатырсыз? Біреуін немесе бірнешеуін белгілеңіз.
referral-status = Адам жолдау туралы не дейді?
referral-accepted = Жолдауға келіседі
referral-declined = Келіспейді
referral-pending = Әлі шешкен жоқ
referral-reason = Себебі қандай? (міндетті емес; тек Enter — өткізіп жіберу)

## Аяқтау

walk-saved = { $code } жағдайы ретінде сақталды. Ол тек { $hub } үшін шифрланды: бұл құрылғы оны қайта оқи алмайды.
walk-stopped = Тоқтатылды. Осы уақытқа дейінгі жауаптар шифрланып сақталды. Жалғастыру үшін: qorgau resume { $draft }
walk-no-terminal = Сұрақтарды қою үшін терминал керек. Бағдарламаны терминалда іске қосыңыз немесе жауаптарды --answers FILE арқылы беріңіз.
text-missing-mark = [{ $lang }]

## Баптау, тізімдер және жазбалар

init-done = Құрылғы бапталды. Жазбалар мына үйлестіруші үшін шифрланады: { $hub }
init-card = Құрылғы картасы (оны үйлестірушіге беріңіз): { $path }
init-keep-passphrase = Құпия сөз тіркесін сенімді жерде сақтаңыз: онсыз бұл құрылғыдағы деректерді ашу мүмкін емес.
hub-init-done = Хаб бапталды.
hub-init-card = Хаб картасы (оны әр құрылғыға беріңіз): { $path }
hub-init-keep = Құпия сөз тіркесін және хаб кілтінің сақтық көшірмесін сенімді жерде сақтаңыз: оларсыз осы хаб үшін шифрланған жазбаларды ашу мүмкін емес.
passphrase-choose = Құпия сөз тіркесін ойлап табыңыз: 4–5 кездейсоқ сөз — сенімді әрі есте сақтау оңай
passphrase-again = Оны тағы бір рет енгізіңіз
passphrase-differ = Екі тіркес сәйкес келмейді; бірдей тіркесті екі рет енгізіңіз
passphrase-ask = Құпия сөз тіркесі
list-protocol = хаттама
list-version = нұсқа
list-title = атауы
list-audience = кімге арналған
list-items = сұрақ саны
list-case = жағдай
list-finished = аяқталды
list-result = нәтиже
list-referral = жолдау
list-sync = жіберу
list-draft = жоба
list-started = басталды
sync-pending = үйлестірушіге жетуін күтуде
sync-synced = үйлестірушіде
referral-not_needed = қажет емес
records-none = Бұл құрылғыда аяқталған скрининг жоқ.
record-title = Жазба { $id }
record-case = Жағдай коды
record-protocol = Хаттама
record-finished = Аяқталды
record-result = Нәтиже
record-referral = Жолдау
record-sync = Жіберу
record-sealed-note = Толық жазба үйлестіруші үшін шифрланған: бұл құрылғыда оны оқу мүмкін емес.
drafts-none = Аяқталмаған скрининг жоқ.
drafts-continue = Жалғастыру үшін: qorgau resume және нөмірдің алғашқы әріптері (мысалы, qorgau resume K7P).
drafts-nothing-to-resume = Жалғастыратын аяқталмаған скрининг жоқ.
draft-deleted = { $id } жобасы өшірілді ({ $protocol }, басталған уақыты: { $started }).
purge-done = { $count ->
    [0] Әзірге өшіретін ештеңе жоқ: үйлестіруші { $days } күннен бұрын растаған мәлімет жоқ.
   *[other] Үйлестіруші алғанын { $days } күннен астам уақыт бұрын растаған { $count } жазба өшірілді.
}
show-observation-only = тек бақылау
show-shown-if = көрсетілу шарты
show-red-flag = ҚАУІП БЕЛГІСІ
show-sensitive = еркін мәтін: жеке деректер болуы мүмкін

## Жіберу: экспорт, түбіртектер, хаб

export-nothing = Жіберетін ештеңе жоқ: аяқталған жазбалардың бәрі үйлестірушіде. Файл жасалмады.
export-unfinished = { $count ->
   *[other] Аяқталмаған { $count } скрининг бұл файлға кірген жоқ: оларды qorgau drafts көрсетеді; qorgau resume арқылы аяқтаңыз.
}
export-unfinished-flagged = { $count ->
   *[other] Аяқталмаған { $count } скрининг бұл файлға кірген жоқ (қауіп белгісі барлары: { $flagged }): оларды қазір qorgau resume арқылы аяқтаңыз.
}
export-done = Файл жазылды: { $path } (жазба саны: { $records }), алушы: { $hub }. Оны үйлестірушіге апарып, түбіртекті алып келіңіз де, мынаны орындаңыз: qorgau ack RECEIPT
ack-done = Бұл файлдан үйлестірушіде { $held } жазба бар; осы құрылғыдан өшірілген шифрланған көшірмелер саны: { $removed }.
ack-rejected = Қабылданбаған жазбалар саны: { $count }. Олар құрылғыда қалады және келесі экспортқа кіреді:
hub-enrolled = Құрылғы тіркелді: { $device } (өңір: { $region }).
hub-enrolled-again = Бұл құрылғы бұрын тіркелген: { $device }; картасы жаңартылды (өңір: { $region }).
hub-revoked = Құрылғыға сенім алынып тасталды: { $device }. Оның файлдары қабылданбайды.
hub-revoked-already = Бұл құрылғыға сенім бұрын алынып тасталған: { $device }.
hub-import-done = { $file }: қабылданды { $accepted }, бұрыннан бар { $held }, қабылданбады { $rejected }; түбіртек: { $receipt }
hub-import-refused = { $file }: қабылданбады, ештеңе сақталмады: { $reason }
hub-import-failed = Қабылданбаған файлдар: { $failed } / { $total } (жоғарыда қараңыз); құрылғыдан экспортты қайта жасауды сұраңыз.
hub-records-count = { $count ->
   *[other] Жазба саны: { $count }
}
list-device = құрылғы
list-region = өңір
list-enrolled = тіркелді
list-last-import = соңғы импорт
list-records = жазба саны
list-status = күйі
device-active = белсенді
device-revoked = сенім алынған
identity-confirm = Хабтың ҚҰПИЯ кілті шифрланбай жазылады — сейфте сақтау үшін. Бұл файл кімде болса, сол барлық жазбаны оқи алады. Жалғастырасыз ба?
identity-done = Хаб кілті жазылды: { $path } (тек иесі ашады). Оны сейфте сақтаңыз: ол барлық жазбаны ашады.

review-hint = Жауапты өзгерту үшін оның нөмірін теріңіз; бірінші жолда Enter басылса — аяқтау.
referral-title = Жолдау
referral-not-yet = Әзірге жолданған жоқ
walk-total-changed = { $count ->
   *[other] Енді барлығы { $count } сұрақ: соңғы жауап қай сұрақтар керегін өзгертті.
}

## The walk on screen
walk-title-generic = Қауіпсіздікті тексеру
consent-title = Келісім
result-page-now = Қазір не істеу керек
result-page-why = Себебі
result-page-sources = Дереккөздер
status-not-asked = сұралмады
status-no-answers = жауап жоқ (жауапсыз, «сенімді емеспін» немесе бас тарту)
status-negative-some-missing = табылмады ({ $asked } сұрақтың { $missing }-іне жауап жоқ)
hint-choose-first = Алдымен жауапты таңдаңыз: оның нөмірін теріңіз (немесе ↑ ↓).
hint-mark-first = Алдымен кемінде бір жолды белгілеңіз: нөмірін теріңіз немесе бос орынды басыңыз.
key-exit = шығу
key-ok = ОК
key-ok-empty-skips = ОК (бос болса — өткізу)
key-choose = таңдау
key-mark = белгілеу
key-back = артқа
key-skip = өткізу
key-help = анықтама
key-close-help = анықтаманы жабу
key-continue = әрі қарай
key-more = толығырақ

## Typed answers that do not fit
answer-range-between = { $min } мен { $max } аралығында
answer-range-at-least = кемінде { $min }
answer-range-at-most = ең көбі { $max }
answer-error-not-number = «{ $value }» — сан емес. Цифрлармен жазыңыз, мысалы 15 ({ $range }).
answer-error-out-of-range = { $value } сәйкес келмейді: сан { $range } болуы керек.
answer-error-not-date = «{ $value }» — күн емес. ЖЖЖЖ-АА-КК түрінде жазыңыз, мысалы 2026-03-01.
answer-error-choose = Мұндай жауап жоқ: тізімнен біреуін таңдаңыз.

## Drafts and records
list-answered = жауап берілді
drafts-answered = { $total } сұрақтың { $answered }-іне жауап берілді
drafts-red-flag = (!) қауіп белгісі
resume-which = Қай скринингті жалғастырасыз?
error-resume-which = Аяқталмаған скрининг бірнешеу: қайсысын жалғастыру керегін көрсетіңіз, мысалы qorgau resume { $ids }
error-no-draft = «{ $id }» деген аяқталмаған скрининг жоқ: тізімін qorgau drafts көрсетеді.
error-draft-ambiguous = «{ $id }» бірнеше жобаға сәйкес келеді ({ $ids }): нөмірдің көбірек таңбасын теріңіз.
error-no-record = Бұл құрылғыда «{ $id }» деген жазба жоқ: тізімін qorgau records көрсетеді (жағдай кодын беріңіз).
discard-confirm = { $id } жобасын ({ $protocol }, басталған уақыты: { $started }) біржола өшіресіз бе?
discard-not-confirmed = Расталмады: ештеңе өшірілген жоқ.
record-consent = Келісім
walk-record-id = жазба { $id }
config-lang-done = Енді бұл құрылғыда qorgau қазақша сөйлейді ({ $lang }).

## Answers files
error-answers-unreadable = { $path } жауаптар файлын оқу мүмкін емес: { $detail }. Жолды тексеріңіз.
error-answers-fix-nothing-saved = Жауаптар файлын түзетіп, команданы қайта іске қосыңыз; ештеңе сақталған жоқ.
error-answers-unknown-contact = { $path }: жолдауда «{ $contact }» көрсетілген, бірақ анықтамалықта мұндай байланыс жоқ ({ $known }). Жауаптар файлын түзетіңіз; ештеңе сақталған жоқ.
error-scripted-stopped = Скрининг соңына дейін жетпей тоқтады; жоба сақталды: оны qorgau drafts көрсетеді.

## Labels: areas, short screens, audiences, report values
domain-deceptive_recruitment = Алдап тарту
domain-coercive_recruitment = Мәжбүрлеп тарту
domain-vulnerability_recruitment = Осал жағдайды пайдаланып тарту
domain-exploitation = Қанау
domain-coercion_at_destination = Барған жердегі мәжбүрлеу
domain-vulnerability_at_destination = Барған жердегі осалдық
domain-adult_screen = Ересекке арналған қысқа скрининг
domain-child_screen = Балаға арналған қысқа скрининг
domain-clinical_signs = Клиникалық белгілер
domain-control = Бақылау
domain-safety = Қауіпсіздік
domain-birth_registration = Тууды тіркеу
domain-documents_identity = Құжаттар мен жеке басы
domain-infant_condition = Сәбидің жағдайы
domain-intentions_for_baby = Сәбиге қатысты жоспарлар
domain-mother_vulnerability = Ананың осалдығы
domain-third_parties_payments = Делдалдар мен ақша
domain-attendance = Мектепке қатысу
domain-control_movement = Бақылау және жүріп-тұру
domain-health_injuries = Денсаулық пен жарақаттар
domain-labour = Жұмыс
domain-money_possessions = Ақша мен заттар
domain-qyit = QYIT сұрақтары
domain-relationships_online = Қарым-қатынас және интернеттегі таныстар
screen-sscst = SSCST сұрақтары
screen-adult_short_screen = ересектерге арналған сұрақтар
screen-core = негізгі сұрақтар
screen-observed = бақылаулар
screen-qyit = QYIT сұрақтары
audience-border_guard = шекарашылар
audience-doctor = дәрігерлер
audience-nurse = мейіргерлер
audience-patronage_nurse = патронаждық мейіргерлер
audience-teacher = мұғалімдер
audience-school_psychologist = мектеп психологтары
audience-social_pedagogue = әлеуметтік педагогтар
dimension-protocol = хаттама
dimension-band = нәтиже
dimension-domain = сала
dimension-region = өңір
dimension-month = ай
dimension-sex = жынысы
dimension-age_band = жасы
value-female = әйел
value-male = ер
value-unknown = белгісіз
value-adult = ересек
value-child = бала
value-no-domain = белгі табылған сала жоқ

## Hub reports and records
report-title = Qorgau есебі
report-generated = Жасалған уақыты: { $time } · жазба саны: { $count } · нәтижелер белгілерді ғана көрсетеді, ешкімді анықтамайды.
report-total = { $count ->
   *[other] Жазба саны: { $count }
}
report-records = жазба саны
report-share = үлесі
report-date = күні
report-bands = Нәтижелер
report-bands-by-month = Айлар бойынша нәтижелер
report-bands-by-region = Өңірлер бойынша нәтижелер
report-top-indicators = Жиі табылған белгілер
report-top-indicators-of = Жиі табылғандар, { $protocol }: { $list }
report-counts-by = Есеп: { $by }
report-pending = Шешімі жоқ жолдаулар: { $count }
hub-record-head = Жағдай { $code } · жазба { $id } · құрылғы { $device } · өңір { $region }
hub-record-times = Басталды { $started }, аяқталды { $finished } (скрининг тілі: { $lang })
hub-record-protocol-missing = Жазба толтырылған { $protocol } хаттама файлы мұнда жоқ; жауаптар сақталған күйінде:
export-csv-done = { $path } файлына жазылды: жазба саны { $count }, жауап бағандары { $columns }.
export-csv-done-deidentified = { $path } файлына жазылды: жазба саны { $count }, жауап бағандары { $columns }, жеке басын анықтайтын деректерсіз.

## Errors of the command line
error-prefix = қате
error-cli-invalid-value = «{ $value }» мәні { $arg } үшін жарамайды. { $valid }
error-cli-unknown-lang = «{ $value }» — мұндай тіл жоқ: ru, kk немесе en деп көрсетіңіз.
error-cli-unknown-arg = Мұнда { $arg } деген параметр жоқ.
error-cli-unknown-command = «{ $command }» деген команда жоқ.
error-cli-missing = Мынасы жетіспейді: { $arg }
error-cli-see-help = Команданың не қабылдайтынын көру үшін --help қосыңыз.

## Help of the command line
help-heading-usage = Іске қосу
help-heading-commands = Командалар
help-heading-options = Параметрлер
help-heading-arguments = Аргументтер
help-heading-global = Кез келген командаға арналған параметрлер
help--help = Осы анықтаманы көрсету
help--version = Нұсқасын көрсету
help--lang = Көрсетілетін барлық нәрсенің тілі: ru, kk немесе en (init және qorgau config lang оны есте сақтайды)
help--protocols = Кірістірілген хаттамалардан бөлек қосымша хаттамалар қалтасы (ID/НҰСҚА.toml)
help--data_dir = Осы құрылғының (немесе үйлестірушінің) кілттері мен деректері бар қалта
help--passphrase_file = Құпия сөз тіркесін сұрамай, осы файлдан алу (оны ешқашан параметрге жазбаңыз)
help-qorgau = Интернетсіз адам саудасы белгілеріне скрининг: сұрақтар, нәтиже, келесі қадамдар; нәтижелер өңірлік үйлестірушіге флешкамен жеткізіледі.
help-arg--format = table (адамдарға) немесе json (бағдарламаларға)
help-arg--spec = Хаттама идентификаторы, мысалы patronage-home-visit (немесе ID@НҰСҚА)
help-arg--draft_id = Жобаның нөмірі немесе оның алғашқы әріптері (тізімін qorgau drafts көрсетеді)
help-arg--yes = Растауды сұрамау
help-protocols = Хаттамалар тізімі: идентификаторы, нұсқасы, атауы, кімге арналғаны, сұрақ саны
help-protocol = Хаттаманы көрсету, тексеру немесе сынап көру
help-protocol-show = Хаттаманың бөлімдері мен сұрақтары, идентификаторлары және есептелуі
help-protocol-lint = Хаттама файлдарын тексеру және олардың бақылау жағдайларын орындау; әр қате файл:жол:баған түрінде
help-protocol-lint--paths = Хаттама немесе жолдау анықтамалығының файлдары
help-protocol-score = Жауаптар файлын хаттама бойынша есептеу; ештеңе сақталмайды
help-protocol-score--answers = [answers] кестесі бар TOML файлы
help-init = Осы құрылғыны бір рет баптау: кілттер, құпия сөз тіркесі және үйлестірушінің картасы
help-init--hub = Үйлестірушінің картасы (hub-card.toml)
help-init--region = Осы құрылғының өңірі, үйлестірушінің атауымен, мысалы almaty_city
help-screen = Скринингті бастау: экранда бір сұрақ; әр жауаптан кейін сақталады; соңында үйлестіруші үшін мөрленеді
help-screen--answers = Жауаптарды сұрамай, осы файлдан алу
help-drafts = Аяқталмаған скринингтер: нөмірі, хаттамасы, басталуы, барысы; қауіп белгісі барлары — алдымен
help-resume = Аяқталмаған скринингті жалғастыру (бірнешеу болса, қайсысын екенін сұрайды)
help-resume--answers = Қалған жауаптарды сұрамай, осы файлдан алу
help-discard = Аяқталмаған скринингті біржола өшіру
help-config = Осы құрылғының баптаулары
help-config-lang = Келесі барлық командалардың тілі
help-config-lang--lang = ru, kk немесе en
help-records = Осы құрылғының аяқталған скринингтері (тек қысқаша мәліметтер)
help-record = Бір аяқталған скрининг
help-record-show = Бір аяқталған скрининг туралы қысқаша мәлімет
help-record-show--id = Сізге берілген жағдай коды (немесе жазба нөмірі)
help-purge = Үйлестіруші алғанын сақтау мерзімінен (әдепкіде 30 күн) бұрын растаған қысқаша мәліметтерді өшіру
help-export = Үйлестірушіде әлі жоқ аяқталған скринингтердің бәрін бір файлға (мысалы, флешкаға) жазу
help-export--out = Жазылатын файл, мысалы /media/usb/week48.qgb
help-ack = Үйлестірушінің түбіртегін оқып, енді оның қолындағы жазбаларды өшіру
help-ack--receipt = Үйлестірушіден келген .receipt файлы
help-hub = Өңірлік үйлестірушінің командалары
help-hub-init = Үйлестірушінің компьютерін бір рет баптау: кілттер, құпия сөз тіркесі және құрылғыларға арналған hub-card.toml
help-hub-init--name = Құрылғыларда көрсетілетін үйлестірушінің атауы
help-hub-enroll = Құрылғыға сену, оның файлдарын қабылдау үшін
help-hub-enroll--device_card = Құрылғының device-card.toml файлы
help-hub-enroll--force = Сенімі алынған құрылғыға қайта сену немесе таныс құрылғының жаңа кілтін қабылдау
help-hub-revoke = Құрылғыға сенуді тоқтату: бұдан былай оның файлдары қабылданбайды
help-hub-revoke--device_id = hub devices көрсететін құрылғы нөмірі
help-hub-devices = Сенімді құрылғылар, олардан соңғы қабылдау және жазба саны
help-hub-import = Құрылғылардың файлдарын тексеріп қабылдау; әрқайсысына түбіртек жазу
help-hub-import--files = Құрылғылардан келген файлдар (.qgb)
help-hub-import--receipt_dir = Түбіртектер жазылатын қалта (әдепкіде — әр файлдың жанында)
help-hub-records = Үйлестірушіде сақталған скринингтер
help-hub-record = Бір скрининг толығымен
help-hub-record-show = Бір скрининг толығымен: жауаптар, нәтиже, келісім, жолдау (--lang тілінде)
help-hub-record-show--id = Жағдай коды немесе жазба нөмірі
help-hub-report = Сандар мен үлестер: хаттама, нәтиже, сала, өңір, ай және іс профилі бойынша (жынысы, жасы, азаматтығы, бағыты, қанау түрі, азғыру тәсілі)
help-hub-report--by = Неге қарай санау керек, үтір арқылы: protocol, band, domain, region, month, sex, age_band, citizenship, direction, exploitation, channel
help-hub-report--since = Осы күннен бастап (ЖЖЖЖ-АА-КК), қоса алғанда
help-hub-report--until = Осы күнге дейін (ЖЖЖЖ-АА-КК), қоса алғанда
help-hub-report--protocol = Тек осы хаттама
help-hub-report--format = table, csv немесе json
help-hub-report--html = Сонымен қатар диаграммалары бар дербес HTML бетін жазу
help-hub-export-csv = Талдаушыларға арналған CSV: әр скринингке бір жол, жауаптар кодпен
help-hub-export-csv--out = Жазылатын CSV файлы (бар файлдың үстінен жазылмайды)
help-hub-export-csv--deidentified = k-анонимді жолдар кездейсоқ ретпен, нөмірлерсіз, жағдай кодтарынсыз, құрылғыларсыз, күндерсіз және еркін мәтінсіз, тек беруге келісім берілген скринингтер
help-hub-export-csv--include_free_text = Еркін мәтінмен берілген жауаптарды да қосу (олар бойынша адамды тануға болады)
help-hub-erase = Адамның өтініші бойынша скринингті және одан есептелгеннің бәрін өшіру
help-hub-erase--id = Жағдай коды немесе жазба нөмірі
help-hub-export-identity = Үйлестірушінің құпия кілтін сейфте сақтау үшін файлға жазу
help-hub-export-identity--out = Жазылатын файл (бар файлдың үстінен жазылмайды)
help-dev = Әзірлеушілерге арналған құралдар (тек жасанды деректер)
help-dev-synth = Кездейсоқ жауаптардан аяқталған жазбалар жасау (жасанды, тесттер мен өлшеулер үшін)
help-dev-synth--records = Жазба саны
help-dev-synth--seed = Кездейсоқ жауаптардың бастапқы саны, іске қосуды қайталау үшін
hub-records-more = { $count ->
   *[other] тағы { $count }: тізімді --since, --band, --region, --protocol немесе --pending арқылы тарылтыңыз не --limit мәнін үлкейтіңіз.
}
error-bad-date = --{ $option } { $value }: күнді ЖЖЖЖ-АА-КК түрінде жазыңыз, мысалы 2026-01-31.
help-hub-records--since = Осы күннен бастап (ЖЖЖЖ-АА-КК), қоса алғанда
help-hub-records--until = Осы күнге дейін (ЖЖЖЖ-АА-КК), қоса алғанда
help-hub-records--protocol = Тек осы хаттама
help-hub-records--band = Тек осы нәтиже: immediate_danger, clear_concern, possible_concern, incomplete немесе no_concern
help-hub-records--region = Тек осы өңір
help-hub-records--pending = Тек жолдауы бойынша әлі шешім жоқ скринингтер
help-hub-records--limit = Ең көбі осынша, ең жаңалары (көрсетілмесе — 100)
error-no-hub = { $path } қалтасында үйлестіруші бапталмаған: алдымен qorgau hub init орындаңыз (немесе --data-dir көрсетіңіз).
error-file-exists = { $path } бұрыннан бар және оның үстінен жазылмайды: басқа файл таңдаңыз.
export-csv-free-text-warning = Назар аударыңыз: еркін мәтінмен берілген жауаптар бойынша адамды тануға болады; { $path } файлын үйлестірушінің компьютері сияқты сенімді сақтаңыз.
erase-needs-yes = Өшіруді кері қайтару мүмкін емес: оны --yes арқылы растаңыз немесе команданы терминалда іске қосыңыз.
error-no-hub-record = Мұнда «{ $id }» деген жазба немесе жағдай коды жоқ: тізімін qorgau hub records көрсетеді.
error-retention-too-large = config.toml ішіндегі retention_days = { $days } тым үлкен: күн санын жазыңыз, мысалы 30.
lint-failed = { $problems ->
   *[other] { $total } файлдың { $failed }-інде { $problems } қате; түзетіп, qorgau protocol lint командасын қайта іске қосыңыз.
}
error-passphrase-file = { $path } құпия сөз файлын оқу мүмкін емес: { $detail }. --passphrase-file немесе QORGAU_PASSPHRASE_FILE ішіндегі жолды тексеріңіз.
error-passphrase-no-terminal = Құпия сөз тіркесі керек, ал оны сұрайтын терминал жоқ: --passphrase-file FILE беріңіз (немесе QORGAU_PASSPHRASE_FILE орнатыңыз).
screen-which = Қай скринингті жүргізесіз?
screen-none-picked = Хаттама таңдалмады: ештеңе басталған жоқ.
error-screen-which = Скринингті қай хаттамамен жүргізу керегін көрсетіңіз, мысалы qorgau screen { $ids }
help-screen--spec = Хаттама идентификаторы (бір мәнді басы жеткілікті, мысалы patronage); онсыз — таңдауға арналған тізім
error-report-protocol = «{ $id }» деген хаттама жоқ: мыналардың бірін көрсетіңіз: { $ids }.
## Сенім және ақаулар (13-тапсырма): карточкалар, саусақ іздері, экспорт жоспары, үйлестірушідегі тексерістер

init-fingerprints = Үйлестіруші карточкасының саусақ ізі: { $hub }. Оны үйлестірушіге телефонмен оқып беріңіз: ол толық сәйкес келуі керек. Осы құрылғының саусақ ізі: { $device } (үйлестіруші оны тіркеу кезінде салыстырады).
init-many-recipients = Назар аударыңыз: үйлестіруші карточкасында { $count } кілт бар, жазбаларды олардың әрқайсысының иесі оқи алады. Сауалнама жүргізбес бұрын үйлестірушіден солай ойластырылғанын сұраңыз.
init-bad-region = «{ $region }» — өңір атауы емес: кіші латын әріптерін, цифрларды және _ белгісін қолданыңыз (мысалы, almaty_city), 64 таңбадан аспасын.
hub-init-fingerprint = Үйлестіруші карточкасының саусақ ізі: { $fingerprint }. Әр қызметкер құрылғыны баптағанда оны сізбен телефон арқылы салыстырады.
hub-enroll-fingerprint = Құрылғының саусақ ізі: { $fingerprint }. Бұл құрылғыға сенбес бұрын оны қызметкердің құрылғысы баптау кезінде көрсеткен ізбен салыстырыңыз.
result-hub-fingerprint = Үйлестірушінің { $fingerprint } карточкасы үшін мөрленді.
passphrase-changed = Құпия сөз тіркесі өзгертілді: енді { $path } файлын тек жаңасы ашады.
device-changed = qorgau-дан тыс өзгертілген: сенуге болмайды
export-plan = Қол қойылатын жазбалар: { $count }, { $first } мен { $last } аралығында аяқталған:
export-plan-codes = Жағдай кодтары: { $codes }
export-plan-more = тағы { $count }
export-left-out = Қол қойылмады: сәйкес түйіндемесі жоқ { $count } жазба. Оларды бұл құрылғыда Qorgau жасамаған; үйлестірушіге хабарлаңыз:
export-extra-recipients = НАЗАР АУДАРЫҢЫЗ: { $count } жазба үйлестіруші карточкасындағыдан көп кілтке мөрленген, сондықтан оларды басқа біреу оқуы мүмкін. Үйлестіруші білуі үшін олар жіберіледі; оған қазір хабарлаңыз:
export-implausible = Күні сенімсіз { $count } жазба (оларды аяқтаған кезде құрылғының сағаты қате болған):
export-nothing-signed = Ешнәрсеге қол қойылмады, файл жазылмады.
export-confirm = Осы жазбаларға қол қойып, пакетті жазу керек пе?
export-needs-yes = Жоғарыдағы тізімді тексеріп, қол қою үшін команданы --yes арқылы қайта іске қосыңыз (немесе сұраққа жауап беру үшін оны терминалда іске қосыңыз).
export-not-confirmed = Расталмады: ешнәрсеге қол қойылмады, файл жазылмады.
hub-import-erased = { $count ->
    [one] { $count } жазба мұнда адамның өтініші бойынша өшірілген және қайта сақталмады; түбіртек бойынша құрылғы өз көшірмесін жояды.
   *[other] { $count } жазба мұнда адамдардың өтініші бойынша өшірілген және қайта сақталмады; түбіртек бойынша құрылғы өз көшірмелерін жояды.
}
hub-import-extra-recipients = НАЗАР АУДАРЫҢЫЗ: { $count } жазба осы үйлестіруші карточкасындағыдан көп кілтке мөрленген: оларды басқа біреу оқуы мүмкін. Олар сақталып, белгіленді; қызметкерден құрылғыны тексеруді сұраңыз:
hub-import-implausible = Күні ақылға қонымды шектен тыс { $count } жазба (құрылғы сағаты қате); олар сақталып, белгіленді.
hub-flag-extra = бөгде кілттерге де мөрленген
hub-flag-date = сенімсіз күн
hub-skipped-row = Көрсетілмеді: { $device } құрылғысынан { $id } жазбасы: { $reason }
hub-skipped = { $count ->
    [one] { $count } жазбаны көрсету мүмкін болмады (жоғарыда қараңыз). Оның жолы тексерістен өтпейді; үйлестіруші дерекқорын сақтық көшірмеден қалпына келтіріңіз немесе оның пакетін қайта импорттаңыз.
   *[other] { $count } жазбаны көрсету мүмкін болмады (жоғарыда қараңыз). Олардың жолдары тексерістен өтпейді; үйлестіруші дерекқорын сақтық көшірмеден қалпына келтіріңіз немесе олардың пакеттерін қайта импорттаңыз.
}
csv-done = { $path } файлына { $records } жазба жазылды (жауап бағандары: { $columns }).
csv-unknown-protocol = { $count } жазба осы үйлестірушіде жоқ хаттама нұсқасы бойынша: олардың жауаптары шығарылмады, себебі қайсысы еркін мәтін екені белгісіз.
erase-what = { $code } ({ $protocol }, { $date }, { $device } құрылғысы)
erase-confirm = { $what } жазбасын және оның есеп деректерін біржола өшіру керек пе?
erase-not-confirmed = Расталмады: ешнәрсе өшірілмеді.
erase-done = { $what } есеп деректерімен бірге өшірілді. Ескі пакет оны қайтара алмайды.
catalog-skipped = { $path } өткізіп жіберілді: { $reason }
protocol-local-banner = ЖЕРГІЛІКТІ, ҚОЛ ҚОЙЫЛМАҒАН ХАТТАМА: { $path } qorgau жиынтығына кірмейді. Оны қайдан келгенін білсеңіз ғана қолданыңыз.
referral-local-banner = ЖЕРГІЛІКТІ, ҚОЛ ҚОЙЫЛМАҒАН ҚЫЗМЕТТЕР ТІЗІМІ: { $path } qorgau жиынтығына кірмейді. Телефон нөмірлерін біреуге бермес бұрын тексеріңіз.
draft-in-use = Бұл аяқталмаған сауалнама басқа терезеде ашық. Алдымен оны сол жерде аяқтаңыз немесе тоқтатыңыз.

## Results of schema 2 protocols (protocol format work)
band-no_concern-below_threshold = ШЕКТІ МӘНГЕ ЖЕТПЕДІ: жекелеген белгілер байқалды (олар төменде), бірақ қорытынды жасауға жеткіліксіз; бұл қауіпсіздіктің дәлелі емес — ақпарат пен жедел желі нөмірін беріңіз
band-observation_only = ТЕК БАҚЫЛАУ: әңгіме өтпеді, ал бақылау жеткілікті белгілерді анықтамады; бұл белгілер жоқ дегенді білдірмейді — ақпарат пен жедел желі нөмірін қауіпсіз түрде беріңіз
band-short-observation_only = тек бақылау
rule-observation_only = әңгіме өтпеді, сондықтан тек бақылау ескерілді
rule-below_threshold = жекелеген белгілер бар, бірақ олар шекті мәннен төмен — олар төменде көрсетілген
result-observation-only = Тек бақылау: әңгіме өтпеді — { $reason }.
gate-reason-no = оңаша сөйлесу мүмкін болмады
gate-reason-unsure = оңаша сөйлесуге бола ма, белгісіз болды
gate-reason-declined = адам сөйлескісі келмеді
gate-reason-skipped = қауіпсіздік туралы сұрақ жауапсыз қалды
result-own-rule = Qorgau ережесі (ХЕҰ ережесі емес): { $note }
result-screen-note = Шекті мән неге негізделген: { $note }
result-deviation = Дереккөзден айырмашылығы: { $note }
consent-read-aloud = Адамға дауыстап оқып беріңіз:
next-regional-none = Бұл құрылғыда өңірлік байланыстар бапталмаған — үйлестірушіден сұраңыз.
contact-not-verified = нөмір тексерілмеген
contact-intl = шетелден немесе шетелдік SIM-картадан: { $number }
contact-hours = жұмыс уақыты: { $hours }
help-protocols--all = Әр хаттаманың ең жаңа нұсқасын ғана емес, барлық нұсқаларын көрсету
err-passphrase-short = Құпия сөз тіркесінде { $chars } таңба бар; кемінде 10 таңба керек. Төрт-бес кездейсоқ сөз — сенімді әрі есте сақтау оңай, мысалы: { $suggestion }
err-passphrase-guessable = Бұл құпия сөз тіркесін табу оңай (жиі кездесетін сөз, есім, күн, пернелер қатары немесе қайталау). Оның орнына төрт-бес кездейсоқ сөз алыңыз, мысалы: { $suggestion }
err-passphrase-file-open = { $path } құпия сөз файлын осы компьютердің басқа пайдаланушылары оқи алады. Оған қолжетімділікті жабыңыз (chmod 600 { $path }) немесе құпия сөзді қолмен енгізіңіз.
err-passphrase-file-in-data = { $path } құпия сөз файлы деректер қалтасында, өзі ашатын кілттердің жанында тұр. Оны басқа жерде сақтаңыз немесе құпия сөзді қолмен енгізіңіз.
err-passphrase-file-empty = { $path } құпия сөз файлы бос. Оған құпия сөзді жазыңыз немесе оны қолмен енгізіңіз.
err-card-changed = { $path } жоқ немесе баптаудан кейін өзгертілген: жазбалар басқа біреуге кетуі үшін ол ауыстырылған болуы мүмкін. Жалғастырмас бұрын файлды сақтық көшірмеден қалпына келтіріңіз немесе үйлестірушіге қоңырау шалыңыз. Карточкалардың соңғы сәтті тексерісінен ({ $since }) кейін аяқталған жазбаларды бөгде адам оқуы мүмкін: { $count }.
err-export-folder = { $path } — қалта: оның ішіндегі файл атауын көрсетіңіз, мысалы { $path }/week.qgb
err-not-a-file = { $path } — кәдімгі файл емес (қалта, құрылғы немесе арна): файлдың жолын көрсетіңіз.
err-too-large = { $path } мұндай файлдың болуы мүмкін көлемінен әлдеқайда үлкен: дұрыс файл екенін тексеріңіз.
err-ambiguous = «{ $query }» сұрауына { $count } жазба сәйкес келеді; qorgau қайсысы екенін болжамайды. Олардың бірінің жазба идентификаторын немесе ұзын жағдай кодын көрсетіңіз:
answer-error-too-long = Мәтінде { $chars } таңба бар, ал ең көбі { $max } таңба сақталады. Қысқартыңыз: жазба — бірнеше сөйлем ғана.
help--referrals = Кірістірілген анықтаманың орнына жергілікті жолдау анықтамалығы (мысалы, kz.toml); ол қол қойылмаған, экрандар мұны айтады
help-passphrase = Осы құрылғының құпия сөз тіркесін ауыстыру
help-passphrase-change = Кілттер файлын жаңа құпия сөз тіркесімен қайта шифрлау (алдымен ескісі сұралады)
help-passphrase-change--new_passphrase_file = Жаңа құпия сөз тіркесін сұрамай, осы файлдан алу
help-hub-passphrase = Үйлестірушінің құпия сөз тіркесін ауыстыру
help-hub-passphrase-change = Хаб кілттерінің файлын жаңа құпия сөз тіркесімен қайта шифрлау (алдымен ескісі сұралады)
help-hub-passphrase-change--new_passphrase_file = Жаңа құпия сөз тіркесін сұрамай, осы файлдан алу

## Іс профилі, HTCDS бойынша шығару, k-анонимді беру, жазбаларды іздеу (12-тапсырма)
dimension-citizenship = азаматтығы
dimension-direction = сапар бағыты
dimension-exploitation = қанау түрі
dimension-channel = азғыру тәсілі
profile-sex-female = әйелдер
profile-sex-male = ерлер
profile-age-0-11 = 0–11 жас
profile-age-12-17 = 12–17 жас
profile-age-18-24 = 18–24 жас
profile-age-25-34 = 25–34 жас
profile-age-35-49 = 35–49 жас
profile-age-50-plus = 50 жас және одан үлкен
profile-age-child = 18 жасқа дейін
profile-age-adult = 18 жас және одан үлкен
profile-citizenship-stateless = азаматтығы жоқ
profile-citizenship-foreign = шетел азаматтары мен азаматтығы жоқ адамдар
profile-direction-exit = елден шығу
profile-direction-entry = елге кіру
profile-direction-transit = транзитпен өту
profile-direction-return = елге оралу
profile-exploitation-forced-labour = мәжбүрлі еңбек
profile-exploitation-sexual = жыныстық қанау
profile-exploitation-child-labour = балалар еңбегін қанау
profile-exploitation-forced-marriage = мәжбүрлі неке
profile-exploitation-servitude = құлдыққа ұқсас тәуелділік
profile-exploitation-forced-military = қарулы топтарда қызмет етуге мәжбүрлеу
profile-exploitation-organ-removal = ағзаларды алу
profile-exploitation-forced-begging = қайыр сұрауға мәжбүрлеу
profile-exploitation-forced-adoption = заңсыз не мәжбүрлі бала асырап алу
profile-exploitation-surrogacy = мәжбүрлі суррогат ана болу
profile-exploitation-forced-criminality = қылмыстық әрекетке мәжбүрлеу
profile-channel-place-of-business = мекемеде не кәсіпорында
profile-channel-school = мектепте не колледжде
profile-channel-work = жұмыс орнында
profile-channel-online-social = әлеуметтік желілер не мессенджерлер
profile-channel-online-ad = интернеттегі хабарландыру
profile-channel-tv-ad = теледидардағы жарнама
profile-channel-newspaper-ad = газеттегі хабарландыру
profile-channel-family = туыстар не отбасы
profile-channel-friends = таныстар не достар
profile-channel-agency = жұмысқа орналастыру агенттігі не «агент»
profile-other = басқа
profile-not-recorded = жазылмаған
list-device-name = атауы
hub-enroll-name = Атауы: { $name }
err-device-name = «{ $value }» құрылғы атауы бола алмайды: 1-ден 64-ке дейін таңба керек, басқару таңбаларынсыз.
err-unknown-device = «{ $value }» деген атауы не нөмірі бар тіркелген құрылғы жоқ: мыналардың бірін көрсетіңіз: { $known }.
err-unknown-band = «{ $value }» нәтиже емес: мыналардың бірін көрсетіңіз: { $known }.
error-report-dimension = Есеп «{ $value }» бойынша санай алмайды: мыналарды көрсетіңіз: { $known }.
report-multi-valued = Бірнеше мәні бар жазба ({ $by }) әр мәнінде бір реттен есептелді: сандардың қосындысы жазбалар санынан, ал үлестердің қосындысы 100 %-дан асады.
report-devices = Құрылғылар: соңғы қабылдау
report-days-ago = неше күн бұрын
report-never = ешқашан
report-device-stale = бір айдан астам үнсіз
report-devices-stale = { $count } құрылғы { $days } күн не одан да ұзақ уақыт дерек жібермеді: қызметкерлерден файлдарын әкелуді сұраңыз.
deidentified-k = Жынысы, жасы, азаматтығы, өңірі, кезеңі және хаттамасы бойынша әр үйлесім кемінде { $k } рет кездеседі: жалпыланған жолдар — { $generalised }, алынып тасталғаны — { $suppressed }.
deidentified-statistics-only = Тек статистикаға келісім берілген жазбалар мен анонимді жазбалар жол-жолымен шығарылмайды (олар hub report есебінде есептелген): { $count }.
deidentified-consent-not-known = Келісімі есеп деректерімен бірге сақтала бастағанға дейін қабылданған жазбалар шығарылмады, өйткені олардың келісімі мұнда белгісіз. Мұндай жазбалар: { $count }.
htcds-done = { $path } файлына { $records } жазба жазылды (HTCDS { $version }).
help-hub-enroll--name = Құрылғының атауы (қызметкер не мекеме), тізімдер мен есептерде көрсетіледі
help-hub-records--device = Тек осы құрылғы: атауы, нөмірі не нөмірінің басы
help-hub-export-csv--k = --deidentified бірге: жынысы, жасы, азаматтығы, өңірі, айы және хаттамасы бойынша әр үйлесім кемінде K рет кездеседі (көрсетілмесе 5)
help-hub-export-htcds = HTCDS 2.0 өріс атаулары бар CSV кестесі, әр скринингке бір жол: істер дерекқорлары мен ХКҰ үшін
help-hub-export-htcds--out = Жазылатын CSV файлы (бар файлдың үстінен жазылмайды)
help-hub-export-htcds--deidentified = k-анонимді жолдар кездейсоқ ретпен, нөмірлерсіз және күндерсіз, тек беруге келісім берілген скринингтер
help-hub-export-htcds--k = --deidentified бірге: жынысы, жасы, азаматтығы, өңірі, айы және хаттамасы бойынша әр үйлесім кемінде K рет кездеседі (көрсетілмесе 5)
