import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerOf, api, ApiProblem, CSRF_HEADER, useCsrfTokenForCalls } from './client';

afterEach(() => {
  useCsrfTokenForCalls(undefined);
});

/** A stand-in for the hub's answer, which records the requests the client made. */
function answering(status: number, body: unknown) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
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
});
