import { answerOf, api, type Schemas } from '../app/api/client';
import { EXCHANGE_KEY } from '../app/LiveCounts';

/** The roles whose work includes asking another agency a question. */
export const ASKING_ROLES: readonly string[] = [
  'caseworker',
  'school-liaison',
  'kindergarten-liaison',
];

/**
 * The exchange screens' queries. Lists and conversations sit under one key, which the live updates
 * refetch when a message changes; an opened message does not, since opening is audited and its
 * content does not change.
 */
export const keys = {
  inbox: [...EXCHANGE_KEY, 'inbox'] as const,
  sent: [...EXCHANGE_KEY, 'sent'] as const,
  attention: [...EXCHANGE_KEY, 'sent', 'attention'] as const,
  conversation: (id: string) => [...EXCHANGE_KEY, 'conversation', id] as const,
  aboutSubject: (subject: string) => [...EXCHANGE_KEY, 'subject', subject] as const,
  opened: (id: string) => ['opened', id] as const,
};

/** A time as the API gives it (an ISO string; the document calls it an object). */
export function timeOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export type CoverageView = Schemas['CoverageView'];
export type ConversationView = Schemas['ConversationView'];

/** Asks the hub whether a consent covers a draft request, as sending it now would be decided. */
export async function coverageOf(flow: {
  recipient: string;
  subjectId: string;
  category: string;
  purpose: string;
}): Promise<CoverageView> {
  const query = {
    recipient: flow.recipient,
    subject: flow.subjectId,
    category: flow.category,
    purpose: flow.purpose,
  };
  return answerOf(api.GET('/api/coverage/requests', { params: { query } }));
}

/** A person's conversations that the caller's agency may see. */
export async function conversationsAbout(subject: string): Promise<ConversationView[]> {
  return answerOf(api.GET('/api/conversations', { params: { query: { subject } } }));
}
