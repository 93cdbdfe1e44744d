import { describe, expect, it } from 'vitest';
import en from '../app/i18n/messages/en.json';
import nb from '../app/i18n/messages/nb.json';
import { deliveryFacts, isUnread, STATUSES, statusLook } from './status';

describe('statusLook', () => {
  it('has words in both staff languages for every status the hub names', () => {
    for (const status of STATUSES) {
      const { label } = statusLook(status);
      expect((nb as Record<string, string>)[label], status).toBeTruthy();
      expect((en as Record<string, string>)[label], status).toBeTruthy();
    }
  });

  it('marks exactly the endings the hub counts for the sender to look at', () => {
    const badly = STATUSES.filter((status) => statusLook(status).endedBadly);
    expect(badly).toEqual(['failed', 'expired', 'held', 'declined']);
  });

  it('colours a held or declined message as a warning, a failed one as an error, a delivered one as done', () => {
    expect(statusLook('held').colour).toBe('warning');
    expect(statusLook('declined').colour).toBe('warning');
    expect(statusLook('failed').colour).toBe('danger');
    expect(statusLook('expired').colour).toBe('danger');
    expect(statusLook('delivered').colour).toBe('success');
    expect(statusLook('read').colour).toBe('success');
  });

  it('shows a status it does not know as unknown rather than guessing', () => {
    expect(statusLook('teleported')).toEqual({
      label: 'vocabulary.deliveryStatus.unknown',
      colour: 'neutral',
      endedBadly: false,
    });
    expect(statusLook(undefined).label).toBe('vocabulary.deliveryStatus.unknown');
  });
});

describe('isUnread', () => {
  it('is a message delivered and not yet marked read, as the hub counts unread', () => {
    expect(isUnread({ status: 'delivered' })).toBe(true);
    expect(isUnread({ status: 'read' })).toBe(false);
    expect(isUnread({ status: 'declined' })).toBe(false);
    expect(isUnread({ status: 'held' })).toBe(false);
  });
});

describe('deliveryFacts', () => {
  it("tells when it arrived and the receipt that came back, with NAV's reference", () => {
    const facts = deliveryFacts({
      status: 'delivered',
      deliveredAt: '2026-12-01T13:03:00Z' as unknown as Record<string, never>,
      receipt: 'NAV acknowledged the plan',
      recipientReference: 'NAV-SIM-42',
    });
    expect(facts.map((fact) => fact.id)).toEqual([
      'exchange.fact.deliveredAt',
      'exchange.fact.receipt',
      'exchange.fact.recipientReference',
    ]);
    expect(facts[0]).toEqual({
      id: 'exchange.fact.deliveredAt',
      values: { time: '2026-12-01T13:03:00Z' },
      times: ['time'],
    });
    expect(facts[1]?.values).toEqual({ receipt: 'NAV acknowledged the plan' });
    expect(facts[2]?.values).toEqual({ reference: 'NAV-SIM-42' });
  });

  it('tells of the retries while a message waits: how often, the last error, the next try', () => {
    const facts = deliveryFacts({
      status: 'sent',
      delivery: {
        attempts: 3,
        lastError: 'connection refused',
        nextAttemptAt: '2026-12-01T13:10:00Z' as unknown as Record<string, never>,
      },
    });
    expect(facts).toEqual([
      { id: 'exchange.fact.attempts', values: { attempts: 3 } },
      { id: 'exchange.fact.lastError', values: { error: 'connection refused' } },
      {
        id: 'exchange.fact.nextAttemptAt',
        values: { time: '2026-12-01T13:10:00Z' },
        times: ['time'],
      },
    ]);
  });

  it("gives a held message's reason in the hub's words", () => {
    const facts = deliveryFacts({
      status: 'held',
      statusReason: 'consent 42 was withdrawn',
    });
    expect(facts).toEqual([
      { id: 'exchange.fact.statusReason', values: { reason: 'consent 42 was withdrawn' } },
    ]);
  });

  it('says nothing of a delivery nobody tried yet, nor of a decline by its bookkeeping words', () => {
    expect(deliveryFacts({ status: 'created', delivery: { attempts: 0 } })).toEqual([]);
    expect(
      deliveryFacts({ status: 'declined', statusReason: 'declined; the reason is in message 7' }),
    ).toEqual([]);
  });

  it('has the words for every fact in both staff languages', () => {
    const ids = [
      'exchange.fact.deliveredAt',
      'exchange.fact.receipt',
      'exchange.fact.recipientReference',
      'exchange.fact.statusReason',
      'exchange.fact.attempts',
      'exchange.fact.lastError',
      'exchange.fact.nextAttemptAt',
    ];
    for (const id of ids) {
      expect((nb as Record<string, string>)[id], id).toBeTruthy();
      expect((en as Record<string, string>)[id], id).toBeTruthy();
    }
  });
});
