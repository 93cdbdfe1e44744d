import { useQuery } from '@tanstack/react-query';
import { answerOf, api } from '../app/api/client';
import type { AccessLog } from '../people/accessLog';
import type { ConsentView } from '../consent/consent';
import type { PersonView } from '../people/person';
import type { PersonReceipt } from './me';

/**
 * The person's data, from the same endpoints the office uses: the hub answers 404 for anyone the
 * person may not see. Every read is audited as the person's own, so each is fetched once a visit.
 */
export function useParticipant(id: string) {
  return useQuery({
    queryKey: ['participant', id],
    staleTime: Infinity,
    queryFn: async () =>
      (await answerOf(api.GET('/api/participants/{id}', { params: { path: { id } } }))) as unknown as PersonView,
  });
}

export function useConsents(subject: string) {
  return useQuery({
    queryKey: ['consents', subject],
    staleTime: Infinity,
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/consents', { params: { query: { subject } } }),
      )) as unknown as ConsentView[],
  });
}

export async function receiptOf(id: string, language: string): Promise<PersonReceipt> {
  return (await answerOf(
    api.GET('/api/consents/{id}/receipt', {
      params: { path: { id }, query: { lang: language } },
      headers: { Accept: 'application/json' },
    }),
  )) as unknown as PersonReceipt;
}

export function receiptQuery(id: string, language: string) {
  return {
    queryKey: ['receipt', id, language],
    staleTime: Infinity,
    queryFn: () => receiptOf(id, language),
  };
}

export function useAccessLog(subject: string, language: string) {
  return useQuery({
    queryKey: ['access-log', subject, language],
    staleTime: Infinity,
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants/{id}/access-log', {
          params: { path: { id: subject }, query: { lang: language } },
          headers: { Accept: 'application/json' },
        }),
      )) as unknown as AccessLog,
  });
}
