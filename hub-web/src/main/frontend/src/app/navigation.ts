/**
 * The capabilities in the main menu, and the roles whose work they are. The menu only leaves out
 * what a role has no use for; what anyone may see or do is decided by the hub on every call.
 */
export interface Destination {
  path: string;
  label: string;
  roles: readonly string[];
}

export const DESTINATIONS: readonly Destination[] = [
  { path: '/people', label: 'nav.people', roles: ['caseworker'] },
  { path: '/consent', label: 'nav.consent', roles: ['caseworker'] },
  {
    path: '/exchange',
    label: 'nav.exchange',
    roles: ['caseworker', 'gp-staff', 'school-liaison', 'kindergarten-liaison', 'nav-adviser'],
  },
  { path: '/plans', label: 'nav.plans', roles: ['caseworker', 'nav-adviser'] },
  { path: '/audit', label: 'nav.audit', roles: ['auditor'] },
];

export function destinationsFor(role: string): Destination[] {
  return DESTINATIONS.filter((destination) => destination.roles.includes(role));
}
