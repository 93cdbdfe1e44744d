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

/**
 * Asks the hub whether a consent covers a draft request. The hub's document gives this operation
 * the same id as sending a request, so the generated types mix the two up; the shapes here are the
 * document's schemas by name.
 */
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
  return (await answerOf(
    api.GET('/api/coverage/requests', { params: { query: query as never } }),
  )) as unknown as CoverageView;
}

/** A person's conversations; typed by name for the same reason (two operations share an id). */
export async function conversationsAbout(subject: string): Promise<ConversationView[]> {
  return (await answerOf(
    api.GET('/api/conversations', { params: { query: { subject } } }),
  )) as unknown as ConversationView[];
}
