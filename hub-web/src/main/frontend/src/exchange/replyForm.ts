/** The longest answer the hub takes, and the longest reason for declining. */
export const MAX_ANSWER_LENGTH = 16000;
export const MAX_DECLINE_REASON_LENGTH = 1000;

/**
 * Why an answer cannot be sent as written (a catalogue key), or undefined. The hub checks again;
 * this only saves a round trip for what any user can see.
 */
export function answerProblem(text: string): string | undefined {
  if (!text.trim()) return 'exchange.answer.error.empty';
  if (text.length > MAX_ANSWER_LENGTH) return 'exchange.answer.error.tooLong';
  return undefined;
}

/** Why a reason for declining cannot be sent: it is one line, said, and at most 1,000 characters. */
export function declineProblem(reason: string): string | undefined {
  if (!reason.trim()) return 'exchange.decline.error.empty';
  if (/[\r\n]/.test(reason)) return 'exchange.decline.error.oneLine';
  if (reason.length > MAX_DECLINE_REASON_LENGTH) return 'exchange.decline.error.tooLong';
  return undefined;
}

interface Reply {
  kind?: string;
  inReplyTo?: string;
  status?: string;
}

/**
 * Whether a request still waits for its recipient's reply, as the conversation shows it: delivered
 * or read, with no answer or decline to it that went through (a held one does not count; the hub
 * keeps the request open then). The hub refuses a second reply itself; this only decides whether
 * to offer the forms.
 */
export function awaitsReply(request: Reply & { id?: string }, conversation: Reply[]): boolean {
  if (request.kind !== 'request' || !['delivered', 'read'].includes(request.status ?? '')) {
    return false;
  }
  return !conversation.some(
    (message) =>
      message.inReplyTo === request.id &&
      (message.kind === 'answer' || message.kind === 'decline') &&
      message.status !== 'held',
  );
}
