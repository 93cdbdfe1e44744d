import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answerOf, api } from '../app/api/client';

/**
 * Which log the auditor reads (GET /api/audit/log): her municipality's, or the hub's own for the
 * hub's auditor, with its origin and verifier key.
 */
export function useAuditorsLog() {
  return useQuery({
    queryKey: ['audit-log'],
    queryFn: () => answerOf(api.GET('/api/audit/log')),
    staleTime: Infinity,
  });
}

/**
 * The verifier key of the auditor's log as the hub serves it. It comes from the server whose log
 * is being checked, so the page shows its key ID for the auditor to compare with the key she
 * obtained out of band, and takes hers instead when she gives it.
 */
export function useServedLogKey() {
  const log = useAuditorsLog();
  return { ...log, data: log.data?.verifierKey?.trim() };
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
