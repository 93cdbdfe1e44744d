import { Alert, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem, type ProblemDetail } from './api/client';
import { formatWait } from './format';

/** The refusals and errors the hub names, each with a sentence and what to do next. */
export const KNOWN_PROBLEMS = [
  'not-authenticated',
  'access-denied',
  'csrf-token-invalid',
  'no-consent',
  'consent-withdrawn',
  'consent-expired',
  'consent-not-yet-valid',
  'awaiting-confirmation',
  'awaiting-guardians',
  'health-data-not-allowed',
  'message-held',
  'recipient-behind',
  'not-found',
  'invalid-input',
  'malformed-body',
  'body-too-large',
  'conflict',
  'signature-rejected',
  'server-error',
  'unreachable',
  'unknown',
] as const;

export type ProblemCode = (typeof KNOWN_PROBLEMS)[number];

function isKnown(code: string | undefined): code is ProblemCode {
  return code !== undefined && (KNOWN_PROBLEMS as readonly string[]).includes(code);
}

/**
 * Which plain-words text fits a problem: its refusal code (why consent said no) first, then the
 * kind in its type URI, then its status.
 */
export function problemCode(problem: ProblemDetail, status: number): ProblemCode {
  if (isKnown(problem.refusal)) {
    return problem.refusal;
  }
  const kind = problem.type?.split('/').pop();
  if (isKnown(kind)) {
    return kind;
  }
  const code = problem.status ?? status;
  if (code === 0) return 'unreachable';
  if (code === 401) return 'not-authenticated';
  if (code === 403) return 'access-denied';
  if (code === 404) return 'not-found';
  if (code === 409) return 'conflict';
  if (code === 413) return 'body-too-large';
  if (code >= 500) return 'server-error';
  return 'unknown';
}

/**
 * A refusal or error in plain words, with what to do next, when to try again if the hub said
 * (its `Retry-After`), and the hub's own words below for whoever reports it. Every screen shows
 * failures through this, never a bare status.
 */
export function ProblemNotice({ error }: { error: unknown }) {
  const intl = useIntl();
  const problem = error instanceof ApiProblem ? error.problem : { type: 'unreachable' };
  const status = error instanceof ApiProblem ? error.status : 0;
  const retryAfter = error instanceof ApiProblem ? error.retryAfterSeconds : undefined;
  const code = problemCode(problem, status);
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        <FormattedMessage id="problem.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id={`problem.${code}.what`} />
      </Paragraph>
      <Paragraph>
        <FormattedMessage id={`problem.${code}.next`} />
      </Paragraph>
      {retryAfter !== undefined && (
        <Paragraph data-testid="retry-after">
          <FormattedMessage
            id="problem.retryAfter"
            values={{ wait: <bdi>{formatWait(retryAfter, intl.locale)}</bdi> }}
          />
        </Paragraph>
      )}
      {problem.detail && (
        <Details>
          <Details.Summary>
            <FormattedMessage id="problem.hubAnswered" />
          </Details.Summary>
          <Details.Content lang="en">{problem.detail}</Details.Content>
        </Details>
      )}
    </Alert>
  );
}
