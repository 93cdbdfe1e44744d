import { describe, expect, it } from 'vitest';
import { answerProblem, awaitsReply, declineProblem } from './replyForm';

describe('answering and declining', () => {
  it('takes an answer with words in it, and refuses an empty or too long one', () => {
    expect(answerProblem('Yes: referred.')).toBeUndefined();
    expect(answerProblem('   ')).toBe('exchange.answer.error.empty');
    expect(answerProblem('x'.repeat(16001))).toBe('exchange.answer.error.tooLong');
  });

  it('takes a reason of one line up to 1,000 characters, as the hub does', () => {
    expect(declineProblem('Not our patient.')).toBeUndefined();
    expect(declineProblem('x'.repeat(1000))).toBeUndefined();
    expect(declineProblem('x'.repeat(1001))).toBe('exchange.decline.error.tooLong');
    expect(declineProblem('first\nsecond')).toBe('exchange.decline.error.oneLine');
    expect(declineProblem('')).toBe('exchange.decline.error.empty');
  });

  it('offers a reply only to a delivered or read request with no reply that went through', () => {
    const request = { id: 'r', kind: 'request', status: 'delivered' };
    expect(awaitsReply(request, [request])).toBe(true);
    expect(awaitsReply({ ...request, status: 'read' }, [request])).toBe(true);
    expect(awaitsReply({ ...request, status: 'declined' }, [request])).toBe(false);
    expect(awaitsReply({ ...request, kind: 'answer' }, [request])).toBe(false);
    expect(
      awaitsReply(request, [request, { kind: 'answer', inReplyTo: 'r', status: 'delivered' }]),
    ).toBe(false);
    expect(
      awaitsReply(request, [request, { kind: 'decline', inReplyTo: 'r', status: 'held' }]),
      'a held decline leaves the request open',
    ).toBe(true);
  });
});
