import type { calendarEn } from './calendar.en.js';

type GenderForms = { readonly m: string; readonly f: string; readonly neutral: string };

/** Календарь, местное время, «Свободны», недостающие права вебхука (входят в ru.ts; те же ключи, что в calendar.en.ts). */
export const calendarRu: {
  readonly [K in keyof typeof calendarEn]: (typeof calendarEn)[K] extends string
    ? string
    : GenderForms;
} = {
  'calendar.meeting': 'На встрече',
  'calendar.meetingShort': 'Встреча',
  'calendar.tentative': {
    m: 'Возможно, занят',
    f: 'Возможно, занята',
    neutral: 'Возможно, на встрече',
  },
  'calendar.tentativeShort': 'Под вопросом',
  'calendar.outOfOffice': 'Нет на месте',
  'calendar.outOfOfficeShort': 'Вне офиса',
  'calendar.until': 'до {time}',
  'calendar.untilDay': 'до {date}',
  'calendar.nextMeeting': 'Встреча',
  'calendar.nextTentative': 'Возможна встреча',
  'calendar.nextOutOfOffice': 'Нет на месте',
  'calendar.at': 'в {time}',
  'calendar.from': 'с {time}',
  'calendar.allDay': 'весь день',
  'calendar.kindMeeting': 'Занято',
  'calendar.kindTentative': 'Под вопросом',
  'calendar.kindOutOfOffice': 'Нет на месте',
  'calendar.today': 'Сегодня',
  'calendar.tomorrow': 'Завтра',
  'calendar.free': 'Свободно',
  'calendar.heading': 'Календарь',
  'calendar.unknown': 'Неизвестно: у вебхука нет доступа к календарю.',
  'calendar.noTitles': 'Только занятое время: названия встреч портал коллегам не показывает.',
  'tz.local': '{time} местное',
  'tz.ahead': 'на {span} впереди',
  'tz.behind': 'на {span} позади',
  'tz.hours': '{h}\u00a0ч',
  'tz.minutes': '{m}\u00a0мин',
  'tz.hoursMinutes': '{h}\u00a0ч {m}\u00a0мин',
  'tz.zone': 'Часовой пояс: {zone}',
  'filter.free': 'Свободны',
  'count.free': 'свободны',
  'list.head.name': 'Имя',
  'list.head.presence': 'Присутствие',
  'list.head.calendar': 'Календарь и местное время',
  'list.head.desktop': 'Приложение для компьютера',
  'row.more': 'Ещё: {name} — чат, колокольчик, без уведомлений (Enter)',
  'row.seenTiny': { m: '{ago}', f: '{ago}', neutral: '{ago}' },
  'row.leaveTiny': 'по {date}',
  'detail.star': 'В избранное',
  'detail.unstar': 'В избранном',
  'detail.mute': 'Без уведомлений',
  'detail.unmute': 'Уведомления выключены',
  'settings.scope.calendar':
    'Отметьте право «calendar» у вебхука, чтобы видеть, кто на встрече или не на месте и до какого времени.',
  'settings.scope.timeZones':
    'Отметьте право «user_brief» у вебхука, чтобы видеть местное время коллег.',
};
