import type { RouteObject } from 'react-router';
import { ExchangePage } from './ExchangePage';

/** The exchange capability's pages, under /exchange. */
export const exchangeRoutes: RouteObject[] = [{ path: 'exchange', element: <ExchangePage /> }];
