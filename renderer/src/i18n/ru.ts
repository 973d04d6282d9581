import type { Messages } from './en.js';
import { actionsRu } from './actions.ru.js';
import { calendarRu } from './calendar.ru.js';
import { settingsRu } from './settings.ru.js';

/** Gendered messages need all three forms here: a forgotten `f` or `neutral` does not compile. */
type GenderForms = { readonly m: string; readonly f: string; readonly neutral: string };
type PluralForms<T> = { readonly [P in keyof T | 'few' | 'many']?: string } & {
  readonly one: string;
  readonly other: string;
};
type Catalog = {
  readonly [K in keyof Messages]: Messages[K] extends string
    ? string
    : Messages[K] extends { readonly neutral: string }
      ? GenderForms
      : PluralForms<Messages[K]>;
};

/**
 * Русские сообщения: те же ключи, что в en.ts. Правила:
 * - о человеке в прошедшем времени — формы `m`, `f` и нейтральная `neutral` (когда пол не указан);
 * - имя не ставится в падежную позицию: «Написать: Алёна Волкова», не «Написать Алёне»;
 * - muted — всегда «без уведомлений»; пауза уведомлений — «на паузе» («приостановить», «возобновить»);
 * - ё, «ёлочки», неразрывный пробел перед единицами («8\u00a0мин»).
 */
export const ru: Catalog = {
  ...settingsRu,
  ...actionsRu,
  ...calendarRu,

  'app.title': 'B24 Presence',
  'app.loading': 'Загрузка…',
  'app.bridgeError': 'Панель не может связаться с B24 Presence: {message}',
  'app.retry': 'Повторить',

  'header.team': 'Команда',
  'header.demo': 'Демо-портал',
  'header.updated': 'Обновлено {ago}',
  'header.notYet': 'Ждём первого обновления…',
  'header.refresh': 'Обновить сейчас',
  'header.settings': 'Настройки',
  'header.counts': 'Сводка присутствия',
  'header.paused': 'Уведомления на паузе до {time}',
  'header.resume': 'Возобновить',

  'count.online': 'в сети',
  'count.idle': 'отошли',
  'count.mobile': 'с телефона',
  'count.offline': 'не в сети',
  'count.leave': 'в отпуске',

  'presence.online': 'В сети',
  'presence.idle': {
    m: 'Отошёл · {duration}',
    f: 'Отошла · {duration}',
    neutral: 'Нет активности · {duration}',
  },
  'presence.idleShort': { m: 'Отошёл', f: 'Отошла', neutral: 'Нет активности' },
  // The narrow window: the neutral words do not fit the pill, so its moon icon says "away" and the tooltip the rest.
  'presence.idleCompact': {
    m: 'Отошёл · {duration}',
    f: 'Отошла · {duration}',
    neutral: '{duration}',
  },
  'presence.mobile': 'С телефона',
  'presence.offline': 'Не в сети',
  'presence.offlineSeen': {
    m: 'Не в сети · был {ago}',
    f: 'Не в сети · была {ago}',
    neutral: 'Не в сети · {ago}',
  },
  'presence.offlineSeenShort': { m: 'Был {ago}', f: 'Была {ago}', neutral: '{ago}' },
  'presence.offlineSeenDetail': {
    m: 'Не в сети · был {ago}',
    f: 'Не в сети · была {ago}',
    neutral: 'Не в сети · последняя активность {ago}',
  },
  'presence.leave': 'В отпуске по {date}',
  'presence.leaveTag': 'отпуск по {date}',
  'presence.idleDetail': 'Нет активности уже {duration}',
  'presence.idleDetailShort': 'Нет активности',
  'presence.leaveDetail': 'В отпуске по {date} включительно, вернётся {back}',
  'status.dnd': 'Не беспокоить',
  'status.away': { m: 'Отошёл (статус)', f: 'Отошла (статус)', neutral: 'Нет на месте (статус)' },
  'status.break': 'На перерыве',
  'indicator.desktop': 'Десктоп-приложение было запущено при последней проверке',
  'indicator.mobile': 'Мобильное приложение',

  'time.justNow': 'только что',
  'time.ago': '{span} назад',
  'time.second': {
    one: '{count}\u00a0с',
    few: '{count}\u00a0с',
    many: '{count}\u00a0с',
    other: '{count}\u00a0с',
  },
  'time.minute': {
    one: '{count}\u00a0мин',
    few: '{count}\u00a0мин',
    many: '{count}\u00a0мин',
    other: '{count}\u00a0мин',
  },
  'time.hour': {
    one: '{count}\u00a0ч',
    few: '{count}\u00a0ч',
    many: '{count}\u00a0ч',
    other: '{count}\u00a0ч',
  },
  'time.day': {
    one: '{count}\u00a0день',
    few: '{count}\u00a0дня',
    many: '{count}\u00a0дней',
    other: '{count}\u00a0дня',
  },

  'banner.connecting': 'Подключаемся к порталу…',
  'banner.hostLost': 'Нет связи с B24 Presence: данные на экране не обновляются. Переподключаемся…',
  'banner.hostRestarted':
    'B24 Presence не узнаёт эту вкладку: приложение перезапущено или этот адрес уже использован. Откройте последний адрес, который оно вывело в терминале (каждый срабатывает один раз).',
  'banner.hostSilent':
    'Приложение B24 Presence перестало присылать обновления: данные на экране могут быть устаревшими.',
  'banner.stale': 'Данные могут быть устаревшими: последнее обновление не завершилось.',
  'banner.rateLimited':
    'Битрикс24 попросил снизить частоту запросов. Обновления продолжатся в {time}.',
  'banner.rateLimitedSoon':
    'Битрикс24 попросил снизить частоту запросов. Обновления скоро продолжатся.',
  'banner.authFailed': 'Портал отклонил ключ доступа. Подключитесь заново с действующим вебхуком.',
  'banner.offline': 'Портал недоступен. Повторяем попытки…',
  'banner.reconnect': 'Подключить заново',
  'banner.retryNow': 'Повторить сейчас',
  'banner.weakSecret':
    'Системное хранилище ключей не найдено, поэтому вебхук хранится на этом компьютере без надёжного шифрования.',
  'banner.dismiss': 'Скрыть',
  // «из 21 человека», но «из 22 / 25 человек».
  'banner.truncated': {
    one: 'Показаны первые {shown} из {count} человека: приложение читает не больше {limit}',
    few: 'Показаны первые {shown} из {count} человек: приложение читает не больше {limit}',
    many: 'Показаны первые {shown} из {count} человек: приложение читает не больше {limit}',
    other: 'Показаны первые {shown} из {count} человека: приложение читает не больше {limit}',
  },

  'search.label': 'Поиск коллег',
  'search.placeholder': 'Имя, должность или отдел',
  'search.clear': 'Очистить поиск',
  'filter.label': 'Показать',
  'filter.all': 'Все',
  'filter.online': 'В сети',
  'filter.idle': 'Отошли',
  'filter.mobile': 'С телефона',
  'filter.leave': 'В отпуске',
  'filter.starred': 'Избранное',
  'sort.label': 'Сортировка',
  'sort.presence': 'По присутствию',
  'sort.name': 'По имени',
  'sort.activity': 'По активности',
  'group.label': 'По отделам',
  'group.none': 'Без отдела',
  'group.unknown': 'Отдел {id}',

  'list.label': 'Коллеги',
  'list.empty': 'Под эти фильтры никто не подходит.',
  'list.emptyTeam': 'Коллег пока нет.',
  'list.waiting': 'Загружаем команду…',
  'list.showAll': 'Показать всех',
  'list.help':
    'Стрелки — переход между коллегами, Enter — подробности и история, C — написать, S — избранное, M — без уведомлений, B — сообщить о появлении; повторное нажатие S, M или B отменяет. Все клавиши — по нажатию ?.',

  'row.star': 'В избранное, уведомлять всегда: {name}',
  'row.unstar': 'Убрать из избранного: {name}',
  'row.mute': 'Без уведомлений: {name}',
  'row.unmute': 'Вернуть уведомления: {name}',
  'row.chat': 'Написать: {name}',
  'row.starred': 'в избранном',
  'row.muted': 'без уведомлений',

  'onboarding.title': 'Подключите портал',
  'onboarding.lead':
    'Кто из команды в Битрикс24 сейчас в сети, кого нет на месте, кто в отпуске — с первого взгляда. И уведомление, когда коллега появляется в сети.',
  'onboarding.urlLabel': 'Адрес входящего вебхука',
  'onboarding.urlHint':
    'В Битрикс24: Разработчикам → Другое → Входящий вебхук, с правом «im». Адрес хранится на этом компьютере в зашифрованном виде.',
  'onboarding.urlHintBrowser':
    'В Битрикс24: Разработчикам → Другое → Входящий вебхук, с правом «im». В режиме браузера адрес хранится только в памяти запущенного сервера: он нигде не сохраняется, после перезапуска подключитесь снова.',
  'onboarding.urlPlaceholder': 'https://ваш-портал.bitrix24.ru/rest/1/abc123xyz/',
  'onboarding.test': 'Проверить подключение',
  'onboarding.testing': 'Проверяем…',
  'onboarding.connect': 'Подключить',
  'onboarding.connecting': 'Подключаем…',
  'onboarding.valid': 'Адрес выглядит правильно: пользователь {userId}, портал {host}.',
  'onboarding.testOk': 'Владелец вебхука: {name}, портал {host}.',
  'onboarding.scopeOk': 'Право «im» работает.',
  'onboarding.scopeMissing': 'Нет права «im»: добавьте его вебхуку в Битрикс24.',
  'onboarding.calendarOk': 'Право «calendar» работает: видно, кто на встрече.',
  'onboarding.calendarMissing':
    'Отметьте «calendar», чтобы видеть, кто на встрече (необязательно).',
  'onboarding.timeZonesOk': 'Право «user_brief» работает: видно местное время коллег.',
  'onboarding.timeZonesMissing':
    'Отметьте «user_brief», чтобы видеть местное время коллег (необязательно).',
  'onboarding.or': 'или',
  'onboarding.demo': 'Попробовать демо',
  'onboarding.sessionOnly': 'Хранить только в этом сеансе',
  'onboarding.sessionOnlyHint':
    'Системное хранилище ключей не найдено, поэтому сохранённый вебхук защищён только общеизвестным ключом. В этом сеансе он не записывается на диск, а при следующем запуске приложение спросит его снова.',
  'onboarding.demoLead':
    'Смоделированная команда из 40 человек на этом компьютере. Портал не нужен.',
  'onboarding.cancel': 'Вернуться к панели',
  'onboarding.failed': 'Не получилось: {message}',

  'webhook.empty': 'Вставьте адрес вебхука из Битрикс24.',
  'webhook.spaces': 'В адресе не должно быть пробелов и переносов строк.',
  'webhook.scheme': 'Адрес должен начинаться с https://.',
  'webhook.whole': 'Вставьте адрес целиком, начиная с https://.',
  'webhook.invalid': 'Это не похоже на веб-адрес.',
  'webhook.http': 'Нужен https:// (http допустим только для этого компьютера).',
  'webhook.credentials': 'В адресе не должно быть имени пользователя и пароля.',
  'webhook.query': 'Адрес должен заканчиваться кодом вебхука (без «?» и «#»).',
  'webhook.path': 'Адрес должен выглядеть так: https://портал/rest/1/код/.',
  'webhook.user-id': 'ID пользователя в адресе должен быть целым положительным числом.',

  'alert.announce': '{title}. {body}',
  'alert.show': 'Показать',
  'alert.tabTitle': '({count}) {title}',
  'notify.prompt': 'Получать уведомления браузера, даже когда эта вкладка в фоне?',
  'notify.turnOn': 'Включить',
  'notify.notNow': 'Не сейчас',
  'notify.denied':
    'Уведомления для этой страницы запрещены, поэтому оповещения видны только здесь, во вкладке. Чтобы получать их и вне её, разрешите уведомления в настройках сайта в браузере.',
  'error.code.auth-invalid':
    'Портал отклонил вебхук: проверьте его в Битрикс24 или подключите новый.',
  'error.code.auth-expired': 'Срок действия входа на портал истёк: подключитесь заново.',
  'error.code.scope-missing': 'У вебхука нет права «im»: добавьте его в Битрикс24.',
  'error.code.access-denied': 'У этого пользователя нет прав на такое действие на портале.',
  'error.code.method-missing': 'Портал этого не поддерживает (старая коробочная версия?).',
  'error.code.bad-request': 'Портал не понял запрос.',
  'error.code.server-error': 'Внутренняя ошибка портала; попробуйте позже.',
  'error.code.refused':
    'Портал отказал в соединении: по этому адресу и порту никто не отвечает. Проверьте адрес и что портал работает.',
  'error.code.host-not-found': 'Портала с таким именем нет: проверьте адрес.',
  'error.code.network': 'Портал недоступен: проверьте сеть.',
  'error.code.timeout': 'Портал не ответил вовремя.',
  'error.code.malformed-response': 'Ответ портала не похож на ответ REST API Битрикс24.',
  'error.code.rate-limited': 'Портал попросил снизить частоту запросов; попробуйте чуть позже.',
  'error.code.overloaded': 'Портал перегружен; попробуйте чуть позже.',
  'error.code.operation-time-limited':
    'Портал исчерпал лимит времени на эту операцию; попробуйте через несколько минут.',
  'error.code.portal-moved': 'Портал переехал на другой адрес: подключите новый вебхук.',
  'error.code.invalid-webhook': 'Это не адрес вебхука: он выглядит как https://портал/rest/1/код/.',
  'error.code.not-connected': 'Сначала подключите портал.',
  'error.code.chat-unavailable':
    'Чаты открываются в Битрикс24 на портале с адресом https://; в демо-портале чатов нет.',
  'error.code.secret-storage-unavailable':
    'В системе нет защищённого хранилища для вебхука, поэтому он не сохранён. Настройте хранилище ключей и подключитесь снова.',
  'error.code.disconnected': 'Связь с B24 Presence потеряна; попробуйте ещё раз.',
  'error.code.internal': 'Что-то пошло не так; подробности в журнале.',
  'error.field.pollIntervalSec': 'Не меньше 2\u00a0секунд и не больше часа (3600).',
  'error.field.onlineLimitSec': 'От {min} до {max}\u00a0минут (24\u00a0часа).',
  'error.field.alerts.burstWindowSec': 'От 0 до 300\u00a0секунд.',
  'error.field.watchIds': 'До 500 ID пользователей, каждый — целое положительное число.',

  // issue 12
  'digest.title': 'Пока вас не было',
  'digest.since': 'С {time}',
  'digest.arrived': 'Появились в сети',
  'digest.backFromLeave': 'Вернулись из отпуска',
  'digest.left': 'Вышли из сети',
  'digest.more': 'ещё {count}',
  'digest.dismiss': 'Закрыть сводку',
  'digest.announce': 'Пока вас не было, с {time}: {summary}',
  'digest.showName': 'Показать в списке: {name}',
  'row.notifyOnce': 'Сообщить, когда будет на связи: {name} (B)',
  'row.notifyOnceCancel': 'Не сообщать о появлении: {name} (B)',
  'row.notifyOnceOn': 'сообщим о появлении',
  'row.details': 'Подробности и история: {name} (Enter)',
  'notifyOnce.already': 'Сейчас в сети: {name}',
  'notifyOnce.set': 'Сообщим один раз, когда будет на связи: {name}',
  'detail.back': 'Назад к списку (Esc)',
  'detail.label': 'Подробности: {name}',
  'detail.timeline': 'Последние 7\u00a0дней',
  'detail.loading': 'Загружаем историю…',
  'detail.failed': 'Не удалось загрузить историю: {message}',
  'detail.notifyOnce': 'Сообщить о появлении',
  'detail.notifyOnceCancel': 'Не сообщать',
  'detail.chat': 'Написать',
  'timeline.today': 'Сегодня',
  'timeline.yesterday': 'Вчера',
  'timeline.minutes': '{m}\u00a0мин',
  'timeline.hours': '{h}\u00a0ч',
  'timeline.hoursMinutes': '{h}\u00a0ч {m}\u00a0мин',
  'timeline.notWatched': 'нет данных',
  'timeline.notOnline': 'в сети не было',
  'timeline.inAt': 'первый вход в {time}, в сети {duration}',
  'timeline.watchingSince': 'наблюдение с {time}',
  'timeline.watchingSinceOnline': 'наблюдение с {time}, в сети {duration}',
  'timeline.inBy': 'вход не позже {time}',
  'timeline.inByOnline': 'вход не позже {time}, в сети {duration}',
  'timeline.segment': '{state}, {from}–{to}',
  'timeline.segmentsHint':
    'Наведите на часть полосы или перейдите к полосам клавишей Tab и стрелками, чтобы увидеть точное время.',
  'timeline.summary': 'Присутствие по дням: {name}',
  'timeline.legend.online': 'В сети',
  'timeline.legend.idle': 'Отошли',
  'timeline.legend.offline': 'Не в сети',
  'timeline.legend.unknown': 'Нет данных',
  'timeline.day': 'День',
  'timeline.firstOnline': 'Первый вход',
  'timeline.onlineTime': 'В сети',
  'timeline.note':
    'Штриховка: приложение не работало или данные устарели. Такое время не считается временем вне сети.',
  'error.field.history.retentionDays': 'От 0 до 30\u00a0дней.',

  // issue 11
  'filter.offline': 'Не в сети',
  'header.chipShow': 'Показать только: {count} {label}',
  'header.chipShowAll': 'Снова показать всех',
  'header.lastKnown': 'Последние данные',
  'header.lastKnownTitle': 'Не в реальном времени: последнее, что известно панели',
  'onboarding.showUrl': 'Показать',
  'onboarding.hideUrl': 'Скрыть',
  'list.clearFilters': 'Сбросить фильтры',
  'list.emptyStarred':
    'В избранном пока никого. Нажмите ☆ в строке коллеги или клавишу S: избранные коллеги видны здесь, и уведомления об их появлении в сети приходят всегда.',

  'shortcuts.title': 'Клавиши',
  'shortcuts.close': 'Закрыть',
  'shortcuts.layout':
    'Буквенные клавиши работают в любой раскладке: нажимайте клавишу, на которой нарисована латинская буква.',
  'shortcuts.move': 'Переход между коллегами',
  'shortcuts.open': 'Подробности и история',
  'shortcuts.chat': 'Написать',
  'shortcuts.star': 'В избранное или из избранного',
  'shortcuts.mute': 'Без уведомлений или снова с ними',
  'shortcuts.bell': 'Сообщить о появлении один раз',
  'shortcuts.search': 'Поиск',
  'shortcuts.escape': 'Очистить поиск, закрыть подробности или эту справку',
  'shortcuts.help': 'Показать эти клавиши',

  people: {
    one: '{count} человек',
    few: '{count} человека',
    many: '{count} человек',
    other: '{count} человека',
  },
};
