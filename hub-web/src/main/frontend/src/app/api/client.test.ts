import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerOf,
  api,
  ApiProblem,
  CSRF_HEADER,
  retryAfterOf,
  useCsrfTokenForCalls,
} from './client';

afterEach(() => {
  useCsrfTokenForCalls(undefined);
});

/** A stand-in for the hub's answer, which records the requests the client made. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: {
        'Content-Type': status < 400 ? 'application/json' : 'application/problem+json',
        ...headers,
      },
    });
  });
  return { calls, fetch };
}

describe('the API client', () => {
  it("sends the session's CSRF token with calls that change something, and only with those", async () => {
    const { calls, fetch } = answering(200, {});
    useCsrfTokenForCalls('the-token');
    await api.GET('/api/me', { baseUrl: 'http://hub.test', fetch });
    await api.POST('/api/participants', {
      baseUrl: 'http://hub.test',
      fetch,
      body: { nationalId: '1', givenName: 'A', familyName: 'B', preferredLanguage: 'ar' },
    });
    expect(calls[0]?.headers.get(CSRF_HEADER)).toBeNull();
    expect(calls[1]?.headers.get(CSRF_HEADER)).toBe('the-token');
  });

  it("turns a refusal into an ApiProblem with the hub's problem detail", async () => {
    const { fetch } = answering(403, {
      type: 'https://bindeledd.no/problems/access-denied',
      status: 403,
    });
    const failure = answerOf(api.GET('/api/me', { baseUrl: 'http://hub.test', fetch }));
    await expect(failure).rejects.toBeInstanceOf(ApiProblem);
    await expect(failure).rejects.toMatchObject({ status: 403, problem: { status: 403 } });
  });

  it('keeps how long the hub asked to wait before trying again', async () => {
    const { fetch } = answering(
      503,
      { type: 'https://bindeledd.no/problems/recipient-behind', status: 503 },
      { 'Retry-After': '37' },
    );
    const failure = answerOf(
      api.POST('/api/requests', { baseUrl: 'http://hub.test', fetch, body: {} as never }),
    );
    await expect(failure).rejects.toMatchObject({ status: 503, retryAfterSeconds: 37 });
  });

  it('has no wait when the hub named none', async () => {
    const { fetch } = answering(409, { status: 409 });
    const failure = answerOf(api.GET('/api/me', { baseUrl: 'http://hub.test', fetch }));
    await expect(failure).rejects.toMatchObject({ status: 409, retryAfterSeconds: undefined });
  });
});

describe('retryAfterOf', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const answer = (value?: string) =>
    new Response(null, { status: 503, headers: value === undefined ? {} : { 'Retry-After': value } });

  it('reads a delay in seconds, and an HTTP date as the time until it', () => {
    expect(retryAfterOf(answer('120'), now)).toBe(120);
    expect(retryAfterOf(answer('Thu, 03 Dec 2026 12:01:30 GMT'), now)).toBe(90);
    expect(retryAfterOf(answer('Thu, 03 Dec 2026 11:00:00 GMT'), now)).toBe(0);
  });

  it('reads nothing into a missing or unreadable header', () => {
    expect(retryAfterOf(answer(), now)).toBeUndefined();
    expect(retryAfterOf(answer('soon'), now)).toBeUndefined();
  });
});
