/**
 * Live updates of the caller's boxes: the hub's server-sent events at /api/events while they flow,
 * polling GET /api/me/counts when they do not (the stream was refused, dropped, or went quiet and
 * missed a change), and the stream tried again later. The hub decides what the caller is told of;
 * this only decides how to hear it.
 */

/** What waits, as GET /api/me/counts and the stream's snapshot and counts events say. */
export interface Counts {
  unreadInInbox: number;
  sentNeedingAttention: number;
}

/** What a `message` event says: which message changed, and in which box. Never its content. */
export interface MessageChange {
  messageId?: string;
  conversationId?: string;
  kind?: string;
  status?: string;
  box?: string;
}

/** How the screens hear of changes right now. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/** The part of the browser's EventSource this uses. */
export interface EventStream {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser gave up on the stream and will not reconnect by itself. */
const CLOSED = 2;

export interface LiveOptions {
  /** Opens the stream, or answers undefined where the browser has no EventSource. */
  openStream: () => EventStream | undefined;
  fetchCounts: () => Promise<Counts>;
  /** The counts changed. */
  onCounts: (counts: Counts) => void;
  /** Something in the boxes changed: refetch what is on screen (one message, or everything). */
  onChange: (change?: MessageChange) => void;
  /** The refugee service was told that a person withdrew a consent themselves. */
  onNotice?: () => void;
  onMode: (mode: LiveMode) => void;
  /**
   * How often to poll without the stream (the counts, and what is on screen); the hub's guide says
   * every 30 seconds or so.
   */
  pollEveryMs?: number;
  /** How long to poll before trying the stream again, once the browser gave up on it. */
  retryStreamAfterMs?: number;
  /**
   * How long the stream may say nothing before the counts are checked: two of the hub's 15-second
   * keep-alives and a margin. The browser does not pass keep-alive comments on, so a quiet stream
   * is checked against the counts, and only one that missed a change is given up.
   */
  quietLimitMs?: number;
}

export class LiveUpdates {
  private readonly pollEveryMs: number;
  private readonly retryStreamAfterMs: number;
  private readonly quietLimitMs: number;
  private stream: EventStream | undefined;
  private mode: LiveMode | undefined;
  private counts: Counts | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: LiveOptions) {
    this.pollEveryMs = options.pollEveryMs ?? 30_000;
    this.retryStreamAfterMs = options.retryStreamAfterMs ?? 60_000;
    this.quietLimitMs = options.quietLimitMs ?? 35_000;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.closeStream();
    this.stopPolling();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private connect(): void {
    if (this.stopped) {
      return;
    }
    let stream: EventStream | undefined;
    try {
      stream = this.options.openStream();
    } catch {
      stream = undefined;
    }
    if (!stream) {
      this.fallBack(true);
      return;
    }
    this.stream = stream;
    this.setMode(this.pollTimer ? 'polling' : 'connecting');
    stream.onopen = () => {
      if (this.stream !== stream) return;
      this.stopPolling();
      this.setMode('live');
      this.heard();
    };
    stream.onerror = () => {
      if (this.stream !== stream) return;
      this.fallBack(stream.readyState === CLOSED);
    };
    const counts = (event: MessageEvent, refetch: boolean) => {
      if (this.stream !== stream) return;
      this.heard();
      const told = parseCounts(event.data);
      if (told) {
        this.setCounts(told);
      }
      if (refetch) {
        this.options.onChange();
      }
    };
    stream.addEventListener('snapshot', (event) => counts(event, true));
    stream.addEventListener('counts', (event) => counts(event, false));
    stream.addEventListener('message', (event) => {
      if (this.stream !== stream) return;
      this.heard();
      this.options.onChange(parseChange(event.data));
    });
    stream.addEventListener('consent-notice', () => {
      if (this.stream !== stream) return;
      this.heard();
      this.options.onNotice?.();
    });
  }

  /**
   * The stream failed. Poll until it is back: the browser reconnects by itself unless it gave up
   * (a refusal such as 429, or a sign-in that ended), in which case the stream is tried again later.
   */
  private fallBack(gaveUp: boolean): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    if (gaveUp) {
      this.closeStream();
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.connect();
      }, this.retryStreamAfterMs);
    }
    this.startPolling();
  }

  private startPolling(): void {
    this.setMode('polling');
    if (this.pollTimer) {
      return;
    }
    this.poll();
    this.pollTimer = setInterval(() => this.poll(), this.pollEveryMs);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private poll(): void {
    this.options.fetchCounts().then(
      (counts) => {
        if (this.stopped) return;
        this.setCounts(counts);
        // A sent message's status can change without any count changing (delivered, read), so
        // what is on screen is fetched again on every poll, not only when a count moved.
        this.options.onChange();
      },
      () => undefined, // The next poll tries again; the lists say what went wrong if it persists.
    );
  }

  /** The stream spoke: it is alive until it has been quiet too long. */
  private heard(): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.checkQuietStream(), this.quietLimitMs);
  }

  private checkQuietStream(): void {
    const stream = this.stream;
    const known = this.counts;
    this.options.fetchCounts().then(
      (counts) => {
        if (this.stopped || this.stream !== stream) return;
        if (known && sameCounts(known, counts)) {
          this.heard();
          return;
        }
        // The stream missed a change: tell the screens, and stop trusting it for now.
        this.setCounts(counts);
        this.options.onChange();
        this.fallBack(true);
      },
      () => {
        if (!this.stopped && this.stream === stream) this.heard();
      },
    );
  }

  /** Whether the counts changed. */
  private setCounts(counts: Counts): boolean {
    if (this.counts && sameCounts(this.counts, counts)) {
      return false;
    }
    this.counts = counts;
    this.options.onCounts(counts);
    return true;
  }

  private setMode(mode: LiveMode): void {
    if (this.mode !== mode) {
      this.mode = mode;
      this.options.onMode(mode);
    }
  }

  private closeStream(): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    this.stream?.close();
    this.stream = undefined;
  }
}

function sameCounts(a: Counts, b: Counts): boolean {
  return a.unreadInInbox === b.unreadInInbox && a.sentNeedingAttention === b.sentNeedingAttention;
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export function parseCounts(data: unknown): Counts | undefined {
  const value = parseJson(data) as Partial<Counts> | undefined;
  if (
    value &&
    typeof value.unreadInInbox === 'number' &&
    typeof value.sentNeedingAttention === 'number'
  ) {
    return { unreadInInbox: value.unreadInInbox, sentNeedingAttention: value.sentNeedingAttention };
  }
  return undefined;
}

function parseChange(data: unknown): MessageChange | undefined {
  const value = parseJson(data);
  return value && typeof value === 'object' ? (value as MessageChange) : undefined;
}
