import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../app/i18n/messages/en.json';
import { LanguageProvider } from '../app/i18n/LanguageProvider';
import { PlanEditor } from '../plans/PlanEditor';
import { AskPage } from './AskPage';
import { ConversationPage } from './ConversationPage';
import type { MessageView } from './status';

// The hub, as the screens reach it: each call answers as openapi-fetch does, with the hub's body
// and its response (status and headers), so that the client's own handling of answers is used.
const hub = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('../app/api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../app/api/client')>()),
  api: hub,
}));

const GP_OFFICE = { orgNumber: '311000012', name: 'Fjordvik GP Office', kind: 'gp-office' };
const NAV = { orgNumber: '311000044', name: 'NAV Fjordvik', kind: 'nav' };
const REFUGEE_SERVICE = { orgNumber: '311000101', name: 'Elvdal Refugee Service', kind: 'refugee-service' };

const ME = {
  username: 'eli.caseworker',
  name: 'Eli Elvsaker',
  role: 'school-liaison',
  exchangesMessages: true,
  agency: { ...REFUGEE_SERVICE, mayReceiveHealthData: true },
  categories: [{ code: 'referral-status', healthData: false }],
  vocabulary: {
    roles: [],
    agencyKinds: [],
    categories: [],
    purposes: ['introduction-programme-follow-up'],
    messageKinds: [],
    statuses: [],
  },
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status < 400 ? 'application/json' : 'application/problem+json',
      ...headers,
    },
  });
  return Promise.resolve(
    response.ok ? { data: body, response } : { error: body, response },
  );
}

const RECIPIENT_BEHIND = {
  type: 'https://bindeledd.no/problems/recipient-behind',
  title: "The agency's deliveries are behind",
  status: 503,
  detail:
    'deliveries to Fjordvik GP Office (311000012) are 170 seconds behind, so the hub takes no new' +
    ' requests to it until they catch up; send the request again in 50 seconds',
};

function message(overrides: Partial<MessageView>): MessageView {
  return {
    id: 'm-1',
    conversationId: 'c-1',
    kind: 'request',
    sender: REFUGEE_SERVICE.orgNumber,
    recipient: GP_OFFICE.orgNumber,
    subjectId: 'p-1',
    category: 'referral-status',
    purpose: 'introduction-programme-follow-up',
    status: 'created',
    createdAt: '2026-12-03T12:00:00Z',
    ...overrides,
  } as MessageView;
}

/** The hub's answers to the reads every screen here makes, and the conversation given. */
function hubReads(conversation: MessageView[] = []) {
  hub.GET.mockImplementation((path: string) => {
    switch (path) {
      case '/api/me':
        return answer(200, ME);
      case '/api/agencies':
        return answer(200, [GP_OFFICE, NAV, REFUGEE_SERVICE]);
      case '/api/conversations/{id}':
        return answer(200, conversation);
      case '/api/people/{id}':
        return answer(404, { status: 404 });
      case '/api/coverage/requests':
      case '/api/coverage/plans':
        return answer(200, { covered: true, consentId: 'k-1' });
      default:
        return answer(404, { status: 404 });
    }
  });
}

function screenAt(path: string, routes: ReactNode, intl: (children: ReactNode) => ReactNode = inEnglish) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      {intl(
        <MemoryRouter initialEntries={[path]}>
          <Routes>{routes}</Routes>
        </MemoryRouter>,
      )}
    </QueryClientProvider>,
  );
}

function inEnglish(children: ReactNode) {
  return (
    <IntlProvider locale="en" messages={en} onError={(e) => expect.fail(String(e))}>
      {children}
    </IntlProvider>
  );
}

beforeEach(() => {
  hub.GET.mockReset();
  hub.POST.mockReset();
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
});

describe('a message on its way to an agency that is behind', () => {
  const conversation = [
    message({ id: 'm-1', expectedDelay: 'PT2M31S' }),
    message({ id: 'm-2', recipient: NAV.orgNumber }),
  ];

  it('says, after sending, who is slow and about how long the message may take, in words', async () => {
    hubReads(conversation);
    screenAt(
      '/exchange/conversations/c-1?sent=1',
      <Route path="/exchange/conversations/:id" element={<ConversationPage />} />,
    );

    const [slow, onTime] = await screen.findAllByTestId('timeline-entry');
    await waitFor(() =>
      expect(within(slow!).getByTestId('expected-delay').textContent).toBe(
        'Fjordvik GP Office is receiving messages slowly. This message may take about 3 minutes to arrive.',
      ),
    );
    // A message with no expected delay has no such notice.
    expect(within(onTime!).queryByTestId('expected-delay')).toBeNull();
  });

  it('says it in Arabic, right to left, with the delay in Arabic words', async () => {
    window.history.replaceState(null, '', '/?lang=ar');
    hubReads(conversation);
    screenAt(
      '/exchange/conversations/c-1',
      <Route path="/exchange/conversations/:id" element={<ConversationPage />} />,
      (children) => <LanguageProvider>{children}</LanguageProvider>,
    );

    const notice = await screen.findByTestId('expected-delay');
    await waitFor(() => expect(notice.textContent).toContain('Fjordvik GP Office'));
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(notice.textContent).toContain('تستقبل');
    expect(notice.textContent).toContain('دقائق');
    // The agency's Latin name and the delay are isolated, so that they keep their own order.
    const isolated = [...notice.querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolated).toContain('Fjordvik GP Office');
    expect(isolated.some((text) => text?.includes('دقائق'))).toBe(true);
    expect(screen.getAllByTestId('expected-delay')).toHaveLength(1);
  });
});

describe('sending to an agency too far behind', () => {
  const QUESTION = 'Has Amina had her first appointment yet?';

  it('keeps the question as written and says when to send it again', async () => {
    hubReads();
    hub.POST.mockImplementation(() => answer(503, RECIPIENT_BEHIND, { 'Retry-After': '50' }));
    screenAt(
      `/exchange/ask?recipient=${GP_OFFICE.orgNumber}&subject=p-1`,
      <>
        <Route path="/exchange/ask" element={<AskPage />} />
        <Route path="/exchange/conversations/:id" element={<p>conversation</p>} />
      </>,
    );

    const category = (await screen.findByLabelText(en['exchange.ask.category'])) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Referral status' });
    fireEvent.change(category, { target: { value: 'referral-status' } });
    const purpose = screen.getByLabelText(en['exchange.ask.purpose']) as HTMLSelectElement;
    fireEvent.change(purpose, { target: { value: 'introduction-programme-follow-up' } });
    const question = screen.getByLabelText(en['exchange.ask.question']) as HTMLTextAreaElement;
    fireEvent.change(question, { target: { value: QUESTION } });
    fireEvent.click(screen.getByRole('button', { name: en['exchange.ask.send'] }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain(en['problem.recipient-behind.what']);
    expect(refusal.textContent).toContain(en['problem.recipient-behind.next']);
    expect(within(refusal).getByTestId('retry-after').textContent).toBe(
      'Try again in about 50 seconds.',
    );
    expect(hub.POST).toHaveBeenCalledTimes(1);
    // Nothing the caseworker wrote or chose is lost, and the page stays where it is.
    expect(question.value).toBe(QUESTION);
    expect(category.value).toBe('referral-status');
    expect(purpose.value).toBe('introduction-programme-follow-up');
    expect((screen.getByLabelText(en['exchange.ask.recipient']) as HTMLSelectElement).value).toBe(
      GP_OFFICE.orgNumber,
    );
    expect(screen.queryByText('conversation')).toBeNull();
  });
});

describe('sharing a plan', () => {
  function fillIn() {
    const field = (id: string) => document.getElementById(id) as HTMLInputElement;
    fireEvent.change(field('plan-start'), { target: { value: '2027-01-04' } });
    fireEvent.change(field('plan-phase-0-title'), { target: { value: 'Norwegian course' } });
    fireEvent.change(field('plan-phase-0-from'), { target: { value: '2027-01-04' } });
    fireEvent.change(field('plan-phase-0-to'), { target: { value: '2027-06-18' } });
    fireEvent.change(field('plan-phase-0-measure-0'), { target: { value: 'Level A2, mornings' } });
    fireEvent.click(screen.getByRole('button', { name: en['plans.editor.share'] }));
    return field;
  }

  function editor(onShared = vi.fn()) {
    return screenAt(
      '/plans',
      <Route
        path="/plans"
        element={<PlanEditor subjectId="p-1" navAgencies={[NAV]} onShared={onShared} />}
      />,
    );
  }

  it('keeps the plan as written when NAV is too far behind, and says when to share it again', async () => {
    hubReads();
    hub.POST.mockImplementation(() =>
      answer(503, { ...RECIPIENT_BEHIND, detail: 'deliveries to NAV Fjordvik are behind' }, {
        'Retry-After': '120',
      }),
    );
    const onShared = vi.fn();
    editor(onShared);

    const field = fillIn();

    const outcome = screen.getByTestId('plan-outcome');
    await waitFor(() => expect(within(outcome).getByRole('alert')).toBeTruthy());
    expect(outcome.textContent).toContain(en['problem.recipient-behind.what']);
    expect(within(outcome).getByTestId('retry-after').textContent).toBe(
      'Try again in about 2 minutes.',
    );
    expect(field('plan-phase-0-title').value).toBe('Norwegian course');
    expect(field('plan-phase-0-measure-0').value).toBe('Level A2, mornings');
    expect(field('plan-phase-0-to').value).toBe('2027-06-18');
    expect(onShared).not.toHaveBeenCalled();
  });

  it('says, once shared, that NAV is slow and about how long the plan may take', async () => {
    hubReads();
    hub.POST.mockImplementation(() =>
      answer(201, message({ kind: 'plan', recipient: NAV.orgNumber, expectedDelay: 'PT45S' })),
    );
    editor();

    fillIn();

    expect((await screen.findByTestId('expected-delay')).textContent).toBe(
      'NAV Fjordvik is receiving messages slowly. This message may take about 45 seconds to arrive.',
    );
  });

  it('says nothing of a delay when the hub expects none', async () => {
    hubReads();
    hub.POST.mockImplementation(() =>
      answer(201, message({ kind: 'plan', recipient: NAV.orgNumber })),
    );
    editor();

    fillIn();

    await screen.findByTestId('plan-status');
    expect(screen.queryByTestId('expected-delay')).toBeNull();
  });
});
