import type { Schemas } from '../app/api/client';

export type QuestionRequest = Schemas['QuestionRequest'];

/** The longest question the hub takes. */
export const MAX_QUESTION_LENGTH = 16000;

/** The question form as the user filled it in. */
export interface QuestionDraft {
  recipient: string;
  subjectId: string;
  category: string;
  purpose: string;
  question: string;
}

export type QuestionField = keyof QuestionDraft;

/** A field that cannot be sent as it is, and the catalogue key saying why. */
export interface FieldProblem {
  field: QuestionField;
  message: string;
}

export const EMPTY_DRAFT: QuestionDraft = {
  recipient: '',
  subjectId: '',
  category: '',
  purpose: '',
  question: '',
};

/**
 * The form's own checks, in the order of its fields: each one is chosen or written, and the
 * question fits. Whether a consent allows the question is not checked here; the hub says so.
 */
export function problemsOf(draft: QuestionDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.recipient.trim()) {
    problems.push({ field: 'recipient', message: 'exchange.ask.error.recipient' });
  }
  if (!draft.subjectId.trim()) {
    problems.push({ field: 'subjectId', message: 'exchange.ask.error.subject' });
  }
  if (!draft.category.trim()) {
    problems.push({ field: 'category', message: 'exchange.ask.error.category' });
  }
  if (!draft.purpose.trim()) {
    problems.push({ field: 'purpose', message: 'exchange.ask.error.purpose' });
  }
  if (!draft.question.trim()) {
    problems.push({ field: 'question', message: 'exchange.ask.error.question' });
  } else if (draft.question.length > MAX_QUESTION_LENGTH) {
    problems.push({ field: 'question', message: 'exchange.ask.error.questionTooLong' });
  }
  return problems;
}

/**
 * Whether the draft names a whole flow (who to, about whom, what, why), so that the hub can be
 * asked whether a consent covers it; the question's text does not change the answer.
 */
export function flowOf(draft: QuestionDraft): Omit<QuestionDraft, 'question'> | undefined {
  const flow = {
    recipient: draft.recipient.trim(),
    subjectId: draft.subjectId.trim(),
    category: draft.category.trim(),
    purpose: draft.purpose.trim(),
  };
  return Object.values(flow).every((value) => value !== '') ? flow : undefined;
}

/** The body of POST /api/requests: the chosen codes as they are, and the question as written. */
export function payloadOf(draft: QuestionDraft): QuestionRequest {
  const problems = problemsOf(draft);
  if (problems.length > 0) {
    throw new Error(`the draft is not complete: ${problems.map((p) => p.field).join(', ')}`);
  }
  return {
    recipient: draft.recipient.trim(),
    subjectId: draft.subjectId.trim(),
    category: draft.category.trim(),
    purpose: draft.purpose.trim(),
    question: draft.question,
  };
}
