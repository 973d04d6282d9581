import { initials as readableInitials, initialsColor } from '../shared/avatar.js';
import type { Person } from './person.js';

/**
 * Small generated SVG avatars served by the demo itself, so avatar URLs stay on loopback and
 * the panel's image handling is exercised without touching the internet.
 */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The panel's own initials (Georgian stays Mkhedruli, caseless scripts keep their letters). */
export function initials(person: Pick<Person, 'firstName' | 'lastName'>): string {
  return readableInitials(person.firstName, person.lastName, '') || '?';
}

export function avatarSvg(person: Pick<Person, 'firstName' | 'lastName' | 'color'>): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">',
    `<rect width="100" height="100" fill="${escapeXml(person.color)}"/>`,
    // Black or white, whichever keeps the initials at WCAG AA on this colour.
    `<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="40" fill="${initialsColor(person.color)}">`,
    escapeXml(initials(person)),
    '</text></svg>',
  ].join('');
}
