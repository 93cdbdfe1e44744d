import { describe, expect, it } from 'vitest';
import type { ConsentView } from './consent';
import { inListOrder, lastChange, statusColour } from './status';

function consent(id: string, status: string, recordedAt: string, history: ConsentView['history'] = []) {
  return { id, status, recordedAt, history } as unknown as ConsentView;
}

describe('consent status', () => {
  it('colours each status', () => {
    expect(statusColour('active')).toBe('success');
    expect(statusColour('withdrawn')).toBe('warning');
    expect(statusColour('entered-in-error')).toBe('danger');
    expect(statusColour('expired')).toBe('neutral');
    expect(statusColour('something-new')).toBe('neutral');
  });

  it('lists the consents that hold first, newest first within a status', () => {
    const listed = inListOrder([
      consent('a', 'withdrawn', '2026-11-01T10:00:00Z'),
      consent('b', 'active', '2026-10-01T10:00:00Z'),
      consent('c', 'entered-in-error', '2026-12-01T10:00:00Z'),
      consent('d', 'active', '2026-11-15T10:00:00Z'),
      consent('e', 'expired', '2025-01-01T10:00:00Z'),
    ]);
    expect(listed.map((c) => c.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('finds the reason of the change that ended a consent', () => {
    const withdrawn = consent('a', 'withdrawn', '2026-11-01T10:00:00Z', [
      { at: '2026-11-01T10:00:00Z', by: 'kari', status: 'active' },
      { at: '2026-11-02T10:00:00Z', by: 'kari', status: 'withdrawn', reason: 'She asked us to stop' },
    ]);
    expect(lastChange(withdrawn)?.reason).toBe('She asked us to stop');
    expect(lastChange(consent('b', 'active', '2026-11-01T10:00:00Z'))).toBeUndefined();
  });
});
