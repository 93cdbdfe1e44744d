import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem } from './api/client';
import en from './i18n/messages/en.json';
import nb from './i18n/messages/nb.json';
import { KNOWN_PROBLEMS, ProblemNotice, problemCode } from './ProblemNotice';

afterEach(cleanup);

function shown(error: unknown, messages: Record<string, string> = nb) {
  render(
    <IntlProvider locale="nb" messages={messages} onError={(e) => expect.fail(String(e))}>
      <ProblemNotice error={error} />
    </IntlProvider>,
  );
  return screen.getByRole('alert').textContent ?? '';
}

describe('ProblemNotice', () => {
  it('has a sentence and a next step for every problem it knows, in both staff languages', () => {
    for (const code of KNOWN_PROBLEMS) {
      for (const catalogue of [nb, en] as Record<string, string>[]) {
        expect(catalogue[`problem.${code}.what`], code).toBeTruthy();
        expect(catalogue[`problem.${code}.next`], code).toBeTruthy();
      }
    }
  });

  it("tells why consent said no from the refusal code, and what to do about it", () => {
    const text = shown(
      new ApiProblem(
        {
          type: 'https://bindeledd.no/problems/no-covering-consent',
          status: 403,
          refusal: 'consent-withdrawn',
          detail: 'consent 42 was withdrawn',
        },
        403,
      ),
    );
    expect(text).toContain(nb['problem.consent-withdrawn.what']);
    expect(text).toContain(nb['problem.consent-withdrawn.next']);
    expect(text).toContain('consent 42 was withdrawn');
  });

  it('never shows a bare status: a 500 without a body is a sentence too', () => {
    const text = shown(new ApiProblem({}, 500));
    expect(text).toContain(nb['problem.server-error.what']);
    expect(text).not.toMatch(/\b500\b/);
  });

  it('says the hub cannot be reached when the call never got an answer', () => {
    expect(shown(new TypeError('Failed to fetch'))).toContain(nb['problem.unreachable.what']);
  });

  it('picks the refusal first, then the type, then the status', () => {
    expect(problemCode({ refusal: 'health-data-not-allowed', type: 'x/access-denied' }, 403)).toBe(
      'health-data-not-allowed',
    );
    expect(problemCode({ type: 'https://bindeledd.no/problems/csrf-token-invalid' }, 403)).toBe(
      'csrf-token-invalid',
    );
    expect(problemCode({ type: 'https://bindeledd.no/problems/something-new' }, 409)).toBe(
      'conflict',
    );
    expect(problemCode({}, 418)).toBe('unknown');
  });
});
