import { describe, expect, it } from 'vitest';
import { matchesQuery } from '../../../../../renderer/src/lib/list.js';
import {
  compileQuery,
  foldText,
  searchKey,
  switchLayout,
} from '../../../../../renderer/src/lib/search.js';
import { colleague } from '../../../../support/colleague.js';

let nextId = 1;
const person = (name: string, position = 'Developer') => colleague(nextId++, { name, position });
const finds = (query: string, name: string, locale = 'en'): boolean =>
  matchesQuery(person(name), query, locale);

describe('forgiving search', () => {
  it('ignores accents, ё and case', () => {
    expect(finds('Muller', 'Hans Müller')).toBe(true);
    expect(finds('garcia', 'Lucía García')).toBe(true);
    expect(finds('Fernandez', 'Pablo Fernández')).toBe(true);
    expect(finds('Chloe', 'Chloé Dubois')).toBe(true);
    expect(finds('Novak', 'Jan Novák')).toBe(true);
    expect(finds('Lea', 'Léa Moreau')).toBe(true);
    expect(finds('strasse', 'Anna Straße')).toBe(true);
    expect(finds('семен', 'Семён Орлов', 'ru')).toBe(true);
    expect(finds('СЕМЁН', 'Семен Орлов', 'ru')).toBe(true);
    expect(finds('Mullet', 'Hans Müller')).toBe(false);
  });

  it('takes the words in any order, each of them required', () => {
    expect(finds('Rossi Anna', 'Anna Rossi')).toBe(true);
    expect(finds('Попов Артём', 'Артём Попов', 'ru')).toBe(true);
    expect(finds('  попов   арт ', 'Артём Попов', 'ru')).toBe(true);
    expect(finds('Rossi Maria', 'Anna Rossi')).toBe(false);
    // A word may be in the position while another is in the name.
    expect(matchesQuery(person('Anna Rossi', 'Team lead'), 'lead rossi', 'en')).toBe(true);
  });

  it('reads a query typed in the other keyboard layout', () => {
    expect(switchLayout('fyyf')).toBe('анна');
    expect(switchLayout('ьфкл')).toBe('mark');
    expect(switchLayout('rjpkjdf')).toBe('козлова');
    expect(switchLayout('anna-анна')).toBeNull();
    expect(finds('Fyyf', 'Анна Козлова', 'ru')).toBe(true);
    expect(finds('Fyyf Rjpkjdf', 'Анна Козлова', 'ru')).toBe(true);
    expect(finds('Ьфкл', 'Mark Twain', 'ru')).toBe(true);
    // The Russian letters on the punctuation keys: "Ёлкин" typed as `krby, "Жанна" as ;fyyf.
    expect(finds('`kr', 'Ёлкин', 'ru')).toBe(true);
    expect(finds(';fyyf', 'Жанна Белова', 'ru')).toBe(true);
    expect(finds('Fyyz', 'Анна Козлова', 'ru')).toBe(false);
  });

  it('finds Cyrillic names written in Latin letters, whichever romanisation', () => {
    expect(finds('Anna Kozlova', 'Анна Козлова', 'ru')).toBe(true);
    expect(finds('Kozl', 'Анна Козлова', 'ru')).toBe(true);
    expect(finds('Ksenia', 'Ксения Морозова', 'ru')).toBe(true);
    expect(finds('Kseniya', 'Ксения Морозова', 'ru')).toBe(true);
    expect(finds('Yulia Shcherbakova', 'Юлия Щербакова', 'ru')).toBe(true);
    expect(finds('Julia Scherbakova', 'Юлия Щербакова', 'ru')).toBe(true);
    expect(finds('Dmitry Habibullin', 'Дмитрий Хабибуллин', 'ru')).toBe(true);
    expect(finds('Zaitsev', 'Евгений Зайцев', 'ru')).toBe(true);
    expect(finds('Andrey', 'Андрей Соколов', 'ru')).toBe(true);
    expect(finds('Anna Kozlov', 'Анна Смирнова', 'ru')).toBe(false);
  });

  it('never matches across the folded and the Latin form, nor across fields', () => {
    expect(searchKey('Анна', 'ru')).toBe('анна\u0000anna');
    expect(finds('аннаanna', 'Анна', 'ru')).toBe(false);
    expect(matchesQuery(person('Anna Rossi', 'Lead'), 'rossilead', 'en')).toBe(false);
  });

  it('compiles a blank query to no words (everyone matches)', () => {
    expect(compileQuery('   ', 'en')).toEqual([]);
    expect(finds('  ', 'Anyone')).toBe(true);
    expect(foldText(' ÉCOLE ', 'fr')).toBe('ecole');
  });
});
