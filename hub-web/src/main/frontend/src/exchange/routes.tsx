import type { RouteObject } from 'react-router';
import './exchange.css';
import { AskPage } from './AskPage';
import { ConversationPage } from './ConversationPage';
import { ExchangePage } from './ExchangePage';
import { MessagePage } from './MessagePage';

/**
 * The exchange capability's pages, under /exchange: the boxes (and, with ?subject=, one person's
 * conversations), asking a question, one message, one conversation.
 */
export const exchangeRoutes: RouteObject[] = [
  { path: 'exchange', element: <ExchangePage /> },
  { path: 'exchange/ask', element: <AskPage /> },
  { path: 'exchange/messages/:id', element: <MessagePage /> },
  { path: 'exchange/conversations/:id', element: <ConversationPage /> },
];
