import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem } from './api/client';
import ar from './i18n/messages/ar.json';
import en from './i18n/messages/en.json';
import nb from './i18n/messages/nb.json';
import { KNOWN_PROBLEMS, ProblemNotice, problemCode } from './ProblemNotice';

afterEach(cleanup);

function shown(error: unknown, messages: Record<string, string> = nb, locale = 'nb') {
  render(
    <IntlProvider locale={locale} messages={messages} onError={(e) => expect.fail(String(e))}>
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

  const behind = new ApiProblem(
    {
      type: 'https://bindeledd.no/problems/recipient-behind',
      title: "The agency's deliveries are behind",
      status: 503,
      detail: 'deliveries to Fjordvik GP Office (311000012) are 150 seconds behind',
    },
    503,
    150,
  );

  it('says the recipient is behind, that nothing was lost, and when to try again', () => {
    const text = shown(behind);
    expect(problemCode(behind.problem, 503)).toBe('recipient-behind');
    expect(text).toContain(nb['problem.recipient-behind.what']);
    expect(text).toContain(nb['problem.recipient-behind.next']);
    expect(screen.getByTestId('retry-after').textContent).toBe('Prøv igjen om omtrent 3 minutter.');
  });

  it('gives no time to try again when the hub named none', () => {
    shown(new ApiProblem({ type: 'https://bindeledd.no/problems/recipient-behind' }, 503));
    expect(screen.queryByTestId('retry-after')).toBeNull();
  });

  it('says when to try again in Arabic words too', () => {
    const text = shown(behind, ar, 'ar');
    expect(text).toContain(ar['problem.recipient-behind.what']);
    expect(screen.getByTestId('retry-after').textContent).toContain('دقائق');
  });
});
