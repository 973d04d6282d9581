/**
 * Search that forgives the way people type: without accents (Muller finds Müller), in any word
 * order (Rossi Anna), in the wrong keyboard layout (Fyyf finds Анна, Ьфкл finds Mark) and in
 * Latin letters for Cyrillic names (Anna Kozlova finds Анна Козлова).
 *
 * Each text is folded once into a key (see `searchKey`); a query is compiled once per keystroke
 * into the variants of each of its words (see `compileQuery`); matching is then plain substring
 * tests, so thousands of people cost a few thousand `includes` per keystroke.
 *
 * The tables are hand-written: the Russian keyboard and alphabet are 33 keys each, while
 * the one well-kept transliteration library (@sindresorhus/transliterate) brings tables for
 * dozens of scripts (34 KB minified, +22 % on the panel's start-up bundle) and spells ü as "ue",
 * where search wants the "u" people type.
 */

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};
const UNDECOMPOSED_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');

/**
 * Lower case without accents: "Léa" → "lea", "Семён" → "семен". Combining marks are dropped, so
 * ё folds to е (and й to и, which people often type anyway).
 */
export function foldText(text: string, locale: string): string {
  return text
    .toLocaleLowerCase(locale)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(UNDECOMPOSED_PATTERN, (letter) => UNDECOMPOSED[letter] ?? letter)
    .trim();
}

/** The Russian ЙЦУКЕН keys, each under the key of the US QWERTY layout at the same place. */
const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const JCUKEN = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const LATIN_TO_CYRILLIC = new Map<string, string>();
const CYRILLIC_TO_LATIN = new Map<string, string>();
for (let i = 0; i < QWERTY.length; i++) {
  LATIN_TO_CYRILLIC.set(QWERTY[i] as string, JCUKEN[i] as string);
  CYRILLIC_TO_LATIN.set(JCUKEN[i] as string, QWERTY[i] as string);
}

/**
 * The same keys pressed in the other layout (lower case in, lower case out): "fyyf" → "анна",
 * "ьфкл" → "mark". A word that mixes both alphabets is left as it is.
 */
export function switchLayout(word: string): string | null {
  const chars = [...word];
  const table = chars.some((ch) => LATIN_TO_CYRILLIC.has(ch) && /[a-z]/.test(ch))
    ? LATIN_TO_CYRILLIC
    : chars.some((ch) => CYRILLIC_TO_LATIN.has(ch))
      ? CYRILLIC_TO_LATIN
      : null;
  if (table === null) return null;
  let switched = '';
  for (const ch of chars) {
    const other = table.get(ch);
    if (other === undefined && /[a-zа-я]/.test(ch)) return null;
    switched += other ?? ch;
  }
  return switched;
}

/** Russian (and Ukrainian) letters in Latin, as passports and e-mail addresses spell them. */
const CYRILLIC_LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
};

/**
 * Latin spelling reduced to what the common romanisations agree on, applied to names and queries
 * alike: Kseniya/Ksenia, Yulia/Julia/Yuliya, Dmitriy/Dmitry, Khabibullin/Habibullin, Zaytsev/Zaitsev
 * each reduce to one form.
 */
function looseLatin(folded: string): string {
  let latin = '';
  for (const ch of folded) latin += CYRILLIC_LETTERS[ch] ?? ch;
  return latin
    .replace(/shch|sch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/t[sz]/g, 'c')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/[jy]/g, 'i')
    .replace(/i+/g, 'i');
}

/**
 * A text's search key: its folded form and, apart, its loose Latin form. The separator is never in
 * a query, so a match never spans the two forms (or, in callers, two fields).
 */
export function searchKey(text: string, locale: string): string {
  const folded = foldText(text, locale);
  const latin = looseLatin(folded);
  return latin === folded ? folded : `${folded}\u0000${latin}`;
}

/** A query's words, each with the forms it may be found in. Empty when the query is blank. */
export type CompiledQuery = readonly (readonly string[])[];

export function compileQuery(query: string, locale: string): CompiledQuery {
  const words = foldText(query, locale)
    .split(/\s+/)
    .filter((word) => word !== '');
  return words.map((word) => {
    const forms = new Set([word]);
    const switched = switchLayout(word);
    if (switched !== null) forms.add(foldText(switched, locale));
    forms.add(looseLatin(word));
    if (switched !== null) forms.add(looseLatin(foldText(switched, locale)));
    return [...forms];
  });
}

/** Whether one word of a query is in a key. */
export function wordIn(forms: readonly string[], key: string): boolean {
  for (const form of forms) if (key.includes(form)) return true;
  return false;
}
