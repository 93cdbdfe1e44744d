import { useQuery } from '@tanstack/react-query';
import { answerOf, api, ApiProblem, CSRF_HEADER, useCsrfTokenForCalls } from './api/client';

/**
 * The browser's signed-in session with the hub. The hub keeps the tokens; the page only learns the
 * session's CSRF token, which it sends with every call that changes something.
 */
export interface Session {
  csrfToken: string;
  signedInAt: string;
  idleTimeoutSeconds: number;
}

/** The sign-in endpoints of the hub (its backend-for-frontend), outside the API. */
export const AUTH = {
  session: '/auth/session',
  login: '/auth/login',
  logout: '/auth/logout',
} as const;

async function fetchSession(): Promise<Session | null> {
  const response = await fetch(AUTH.session, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (response.status === 401) {
    useCsrfTokenForCalls(undefined);
    return null;
  }
  if (!response.ok) {
    throw new ApiProblem(await response.json().catch(() => ({})), response.status);
  }
  const session = (await response.json()) as Session;
  useCsrfTokenForCalls(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
}

/** Who is signed in, as the hub sees them: the same answer a bearer token gets. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => answerOf(api.GET('/api/me')) });
}

/**
 * Where the sign-in starts; the hub comes back to `returnTo` (a path of this app) afterwards. A
 * person signs in for themselves (`as=citizen`, with their electronic ID) in the language they
 * read (`lang`, which the hub passes on as `ui_locales`).
 */
export function loginAddress(returnTo: string, as?: 'citizen', language?: string): string {
  const query = new URLSearchParams({ returnTo });
  if (as) {
    query.set('as', as);
  }
  if (language) {
    query.set('lang', language);
  }
  return `${AUTH.login}?${query.toString()}`;
}

/** Ends the session at the hub, then at the identity provider, which sends the browser back. */
export async function signOut(session: Session): Promise<void> {
  const response = await fetch(AUTH.logout, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', [CSRF_HEADER]: session.csrfToken },
  });
  if (!response.ok) {
    throw new ApiProblem(await response.json().catch(() => ({})), response.status);
  }
  const { endSession } = (await response.json()) as { endSession: string };
  window.location.assign(endSession);
}
