import type { Schemas } from '../app/api/client';

export type MessageView = Schemas['MessageView'];

/** The statuses a message goes through, as the hub names them. */
export const STATUSES = [
  'created',
  'sent',
  'delivered',
  'read',
  'failed',
  'expired',
  'held',
  'declined',
] as const;

export type Status = (typeof STATUSES)[number];

/** Designsystemet's colours, as a tag takes them. */
export type TagColour = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** How a status is shown: its words, its colour, and whether its sender should look at it. */
export interface StatusLook {
  label: string;
  colour: TagColour;
  endedBadly: boolean;
}

const LOOKS: Record<Status, Omit<StatusLook, 'label'>> = {
  created: { colour: 'neutral', endedBadly: false },
  sent: { colour: 'info', endedBadly: false },
  delivered: { colour: 'success', endedBadly: false },
  read: { colour: 'success', endedBadly: false },
  failed: { colour: 'danger', endedBadly: true },
  expired: { colour: 'danger', endedBadly: true },
  held: { colour: 'warning', endedBadly: true },
  declined: { colour: 'warning', endedBadly: true },
};

function isStatus(value: string | undefined): value is Status {
  return value !== undefined && (STATUSES as readonly string[]).includes(value);
}

/**
 * A status's words and colour. The endings the hub counts as needing the sender's look (held,
 * failed, expired, declined) are the ones marked as ended badly; a status the screen does not know
 * yet is shown as unknown rather than guessed at.
 */
export function statusLook(status: string | undefined): StatusLook {
  if (!isStatus(status)) {
    return { label: 'vocabulary.deliveryStatus.unknown', colour: 'neutral', endedBadly: false };
  }
  return { label: `vocabulary.deliveryStatus.${status}`, ...LOOKS[status] };
}

/** A message in the inbox not yet marked read: the hub's unread count counts exactly these. */
export function isUnread(message: MessageView): boolean {
  return message.status === 'delivered';
}

/** A line of a message's delivery story: a catalogue key and its values. */
export interface DeliveryFact {
  id: string;
  values?: Record<string, string | number>;
  /** Which of the values are times, to be formatted for the reader. */
  times?: readonly string[];
}

/**
 * What the timeline says of a message beyond its status: when it arrived, the receipt that came
 * back (a GP office's AppRec, NAV's acknowledgement and its reference), why it ended as it did in
 * the hub's words, and, while it still waits, how often delivery was tried, the last error and the
 * next try. Only what the hub said is shown; nothing is inferred.
 */
export function deliveryFacts(message: MessageView): DeliveryFact[] {
  const facts: DeliveryFact[] = [];
  const at = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const deliveredAt = at(message.deliveredAt);
  if (deliveredAt) {
    facts.push({ id: 'exchange.fact.deliveredAt', values: { time: deliveredAt }, times: ['time'] });
  }
  if (message.receipt) {
    facts.push({ id: 'exchange.fact.receipt', values: { receipt: message.receipt } });
  }
  if (message.recipientReference) {
    facts.push({
      id: 'exchange.fact.recipientReference',
      values: { reference: message.recipientReference },
    });
  }
  if (message.statusReason && message.status !== 'declined') {
    facts.push({ id: 'exchange.fact.statusReason', values: { reason: message.statusReason } });
  }
  const delivery = message.delivery;
  if (delivery && delivery.attempts !== undefined && delivery.attempts > 0) {
    facts.push({ id: 'exchange.fact.attempts', values: { attempts: delivery.attempts } });
  }
  if (delivery?.lastError) {
    facts.push({ id: 'exchange.fact.lastError', values: { error: delivery.lastError } });
  }
  const next = at(delivery?.nextAttemptAt);
  if (next) {
    facts.push({ id: 'exchange.fact.nextAttemptAt', values: { time: next }, times: ['time'] });
  }
  return facts;
}
