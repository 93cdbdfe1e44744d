import { Tag } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { agencyName, useAgencies } from '../app/agencies';

/** The municipality's agencies, to name an organisation number the log holds. */
export function useAgencyNames() {
  const list = useAgencies().data ?? [];
  return {
    list,
    nameOf(orgNumber: string | undefined): string {
      return agencyName(list, orgNumber);
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
