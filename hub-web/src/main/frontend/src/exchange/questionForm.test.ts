import { describe, expect, it } from 'vitest';
import en from '../app/i18n/messages/en.json';
import nb from '../app/i18n/messages/nb.json';
import {
  EMPTY_DRAFT,
  flowOf,
  MAX_QUESTION_LENGTH,
  payloadOf,
  problemsOf,
  type QuestionDraft,
} from './questionForm';

const complete: QuestionDraft = {
  recipient: '311000012',
  subjectId: '6f67a1c2-0000-4000-8000-000000000001',
  category: 'referral-status',
  purpose: 'introduction-programme-follow-up',
  question: 'Was the participant referred to hospital?',
};

describe('the question form', () => {
  it('names every missing field, in the order of the form', () => {
    expect(problemsOf(EMPTY_DRAFT).map((problem) => problem.field)).toEqual([
      'recipient',
      'subjectId',
      'category',
      'purpose',
      'question',
    ]);
  });

  it('has the words for every problem in both staff languages', () => {
    const drafts = [EMPTY_DRAFT, { ...complete, question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) }];
    for (const problem of drafts.flatMap(problemsOf)) {
      expect((nb as Record<string, string>)[problem.message], problem.message).toBeTruthy();
      expect((en as Record<string, string>)[problem.message], problem.message).toBeTruthy();
    }
  });

  it('takes a complete draft without a word', () => {
    expect(problemsOf(complete)).toEqual([]);
  });

  it('refuses a question of only spaces and line breaks', () => {
    expect(problemsOf({ ...complete, question: '  \n\t ' })).toEqual([
      { field: 'question', message: 'exchange.ask.error.question' },
    ]);
  });

  it('refuses a question longer than the hub takes, and takes one exactly as long', () => {
    expect(problemsOf({ ...complete, question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) })).toEqual([
      { field: 'question', message: 'exchange.ask.error.questionTooLong' },
    ]);
    expect(problemsOf({ ...complete, question: 'x'.repeat(MAX_QUESTION_LENGTH) })).toEqual([]);
  });

  it('builds the body of POST /api/requests: the codes trimmed, the question as written', () => {
    const question = '  Was she referred?\n<script>alert(1)</script>  ';
    expect(payloadOf({ ...complete, subjectId: ` ${complete.subjectId} `, question })).toEqual({
      recipient: '311000012',
      subjectId: complete.subjectId,
      category: 'referral-status',
      purpose: 'introduction-programme-follow-up',
      question,
    });
  });

  it('builds no body from a draft that is not complete', () => {
    expect(() => payloadOf({ ...complete, category: '' })).toThrow(/category/);
  });

  it('asks the hub about the flow only once it is whole, whatever the question says', () => {
    expect(flowOf({ ...complete, purpose: '' })).toBeUndefined();
    expect(flowOf({ ...complete, question: '' })).toEqual({
      recipient: '311000012',
      subjectId: complete.subjectId,
      category: 'referral-status',
      purpose: 'introduction-programme-follow-up',
    });
  });
});
