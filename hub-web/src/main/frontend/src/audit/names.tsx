import { Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { answerOf, api } from '../app/api/client';

/** The municipality's agencies, to name an organisation number the log holds. */
export function useAgencyNames() {
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: () => answerOf(api.GET('/api/agencies')),
    staleTime: 5 * 60_000,
  });
  const list = agencies.data ?? [];
  return {
    list,
    nameOf(orgNumber: string | undefined): string {
      if (!orgNumber) {
        return '';
      }
      return list.find((agency) => agency.orgNumber === orgNumber)?.name ?? orgNumber;
    },
  };
}

const OUTCOME_COLOURS: Record<string, 'success' | 'danger' | 'warning' | 'neutral'> = {
  allowed: 'success',
  success: 'success',
  refused: 'danger',
  failure: 'danger',
  held: 'warning',
};

/** An entry's outcome in words, coloured by whether it went through. */
export function OutcomeTag({ outcome }: { outcome: string | undefined }) {
  if (!outcome) {
    return null;
  }
  const known = outcome in OUTCOME_COLOURS;
  return (
    <Tag data-color={OUTCOME_COLOURS[outcome] ?? 'neutral'}>
      {known ? <FormattedMessage id={`audit.outcome.${outcome}`} /> : outcome}
    </Tag>
  );
}
