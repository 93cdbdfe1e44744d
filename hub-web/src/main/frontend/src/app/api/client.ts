import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The one client of the hub's API, typed from the hub's own OpenAPI document (openapi.json beside
 * package.json; the build generates schema.d.ts from it). It sends the session cookie, never a
 * token, and the session's CSRF token on every call that changes something.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type Schemas = components['schemas'];

/** The header the hub's CSRF filter reads. */
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | undefined;

/** Set by the sign-in state once the hub has given the session's token. */
export function useCsrfTokenForCalls(token: string | undefined): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method.toUpperCase()) && csrfToken) {
      request.headers.set(CSRF_HEADER, csrfToken);
    }
    return request;
  },
};
api.use(csrf);

/** An RFC 9457 problem detail, as the hub answers every refusal and error. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  refusal?: string;
}

/**
 * What a failed call throws: the hub's problem detail, or none when the hub was not reached, and
 * how many seconds the hub asked to wait before trying again (its `Retry-After`), when it said so.
 */
export class ApiProblem extends Error {
  constructor(
    readonly problem: ProblemDetail,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
  }
}

/**
 * The data of an openapi-fetch result, or an ApiProblem for react-query to hold as its error:
 * `const me = await answerOf(api.GET('/api/me'))`.
 */
export async function answerOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiProblem({ type: 'unreachable' }, 0);
  }
  const { data, error, response } = result;
  if (response.ok) {
    return data as T;
  }
  const problem =
    error && typeof error === 'object' ? (error as ProblemDetail) : { status: response.status };
  throw new ApiProblem(problem, response.status, retryAfterOf(response));
}

/**
 * The wait a `Retry-After` header asks for, in whole seconds: its delay in seconds, or the time
 * until the HTTP date it names (RFC 9110, section 10.2.3); none when absent or unreadable.
 */
export function retryAfterOf(response: Response, now: Date = new Date()): number | undefined {
  const value = response.headers.get('Retry-After')?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
