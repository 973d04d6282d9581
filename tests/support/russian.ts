/**
 * Russian words that agree with one person's gender, for checking texts about people: a
 * masculine past tense ("был", "отошёл") must not reach a woman, a feminine one not a man, and
 * neither a profile without a gender. A list, not a grammar: it holds the verbs and adjectives
 * these texts could plausibly use about a colleague, and leaves out words the texts rightly use
 * about things ("портал недоступен", "портал занят").
 */
const STEMS: ReadonlyArray<readonly [masculine: string, feminine: string]> = [
  ['был', 'была'],
  ['отошёл', 'отошла'],
  ['отошел', 'отошла'],
  ['ушёл', 'ушла'],
  ['вышел', 'вышла'],
  ['зашёл', 'зашла'],
  ['пришёл', 'пришла'],
  ['вернулся', 'вернулась'],
  ['появился', 'появилась'],
  ['заходил', 'заходила'],
  ['появлялся', 'появлялась'],
  ['отсутствовал', 'отсутствовала'],
  ['активен', 'активна'],
  ['неактивен', 'неактивна'],
  ['избранный', 'избранная'],
  ['отключён', 'отключена'],
  ['отключен', 'отключена'],
  ['свободен', 'свободна'],
];

const word = (forms: readonly string[]): RegExp =>
  new RegExp(`(?<![а-яё])(${forms.join('|')})(?![а-яё])`, 'iu');

/** A masculine singular form about a person ("был", "отошёл"). */
export const MASCULINE = word(STEMS.map(([m]) => m));
/** A feminine singular form about a person ("была", "отошла"). */
export const FEMININE = word(STEMS.map(([, f]) => f));
