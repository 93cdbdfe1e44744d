import type { RouteObject } from 'react-router';
import { PeoplePage } from './PeoplePage';
import { PersonPage } from './PersonPage';
import { RegisterPersonPage } from './RegisterPersonPage';

/** The people capability's pages, under /people. */
export const peopleRoutes: RouteObject[] = [
  { path: 'people', element: <PeoplePage /> },
  { path: 'people/new', element: <RegisterPersonPage /> },
  { path: 'people/:id', element: <PersonPage /> },
];
