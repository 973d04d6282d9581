/** Stroke icons on a 24-unit grid; circles are written as two arcs so every icon is a list of subpaths. */
const circle = (cx: number, cy: number, r: number): string =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

export const ICONS = {
  search: [circle(11, 11, 7), 'm20 20-4-4'],
  settings: [
    'M4 6h10',
    'M18 6h2',
    'M4 12h4',
    'M12 12h8',
    'M4 18h12',
    'M20 18h0',
    circle(16, 6, 2),
    circle(10, 12, 2),
    circle(18, 18, 2),
  ],
  refresh: [
    'M21 12a9 9 0 0 1-15.4 6.4L3 16',
    'M3 21v-5h5',
    'M3 12a9 9 0 0 1 15.4-6.4L21 8',
    'M21 3v5h-5',
  ],
  star: ['M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z'],
  mute: [
    'M8.7 3.7A6 6 0 0 1 18 8.6c0 2.6.6 4.5 1.3 5.9',
    'M17 17H3s3-2 3-8.4',
    'M10.3 21a1.9 1.9 0 0 0 3.4 0',
    'm2 2 20 20',
  ],
  chat: ['M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z'],
  desktop: [
    'M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
    'M8 20h8',
    'M12 16v4',
  ],
  phone: ['M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z', 'M11 18h2'],
  moon: ['M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9z'],
  clock: [circle(12, 12, 9), 'M12 7v5l3 2'],
  coffee: [
    'M17 8h1a4 4 0 1 1 0 8h-1',
    'M3 8h14v9a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4z',
    'M6 2v2',
    'M10 2v2',
    'M14 2v2',
  ],
  minus: [circle(12, 12, 9), 'M8 12h8'],
  plane: [
    'M17.8 19.2 16 11l3.5-3.5C21 6 21.5 4 21 3c-1-.5-3 0-4.5 1.5L13 8 4.8 6.2c-.5-.1-.9.1-1.1.5l-.3.5c-.2.5-.1 1 .3 1.3L9 12l-2 3H4l-1 1 3 2 2 3 1-1v-3l3-2 3.5 5.3c.3.4.8.5 1.3.3l.5-.2c.4-.3.6-.7.5-1.2z',
  ],
  dot: [circle(12, 12, 6)],
  ring: [circle(12, 12, 6)],
  warning: [
    'm21.7 18-8-14a2 2 0 0 0-3.5 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.7-3',
    'M12 9v4',
    'M12 17h0',
  ],
  lock: ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  close: ['M18 6 6 18', 'm6 6 12 12'],
  users: [
    circle(9, 7, 4),
    'M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2',
    'M16 3.1a4 4 0 0 1 0 7.8',
    'M21 21v-2a4 4 0 0 0-3-3.9',
  ],
  pause: ['M9 5v14', 'M15 5v14'],
  check: ['M20 6 9 17l-5-5'],
  bell: ['M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9', 'M10.3 21a1.9 1.9 0 0 0 3.4 0'],
  timeline: ['M4 20h16', 'M7 16V10', 'M12 16V5', 'M17 16v-4'],
  back: ['m15 18-6-6 6-6'],
  calendar: [
    'M5 5h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
    'M4 10h16',
    'M8 3v4',
    'M16 3v4',
  ],
  calendarQuestion: [
    'M5 5h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
    'M8 3v4',
    'M16 3v4',
    'M10 12.5a2 2 0 1 1 2.5 1.9c-.4.2-.5.5-.5 1.1',
    'M12 18.5h.01',
  ],
  more: ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  globe: [circle(12, 12, 9), 'M3 12h18', 'M12 3a14 14 0 0 1 0 18', 'M12 3a14 14 0 0 0 0 18'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof ICONS;

/** A leading relative moveto and its coordinate pair, e.g. `m20 20` of `m20 20-4-4`. */
const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const LEADING_RELATIVE_MOVE = new RegExp(String.raw`^\s*m\s*(${NUMBER})[\s,]*(${NUMBER})[\s,]*`);

/**
 * A subpath that draws the same from any current point. On its own, a path's first `m` is taken
 * from the origin; after another subpath it would move from where that one ended. So a leading
 * `m x y` becomes `M x y`, and the pairs it implies after it stay relative line-tos (`l`).
 */
export function absoluteSubpath(subpath: string): string {
  const move = LEADING_RELATIVE_MOVE.exec(subpath);
  if (move === null) return subpath;
  const rest = subpath.slice(move[0].length);
  const impliedLineTo = rest !== '' && !/^[A-Za-z]/.test(rest);
  return `M${move[1]} ${move[2]}${impliedLineTo ? 'l' : ''}${rest}`;
}

/** Each icon as one path: subpaths stroke and fill alike, and one element is cheaper to create. */
export function joinSubpaths(subpaths: readonly string[]): string {
  return subpaths.map(absoluteSubpath).join('');
}

export const ICON_PATHS = Object.fromEntries(
  Object.entries(ICONS).map(([name, subpaths]) => [name, joinSubpaths(subpaths)]),
) as Record<IconName, string>;
