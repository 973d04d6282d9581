import type { Person } from './person.js';

/**
 * Small generated SVG avatars served by the demo itself, so avatar URLs stay on loopback and
 * the panel's image handling is exercised without touching the internet.
 */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function initials(person: Pick<Person, 'firstName' | 'lastName'>): string {
  const first = [...person.firstName][0] ?? '';
  const last = [...person.lastName][0] ?? '';
  return `${first}${last}`.toUpperCase() || '?';
}

export function avatarSvg(person: Pick<Person, 'firstName' | 'lastName' | 'color'>): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">',
    `<rect width="100" height="100" fill="${escapeXml(person.color)}"/>`,
    '<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="40" fill="#fff">',
    escapeXml(initials(person)),
    '</text></svg>',
  ].join('');
}
