/*
 * The tray's words in English and Russian. Units are abbreviated ("5 min", "5 мин"), as
 * menus and tooltips are short, so no plural forms are needed. Nothing here is about one
 * person, so no Russian word needs a gender; a paused alert is "на паузе" (muting someone is
 * the panel's "без уведомлений", a different thing).
 */
export type { Locale as TrayLocale } from '../shared/locale.js';
import type { Locale as TrayLocale } from '../shared/locale.js';

/**
 * Clock times ("14:05") in the tray's language, never the system's default locale: en-GB and ru
 * both read 24-hour, whatever the machine's LANG says (en-US would write "2:05 PM").
 */
export function trayClock(locale: TrayLocale): (epochMs: number) => string {
  const clock = new Intl.DateTimeFormat(locale === 'ru' ? 'ru' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (epochMs) => clock.format(epochMs);
}

export interface TrayText {
  readonly notConnected: string;
  readonly connecting: string;
  readonly online: (count: number, total: number) => string;
  /** Follows `online` where the portal gives calendars: how many of them are free now. */
  readonly free: (count: number) => string;
  readonly updated: (age: string) => string;
  readonly pausedUntil: (time: string) => string;
  readonly alertsPausedUntil: (time: string) => string;
  readonly authFailed: string;
  readonly offline: string;
  readonly busyUntil: (time: string) => string;
  readonly busy: string;
  readonly stale: string;
  readonly age: {
    readonly justNow: string;
    readonly seconds: (n: number) => string;
    readonly minutes: (n: number) => string;
    readonly hours: (n: number) => string;
    readonly days: (n: number) => string;
  };
  readonly menu: {
    readonly show: string;
    readonly refresh: string;
    readonly pause: string;
    readonly forHour: string;
    readonly untilMorning: string;
    readonly resume: string;
    readonly settings: string;
    readonly quit: string;
    /** The recent list: people who went away or offline lately. */
    readonly tellMe: string;
    /** After a name on the recent list: online, but the bell waits for the meeting's end. */
    readonly inMeeting: string;
  };
}

export const TRAY_TEXT: Readonly<Record<TrayLocale, TrayText>> = {
  en: {
    notConnected: 'Not connected',
    connecting: 'Connecting…',
    online: (count, total) => `${count} of ${total} online`,
    free: (count) => `${count} free`,
    updated: (age) => `updated ${age}`,
    pausedUntil: (time) => `alerts paused until ${time}`,
    alertsPausedUntil: (time) => `Alerts paused until ${time}`,
    authFailed: 'Sign-in failed: reconnect in Settings',
    offline: 'Offline: will retry',
    busyUntil: (time) => `Portal busy: retrying at ${time}`,
    busy: 'Portal busy: retrying',
    stale: 'Data is out of date',
    age: {
      justNow: 'just now',
      seconds: (n) => `${n} s ago`,
      minutes: (n) => `${n} min ago`,
      hours: (n) => `${n} h ago`,
      days: (n) => (n === 1 ? '1 day ago' : `${n} days ago`),
    },
    menu: {
      show: 'Show panel',
      refresh: 'Refresh now',
      pause: 'Pause alerts',
      forHour: 'For 1 hour',
      untilMorning: 'Until the morning, 8:00',
      resume: 'Resume alerts',
      settings: 'Settings…',
      quit: 'Quit B24 Presence',
      tellMe: 'Tell me when they are back',
      inMeeting: 'in a meeting',
    },
  },
  ru: {
    notConnected: 'Не подключено',
    connecting: 'Подключение…',
    online: (count, total) => `в сети ${count} из ${total}`,
    free: (count) => `свободны ${count}`,
    updated: (age) => `обновлено ${age}`,
    pausedUntil: (time) => `уведомления на паузе до ${time}`,
    alertsPausedUntil: (time) => `Уведомления на паузе до ${time}`,
    authFailed: 'Портал отклонил вебхук: подключитесь заново в настройках',
    offline: 'Портал недоступен: повторяем попытки',
    busyUntil: (time) => `Портал просит подождать: повтор в ${time}`,
    busy: 'Портал просит подождать: скоро повторим',
    stale: 'Данные устарели',
    age: {
      justNow: 'только что',
      seconds: (n) => `${n}\u00a0с назад`,
      minutes: (n) => `${n}\u00a0мин назад`,
      hours: (n) => `${n}\u00a0ч назад`,
      days: (n) =>
        `${n}\u00a0${new Intl.PluralRules('ru').select(n) === 'one' ? 'день' : new Intl.PluralRules('ru').select(n) === 'few' ? 'дня' : 'дней'} назад`,
    },
    menu: {
      show: 'Показать панель',
      refresh: 'Обновить сейчас',
      pause: 'Приостановить уведомления',
      forHour: 'На 1 час',
      untilMorning: 'До утра, 8:00',
      resume: 'Возобновить уведомления',
      settings: 'Настройки…',
      quit: 'Выйти из B24 Presence',
      tellMe: 'Сообщить, когда вернутся',
      inMeeting: 'на встрече',
    },
  },
};
