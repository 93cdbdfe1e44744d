import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answerOf, api } from '../app/api/client';

/**
 * The log's verifier key as the hub serves it (GET /api/audit/log-key). It comes from the server
 * whose log is being checked, so the page shows its key ID for the auditor to compare with the key
 * she obtained out of band, and takes hers instead when she gives it.
 */
export function useServedLogKey() {
  return useQuery({
    queryKey: ['audit-log-key'],
    queryFn: async () =>
      ((await answerOf(api.GET('/api/audit/log-key', { parseAs: 'text' }))) as string).trim(),
    staleTime: Infinity,
  });
}

const HELD_KEY = 'bindeledd.audit.heldLogKey';

/** The key the auditor pasted, kept for this browser tab only. */
export function useHeldLogKey(): [string, (key: string) => void] {
  const [held, setHeld] = useState(() => sessionStorage.getItem(HELD_KEY) ?? '');
  return [
    held,
    (key: string) => {
      setHeld(key);
      if (key.trim()) {
        sessionStorage.setItem(HELD_KEY, key.trim());
      } else {
        sessionStorage.removeItem(HELD_KEY);
      }
    },
  ];
}
