# Qorgau интерфейсінің хабарлары: қазақ тілі (кирилл).
# Fluent синтаксисі: https://projectfluent.org. Әрбір кілт ru.ftl, kk.ftl және en.ftl файлдарында болуы керек
# (мұны тест тексереді). Көпше түрлері CLDR бойынша: ru — one/few/many/other, kk және en — one/other.

## Хаттаманы толтыру

walk-header = { $protocol } · { $section }
walk-progress = { $position }-сұрақ, барлығы { $total }
walk-remaining = { $count ->
   *[other] { $count } сұрақ қалды
}
walk-observe-only = Тек бақылаңыз: бұл сұрақты дауыстап қоймаңыз.
walk-section-observation = Бұл бөлімде сіз тек бақылайсыз. Адамнан ештеңе сұрамаңыз.
walk-answered-before = Бұрынғы жауап: { $answer }

answer-yes = Иә
answer-no = Жоқ
answer-unsure = Сенімді емеспін
answer-declined = Жауап беруден бас тартты
observed-yes = Иә, байқалды
observed-no = Байқалмады
observed-unsure = Көру мүмкін болмады
answer-none-of-these = Бұлардың ешқайсысы
answer-skipped = (өткізіп жіберілді)

nav-skip = Сұрақты өткізіп жіберу
nav-back = ← Артқа
nav-help = Түсініктеме
nav-stop = Тоқтатып, кейінге сақтау
nav-multi-hint = Space (бос орын) тармақты белгілейді, Enter растайды.
nav-input-hint = Enter — растау. Бос жол — өткізіп жіберу. Артқа оралу үшін <, түсініктеме үшін ? теріңіз.
nav-quick-exit-hint = Тізімде Esc немесе q, не болмаса Ctrl-C: жылдам шығу (экран тазартылады, жауаптар сақталады).
walk-no-help = Бұл сұраққа қосымша түсініктеме жоқ.
walk-not-a-number = Бұл сан емес. Цифрлармен жазыңыз, мысалы: 15.
walk-not-a-date = Күні дұрыс жазылмаған. ЖЖЖЖ-АА-КК (жыл-ай-күн) түрінде жазыңыз, мысалы: 2026-03-01.
walk-out-of-range = Сан ең азы { $min }, ең көбі { $max } болуы керек.

## Қауіпсіздік тексерісі және келісім

gate-title = Алдымен — қауіпсіздік
gate-closed = Қазір сөйлесу қауіпсіз емес. Тек бақылаңыз, әңгімеге қыстамаңыз. Кез келген уақытта тоқтай аласыз: осы уақытқа дейінгі жауаптар сақталады.
consent-prompt = Адам қандай келісім берді?
consent-statistics = Тек статистика үшін, жеке басын анықтайтын деректерсіз
consent-social_services = Мәліметтерді әлеуметтік қызметтерге беруге болады
consent-police = Мәліметтерді полицияға беруге болады
consent-anonymous = Анонимді скрининг: келісім сұралмады

## Қауіп белгісі

red-flag-title = ТІКЕЛЕЙ ҚАУІП
red-flag-body = Алдымен — өзіңіздің және адамның қауіпсіздігі. Еріп жүрген адаммен дауласпаңыз.
red-flag-continue = Скринингті жалғастыру
red-flag-stop = Қазір тоқтатып, сақтау

## Жауаптарды қарап шығу

review-title = Аяқтамас бұрын жауаптарды тексеріңіз
review-question = Сұрақ
review-answer = Жауап
review-finish = Аяқтап, нәтижені көру
review-change = Жауапты өзгерту
review-stop = Тоқтатып, кейінге сақтау
review-which = Қай жауапты өзгерткіңіз келеді?

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
rule-screen = «{ $screen }» қысқа скринингі шекті мәнге жетті
result-domain = Сала
result-status = Күйі
status-positive = белгілер бар
status-partial = ішінара
status-negative = табылмады
result-fired = Табылған белгілер
result-red-flags = Қауіп белгілері
result-missing = Жауапсыз, «сенімді емеспін» немесе жауап беруден бас тартылған
result-ignored = Сұрақтар тәртібі бойынша көрсетілмеген, есепке алынбайды
result-screen = { $screen } қысқа скринингі: { $count } (кемінде { $needed } қажет)
result-sources = Дереккөздер
result-not-validated = Хаттаманың бұл нұсқасының өзі валидацияланбаған; жарияланған көрсеткіштер бастапқы құралдарға тиесілі.
next-steps = Келесі қадамдар
next-steps-tier = Келесі қадамдар ({ $tier })
next-call = Мына ретпен хабарласыңыз:

## Жолдау

referral-to = Адамды қайда жолдадыңыз? (Space — белгілеу, Enter — растау)
referral-status = Адам қандай шешім қабылдады?
referral-accepted = Жолдауға келісті
referral-declined = Жолдаудан бас тартты
referral-pending = Әлі шешкен жоқ
referral-reason = Себебі қандай? (міндетті емес; өткізіп жіберу үшін Enter)

## Аяқтау

walk-saved = { $code } жағдайы ретінде сақталды. Ол тек { $hub } үшін шифрланды: бұл құрылғы оны қайта оқи алмайды.
walk-stopped = Тоқтатылды. Осы уақытқа дейінгі жауаптар шифрланып сақталды. Жалғастыру үшін: qorgau resume { $draft }
walk-resuming = Скрининг жалғасады (басталған уақыты: { $started }).
walk-no-terminal = Сұрақтарды қою үшін терминал керек. Бағдарламаны терминалда іске қосыңыз немесе жауаптарды --answers FILE арқылы беріңіз.
text-missing-mark = [ru]

## Баптау, тізімдер және жазбалар

init-done = Құрылғы бапталды. Жазбалар мына үйлестіруші үшін шифрланады: { $hub }
init-card = Құрылғы картасы (оны үйлестірушіге беріңіз): { $path }
init-keep-passphrase = Құпия сөз тіркесін сенімді жерде сақтаңыз: онсыз бұл құрылғыдағы деректерді ашу мүмкін емес.
hub-init-done = Хаб бапталды.
hub-init-card = Хаб картасы (оны әр құрылғыға беріңіз): { $path }
hub-init-keep = Құпия сөз тіркесін және хаб кілтінің сақтық көшірмесін сенімді жерде сақтаңыз: оларсыз осы хаб үшін шифрланған жазбаларды ашу мүмкін емес.
passphrase-choose = Құпия сөз тіркесін ойлап табыңыз (кемінде 10 таңба)
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
list-at-question = сұрақ
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
drafts-continue = Жалғастыру үшін теріңіз: qorgau resume DRAFT_ID
drafts-nothing-to-resume = Жалғастыратын аяқталмаған скрининг жоқ.
draft-deleted = { $id } жобасы өшірілді.
purge-done = { $count ->
   *[other] Үйлестіруші алғанын { $days } күннен астам уақыт бұрын растаған { $count } жазба өшірілді.
}
show-observation-only = тек бақылау
show-shown-if = көрсетілу шарты
show-red-flag = ҚАУІП БЕЛГІСІ
show-sensitive = еркін мәтін: жеке деректер болуы мүмкін

## Жіберу: экспорт, түбіртектер, хаб

export-nothing = Жіберетін ештеңе жоқ: аяқталған жазбалардың бәрі үйлестірушіде. Файл жасалмады.
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
status-not-asked = сұралмады
consent-read-aloud = Адамға дауыстап оқып беріңіз:
next-regional-none = Бұл құрылғыда өңірлік байланыстар бапталмаған — үйлестірушіден сұраңыз.
contact-not-verified = нөмір тексерілмеген
contact-intl = шетелден немесе шетелдік SIM-картадан: { $number }
contact-hours = жұмыс уақыты: { $hours }
