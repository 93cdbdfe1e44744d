import type { ConsentStatus, ConsentView } from './consent';

/** The colour of a consent's status tag: green while it holds, red when it was a mistake. */
export function statusColour(status: string): 'success' | 'warning' | 'neutral' | 'danger' {
  switch (status) {
    case 'active':
      return 'success';
    case 'withdrawn':
      return 'warning';
    case 'entered-in-error':
      return 'danger';
    default:
      return 'neutral';
  }
}

const ORDER: readonly ConsentStatus[] = ['active', 'expired', 'withdrawn', 'entered-in-error'];

/** Consents as the page lists them: those that hold first, then by when they were recorded, newest first. */
export function inListOrder(consents: readonly ConsentView[]): ConsentView[] {
  const rank = (status: string) => {
    const at = ORDER.indexOf(status as ConsentStatus);
    return at < 0 ? ORDER.length : at;
  };
  return [...consents].sort(
    (a, b) => rank(a.status) - rank(b.status) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

/** Why the consent stopped holding, when a caseworker withdrew it or marked it: its last change. */
export function lastChange(consent: ConsentView): ConsentView['history'][number] | undefined {
  return consent.history.filter((change) => change.status !== 'active').at(-1);
}
