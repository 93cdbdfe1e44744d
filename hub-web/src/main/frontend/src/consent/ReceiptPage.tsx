import { Button, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import type { Receipt } from './consent';
import './consent.css';

/**
 * A consent's receipt to print and hand to the person: the hub's receipt, in their language and in
 * Norwegian, each section in its own language and writing direction. Printing leaves out the
 * app's header and buttons and puts each language on its own page.
 */
export function ReceiptPage() {
  const intl = useIntl();
  const { id = '', language = 'nb' } = useParams();
  // Opened from a participant's page, the way back leads there; opened from a bookmark, to the register.
  const from = (useLocation().state as { subject?: { id: string; name: string } } | null)?.subject;
  const receipt = useQuery({
    queryKey: ['receipt', id, language],
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/consents/{id}/receipt', {
          params: { path: { id }, query: { lang: language } },
          headers: { Accept: 'application/json' },
        }),
      )) as unknown as Receipt,
  });
  return (
    <>
      <div className="consent-receipt__actions consent-actions">
        <Heading level={1} data-size="md">
          <FormattedMessage id="consent.receipt.heading" />
        </Heading>
        <Button onClick={() => window.print()} disabled={!receipt.data}>
          <FormattedMessage id="consent.receipt.print" />
        </Button>
        <Link asChild>
          {from ? (
            <RouterLink to={`/people/${encodeURIComponent(from.id)}`}>
              <FormattedMessage id="consent.recorded.back" values={{ name: <bdi>{from.name}</bdi> }} />
            </RouterLink>
          ) : (
            <RouterLink to="/people">
              <FormattedMessage id="consent.receipt.back" />
            </RouterLink>
          )}
        </Link>
      </div>
      {receipt.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {receipt.error && <ProblemNotice error={receipt.error} />}
      {receipt.data && (
        <article className="consent-receipt" data-testid="receipt">
          {receipt.data.sections.map((section) => (
            <section
              key={section.language}
              lang={section.language}
              dir={section.direction}
              data-testid={`receipt-section-${section.language}`}
            >
              <Heading level={2} data-size="sm">
                {section.title}
              </Heading>
              {section.reviewNote && (
                <Paragraph data-size="sm" data-testid="receipt-review-note">
                  {section.reviewNote}
                </Paragraph>
              )}
              <Paragraph>{section.summary}</Paragraph>
              <dl>
                {section.lines.map((line) => (
                  <div key={line.label}>
                    <dt>{line.label}</dt>
                    <dd>
                      {line.values.length === 1 ? (
                        line.values[0]
                      ) : (
                        <ul>
                          {line.values.map((value) => (
                            <li key={value}>{value}</li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </article>
      )}
    </>
  );
}
