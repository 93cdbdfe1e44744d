import type { RouteObject } from 'react-router';
import { PlansPage } from './PlansPage';

/** The plans capability's pages, under /plans (/plans?subject=<participant id> for one person). */
export const plansRoutes: RouteObject[] = [{ path: 'plans', element: <PlansPage /> }];
