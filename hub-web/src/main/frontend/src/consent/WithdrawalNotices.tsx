import { Button, Heading, Link, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { CONSENT_NOTICES_KEY } from '../app/LiveCounts';
import { ProblemNotice } from '../app/ProblemNotice';

/** The hub's notice that a person withdrew a consent themselves, or a guardian for their child. */
export interface NoticeView {
  id: string;
  kind: string;
  consentId: string;
  subjectId: string;
  subjectName?: string;
  noticedAt: string;
  noticedBy: string;
  noticedByName?: string;
  seen: boolean;
  seenAt?: string;
  seenBy?: string;
}

/**
 * The withdrawals the people made themselves, which the refugee service is told of: the newest
 * first, those nobody has marked seen on top. The live stream refetches the list when one comes.
 */
export function WithdrawalNotices() {
  const intl = useIntl();
  const queries = useQueryClient();
  const notices = useQuery({
    queryKey: CONSENT_NOTICES_KEY,
    queryFn: async () =>
      (await answerOf(api.GET('/api/consents/notices'))) as unknown as NoticeView[],
  });
  const markSeen = useMutation({
    mutationFn: async (id: string) =>
      answerOf(api.POST('/api/consents/notices/{id}/seen', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: CONSENT_NOTICES_KEY }),
  });
  const ordered = [...(notices.data ?? [])].sort((a, b) => Number(a.seen) - Number(b.seen));

  return (
    <section className="people-section" aria-labelledby="notices-heading" data-testid="withdrawal-notices">
      <Heading level={2} data-size="md" id="notices-heading">
        <FormattedMessage id="consent.notices.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="consent.notices.intro" />
      </Paragraph>
      {notices.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {notices.error && <ProblemNotice error={notices.error} />}
      {markSeen.error && <ProblemNotice error={markSeen.error} />}
      {notices.data && notices.data.length === 0 && (
        <Paragraph data-testid="notices-none">
          <FormattedMessage id="consent.notices.none" />
        </Paragraph>
      )}
      {ordered.length > 0 && (
        <Table className="consent-table">
          <caption>
            <FormattedMessage id="consent.notices.caption" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="consent.notices.column.person" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.notices.column.when" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.notices.column.by" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.notices.column.seen" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {ordered.map((notice) => {
              const name = notice.subjectName ?? notice.subjectId;
              const themselves = notice.noticedBy === `person:${notice.subjectId}`;
              return (
                <Table.Row
                  key={notice.id}
                  data-testid="notice-row"
                  data-notice-id={notice.id}
                  data-consent-id={notice.consentId}
                >
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/people/${encodeURIComponent(notice.subjectId)}`}>
                        <bdi>{name}</bdi>
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    <span className="ltr">{formatDateTime(notice.noticedAt, intl.locale)}</span>
                  </Table.Cell>
                  <Table.Cell>
                    {themselves ? (
                      <FormattedMessage id="consent.notices.byThemselves" />
                    ) : (
                      <FormattedMessage
                        id="consent.notices.byGuardian"
                        values={{ name: <bdi>{notice.noticedByName ?? notice.noticedBy}</bdi> }}
                      />
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {notice.seen ? (
                      <Tag data-color="neutral">
                        <FormattedMessage
                          id="consent.notices.seenAt"
                          values={{
                            time: notice.seenAt ? formatDateTime(notice.seenAt, intl.locale) : '',
                          }}
                        />
                      </Tag>
                    ) : (
                      <Button
                        type="button"
                        variant="secondary"
                        data-size="sm"
                        disabled={markSeen.isPending}
                        onClick={() => markSeen.mutate(notice.id)}
                      >
                        <FormattedMessage id="consent.notices.markSeen" values={{ name: <bdi>{name}</bdi> }} />
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
