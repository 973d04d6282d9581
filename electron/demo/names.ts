import { chance, pick, pickWeighted, randInt, weightedTable, type Rng } from './random.js';

/*
 * Generated identities for the demo team. Names come in several scripts on purpose: the panel
 * must render Cyrillic, Greek, Arabic (right-to-left) and CJK names as plain text.
 */
export type Gender = 'M' | 'F';
export type NameScript = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'cjk' | 'georgian';

export interface Identity {
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: Gender;
  readonly script: NameScript;
}

interface NamePool {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** Surnames; a female form is derived where the language has one. */
  readonly last: readonly string[];
  readonly feminine?: (lastName: string) => string;
}

const russianFeminine = (last: string): string => {
  if (/(ов|ев|ин|ын)$/.test(last)) return `${last}а`;
  if (/ский$/.test(last)) return last.replace(/ский$/, 'ская');
  if (/цкий$/.test(last)) return last.replace(/цкий$/, 'цкая');
  return last;
};

const POOLS: Readonly<Record<NameScript, NamePool>> = {
  latin: {
    male: [
      'James',
      'Lukas',
      'Mateo',
      'Oliver',
      'Noah',
      'Liam',
      'Jonas',
      'Pierre',
      'Marco',
      'Jan',
      'Tomasz',
      'Erik',
      'Diego',
      'Finn',
      'Hugo',
    ],
    female: [
      'Emma',
      'Sofia',
      'Mia',
      'Hannah',
      'Chloé',
      'Lucía',
      'Anna',
      'Zoë',
      'Ingrid',
      'Agnieszka',
      'Giulia',
      'Maren',
      'Ava',
      'Léa',
      'Marta',
    ],
    last: [
      'Smith',
      'Müller',
      'García',
      'Rossi',
      'Dubois',
      'Kowalski',
      'Jensen',
      "O'Brien",
      'van der Berg',
      'Novák',
      'Silva',
      'Schmidt',
      'Fernández',
      'Nowak',
      'Lindqvist',
      'Brown',
    ],
  },
  cyrillic: {
    male: [
      'Алексей',
      'Дмитрий',
      'Иван',
      'Сергей',
      'Андрей',
      'Михаил',
      'Николай',
      'Павел',
      'Артём',
      'Егор',
      'Тарас',
      'Олег',
    ],
    female: [
      'Анна',
      'Мария',
      'Екатерина',
      'Ольга',
      'Наталья',
      'Юлия',
      'Ирина',
      'Дарья',
      'Светлана',
      'Ксения',
      'Алёна',
      'Татьяна',
    ],
    last: [
      'Иванов',
      'Смирнов',
      'Кузнецов',
      'Попов',
      'Соколов',
      'Лебедев',
      'Козлов',
      'Новиков',
      'Морозов',
      'Волков',
      'Шевченко',
      'Бондаренко',
      'Ковальчук',
      'Островский',
      'Белецкий',
    ],
    feminine: russianFeminine,
  },
  greek: {
    male: ['Γιώργος', 'Νίκος', 'Κώστας', 'Δημήτρης', 'Αλέξανδρος'],
    female: ['Μαρία', 'Ελένη', 'Κατερίνα', 'Σοφία', 'Αικατερίνη'],
    last: ['Παπαδόπουλος', 'Παππάς', 'Οικονόμου', 'Γεωργίου', 'Νικολάου'],
    feminine: (last) =>
      last.endsWith('ος')
        ? `${last.slice(0, -2)}ου`
        : last.endsWith('άς')
          ? `${last.slice(0, -2)}ά`
          : last,
  },
  arabic: {
    male: ['محمد', 'أحمد', 'يوسف', 'عمر', 'خالد'],
    female: ['فاطمة', 'ليلى', 'مريم', 'نور', 'سارة'],
    last: ['الحسن', 'العلي', 'المنصور', 'حداد', 'الخطيب'],
  },
  cjk: {
    male: ['伟', '浩然', '翔', '健太', '大輔'],
    female: ['芳', '静', '美咲', '陽菜', '丽'],
    last: ['王', '李', '张', '佐藤', '鈴木', '陈'],
  },
  georgian: {
    male: ['გიორგი', 'დავით', 'ლევან'],
    female: ['ნინო', 'მარიამ', 'თამარ'],
    last: ['ბერიძე', 'კაპანაძე', 'გელაშვილი'],
  },
};

const SCRIPT_WEIGHTS = weightedTable<NameScript>({
  cyrillic: 45,
  latin: 35,
  greek: 5,
  arabic: 5,
  cjk: 6,
  georgian: 4,
});

export function generateIdentity(rng: Rng): Identity {
  const script = pickWeighted(rng, SCRIPT_WEIGHTS);
  const pool = POOLS[script];
  const gender: Gender = chance(rng, 0.5) ? 'M' : 'F';
  const firstName = pick(rng, gender === 'M' ? pool.male : pool.female);
  const surname = pick(rng, pool.last);
  const lastName = gender === 'F' && pool.feminine ? pool.feminine(surname) : surname;
  return { firstName, lastName, gender, script };
}

/** How Bitrix24 composes `name`: first name then last name, whatever the script. */
export function fullName(firstName: string, lastName: string): string {
  return [firstName, lastName].filter((part) => part.length > 0).join(' ');
}

const POSITIONS: readonly string[] = [
  'Project manager',
  'Менеджер проектов',
  'Frontend developer',
  'Backend developer',
  'Ведущий разработчик',
  'QA engineer',
  'Designer',
  'Дизайнер интерфейсов',
  'Sales manager',
  'Менеджер по продажам',
  'Account executive',
  'Support engineer',
  'Специалист поддержки',
  'Accountant',
  'Бухгалтер',
  'HR partner',
  'Marketing specialist',
  'Маркетолог',
  'Analyst',
  'Team lead',
  '', // some people never fill in their position
];

export function generatePosition(rng: Rng): string {
  return pick(rng, POSITIONS);
}

const DEPARTMENT_NAMES: readonly string[] = [
  'Разработка',
  'Sales',
  'Поддержка клиентов',
  'Marketing',
  'Бухгалтерия',
  'Design',
  'HR',
  'Quality assurance',
  'Логистика',
  'Legal',
];

export interface DepartmentSeed {
  readonly id: number;
  readonly name: string;
}

/** The company (department 1, as on every Bitrix24 portal) and 4–8 departments under it. */
export const COMPANY_DEPARTMENT: DepartmentSeed = { id: 1, name: 'B24 Demo Company' };

export function generateDepartments(rng: Rng): DepartmentSeed[] {
  const count = randInt(rng, 4, 8);
  const names = [...DEPARTMENT_NAMES];
  const departments: DepartmentSeed[] = [];
  let id = 8; // real portals have gaps in department ids
  for (let index = 0; index < count; index++) {
    const at = Math.floor(rng.next() * names.length);
    const [name] = names.splice(at, 1);
    id += randInt(rng, 1, 4);
    departments.push({ id, name: name ?? `Department ${index + 1}` });
  }
  return departments;
}

const BITRIX_COLORS: readonly string[] = [
  '#df532d',
  '#4ba984',
  '#58cc47',
  '#ab7761',
  '#29619b',
  '#728f7a',
  '#ba9c7b',
  '#e8a441',
  '#556574',
  '#909090',
  '#5e5f5e',
  '#1eb4aa',
  '#f76187',
  '#8474c8',
  '#4ba5c3',
  '#3e99ce',
];

export function generateColor(rng: Rng): string {
  return pick(rng, BITRIX_COLORS);
}
