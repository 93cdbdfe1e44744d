import { useQuery } from '@tanstack/react-query';
import { answerOf, api, type Schemas } from './api/client';

export type Agency = Required<Pick<Schemas['AgencyView'], 'orgNumber' | 'name' | 'kind'>>;

/**
 * The hub's agencies, for names and pickers, fetched once for every screen; they change only when
 * the municipality's file does.
 */
export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    staleTime: Infinity,
    queryFn: async () => (await answerOf(api.GET('/api/agencies'))) as Agency[],
  });
}

/** An agency's name, or its organisation number when the hub does not know it (yet). */
export function agencyName(
  agencies: readonly Agency[] | undefined,
  orgNumber: string | undefined,
): string {
  return agencies?.find((agency) => agency.orgNumber === orgNumber)?.name ?? orgNumber ?? '';
}
