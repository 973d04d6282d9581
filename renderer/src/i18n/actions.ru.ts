import type { actionsEn } from './actions.en.js';

/** Сообщения о неудавшемся действии (входят в ru.ts; те же ключи, что в actions.en.ts). */
export const actionsRu: { readonly [K in keyof typeof actionsEn]: string } = {
  'action.failed.starred': 'Не добавлено в избранное: {name}',
  'action.failed.unstarred': 'Не убрано из избранного: {name}',
  'action.failed.muted': 'Не удалось включить «без уведомлений»: {name}',
  'action.failed.unmuted': 'Уведомления не вернулись: {name}',
  'action.failed.notifyOnce': 'Не удалось попросить сообщить о появлении: {name}',
  'action.failed.notifyOnceOff': 'Сообщение о появлении не отменено: {name}',
  'action.failed.refresh': 'Не удалось обновить',
  'action.failed.chat': 'Чат не открыт: {name}',
  'action.retry': 'Повторить',
  'error.code.host-unreachable':
    'B24 Presence недоступна: панель потеряла связь со своим сервером. Запустите его снова (npm start) и повторите.',
};
