import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Counts, type EventStream, type LiveMode, LiveUpdates, parseCounts } from './live';

/** A stand-in for the browser's EventSource that the test drives. */
class FakeStream implements EventStream {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  send(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The connection broke; the browser reconnects by itself. */
  drop(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** The browser gave up, as it does on a 429 or a 401. */
  refuse(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

function counts(unreadInInbox: number, sentNeedingAttention = 0): Counts {
  return { unreadInInbox, sentNeedingAttention };
}

let streams: FakeStream[];
let serverCounts: Counts;
let fetchCounts: ReturnType<typeof vi.fn<() => Promise<Counts>>>;
let told: Counts[];
let changes: number;
let notices: number;
let modes: LiveMode[];
let live: LiveUpdates;

function start(openStream: () => EventStream | undefined = () => newStream()) {
  live = new LiveUpdates({
    openStream,
    fetchCounts,
    onCounts: (c) => told.push(c),
    onChange: () => {
      changes += 1;
    },
    onNotice: () => {
      notices += 1;
    },
    onMode: (mode) => modes.push(mode),
    pollEveryMs: 30_000,
    retryStreamAfterMs: 60_000,
    quietLimitMs: 35_000,
  });
  live.start();
}

function newStream(): FakeStream {
  const stream = new FakeStream();
  streams.push(stream);
  return stream;
}

beforeEach(() => {
  vi.useFakeTimers();
  streams = [];
  serverCounts = counts(0);
  fetchCounts = vi.fn(async () => serverCounts);
  told = [];
  changes = 0;
  notices = 0;
  modes = [];
});

afterEach(() => {
  live.stop();
  vi.useRealTimers();
});

describe('live updates', () => {
  it('follow the stream: the snapshot refetches, counts update, a message event refetches', async () => {
    start();
    const stream = streams[0]!;
    stream.open();
    expect(modes).toEqual(['connecting', 'live']);

    stream.send('snapshot', counts(2, 1));
    expect(told).toEqual([counts(2, 1)]);
    expect(changes).toBe(1);

    stream.send('message', { messageId: 'm', conversationId: 'c', status: 'delivered', box: 'inbox' });
    expect(changes).toBe(2);
    stream.send('counts', counts(3, 1));
    expect(told).toEqual([counts(2, 1), counts(3, 1)]);

    await vi.advanceTimersByTimeAsync(20_000);
    expect(fetchCounts).not.toHaveBeenCalled();
  });

  it('pass on a notice of a withdrawal by the person, and refetch nothing else for it', () => {
    start();
    const stream = streams[0]!;
    stream.open();
    stream.send('consent-notice', { noticeId: 'n-1' });
    expect(notices).toBe(1);
    expect(changes).toBe(0);
  });

  it('poll the counts when the stream drops, and stop polling when it is back', async () => {
    start();
    const stream = streams[0]!;
    stream.open();
    stream.send('snapshot', counts(1));
    serverCounts = counts(1);

    stream.drop();
    expect(modes.at(-1)).toBe('polling');
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchCounts).toHaveBeenCalledTimes(1);

    serverCounts = counts(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchCounts).toHaveBeenCalledTimes(2);
    expect(told.at(-1)).toEqual(counts(2));
    expect(changes).toBe(3); // the snapshot, and the two polls

    stream.open(); // the browser reconnected by itself
    expect(modes.at(-1)).toBe('live');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchCounts).toHaveBeenCalledTimes(2);
    expect(streams).toHaveLength(1);
  });

  it('refetch what is on screen on every poll, since a status can change with the counts unchanged', async () => {
    start();
    streams[0]!.open();
    streams[0]!.send('snapshot', counts(1));
    serverCounts = counts(1);
    streams[0]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchCounts).toHaveBeenCalledTimes(3);
    expect(changes).toBe(4); // the snapshot, and each of the three polls
    expect(told).toEqual([counts(1)]); // the counts are told only when they change
  });

  it('when the hub refuses the stream, poll, and try the stream again later', async () => {
    start();
    streams[0]!.refuse();
    expect(streams[0]!.closed).toBe(true);
    expect(modes.at(-1)).toBe('polling');

    await vi.advanceTimersByTimeAsync(59_000);
    expect(streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(streams).toHaveLength(2);
    expect(modes.at(-1)).toBe('polling');

    streams[1]!.open();
    expect(modes.at(-1)).toBe('live');
    const polls = fetchCounts.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchCounts).toHaveBeenCalledTimes(polls);
  });

  it('poll from the start where the browser has no EventSource', async () => {
    serverCounts = counts(4);
    start(() => undefined);
    expect(modes).toEqual(['polling']);
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toEqual([counts(4)]);
  });

  it('check a quiet stream against the counts, and keep it while they agree', async () => {
    start();
    streams[0]!.open();
    streams[0]!.send('snapshot', counts(1));
    serverCounts = counts(1);

    await vi.advanceTimersByTimeAsync(35_000);
    expect(fetchCounts).toHaveBeenCalledTimes(1);
    expect(modes.at(-1)).toBe('live');
    expect(streams[0]!.closed).toBe(false);
  });

  it('give up a quiet stream that missed a change: refetch, poll, and reconnect later', async () => {
    start();
    streams[0]!.open();
    streams[0]!.send('snapshot', counts(1));
    serverCounts = counts(3);

    await vi.advanceTimersByTimeAsync(35_000);
    expect(told.at(-1)).toEqual(counts(3));
    expect(changes).toBe(3); // the snapshot, the change the stream missed, the first poll
    expect(streams[0]!.closed).toBe(true);
    expect(modes.at(-1)).toBe('polling');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(streams).toHaveLength(2);
  });

  it('stop everything when stopped: no stream, no polling, no retry', async () => {
    start();
    streams[0]!.refuse();
    live.stop();
    const polls = fetchCounts.mock.calls.length;
    await vi.advanceTimersByTimeAsync(300_000);
    expect(fetchCounts).toHaveBeenCalledTimes(polls);
    expect(streams).toHaveLength(1);
  });

  it('ignore what an old stream says after it was replaced', async () => {
    start();
    const old = streams[0]!;
    old.refuse();
    await vi.advanceTimersByTimeAsync(60_000);
    streams[1]!.open();
    const before = changes;
    old.send('message', { messageId: 'x' });
    expect(changes).toBe(before);
  });
});

describe('parseCounts', () => {
  it('reads the counts events, and nothing that is not one', () => {
    expect(parseCounts('{"unreadInInbox":2,"sentNeedingAttention":0}')).toEqual(counts(2));
    expect(parseCounts('{"unreadInInbox":"2"}')).toBeUndefined();
    expect(parseCounts('not json')).toBeUndefined();
    expect(parseCounts(undefined)).toBeUndefined();
  });
});
