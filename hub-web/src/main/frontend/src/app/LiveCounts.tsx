import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { NavLink } from 'react-router';
import { answerOf, api } from './api/client';
import { type Counts, type LiveMode, LiveUpdates } from './live';
import './LiveCounts.css';

/** The query keys: the counts, and every list and conversation of the exchange screens. */
export const COUNTS_KEY = ['counts'] as const;
export const EXCHANGE_KEY = ['exchange'] as const;

/** The refugee service's notices of consents the people withdrew themselves, kept live. */
export const CONSENT_NOTICES_KEY = ['consent-notices'] as const;

async function fetchCounts(): Promise<Counts> {
  const counts = await answerOf(api.GET('/api/me/counts'));
  return {
    unreadInInbox: counts.unreadInInbox ?? 0,
    sentNeedingAttention: counts.sentNeedingAttention ?? 0,
  };
}

/**
 * Keeps the counts and the exchange screens current while the app is open: told by the hub's live
 * stream, or by polling when it is not there. Returns how it hears of changes now.
 */
function useLiveUpdates(): LiveMode {
  const queries = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => {
    const live = new LiveUpdates({
      openStream: () =>
        typeof EventSource === 'undefined'
          ? undefined
          : new EventSource('/api/events', { withCredentials: true }),
      fetchCounts,
      onCounts: (counts) => queries.setQueryData(COUNTS_KEY, counts),
      onChange: () => void queries.invalidateQueries({ queryKey: EXCHANGE_KEY }),
      onNotice: () => void queries.invalidateQueries({ queryKey: CONSENT_NOTICES_KEY }),
      onMode: setMode,
    });
    live.start();
    return () => live.stop();
  }, [queries]);
  return mode;
}

/** The header's counts (unread in the inbox, sent messages to look at), kept live. */
export function LiveCounts() {
  const mode = useLiveUpdates();
  const counts = useQuery({ queryKey: COUNTS_KEY, queryFn: fetchCounts });
  const unread = counts.data?.unreadInInbox ?? 0;
  const attention = counts.data?.sentNeedingAttention ?? 0;
  return (
    <div className="app-counts">
      <Link asChild>
        <NavLink to="/exchange" data-testid="unread-count" data-count={unread}>
          <FormattedMessage id="exchange.counts.unread" values={{ count: unread }} />
        </NavLink>
      </Link>
      <Link asChild>
        <NavLink to="/exchange?box=sent" data-testid="attention-count" data-count={attention}>
          <FormattedMessage id="exchange.counts.attention" values={{ count: attention }} />
        </NavLink>
      </Link>
      <Paragraph data-size="xs" className="app-counts__mode" data-testid="live-mode" data-mode={mode}>
        {mode === 'live' && <FormattedMessage id="exchange.live.live" />}
        {mode === 'polling' && <FormattedMessage id="exchange.live.polling" />}
      </Paragraph>
    </div>
  );
}
