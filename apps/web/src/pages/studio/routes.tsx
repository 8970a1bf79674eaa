import type { RouteObject } from 'react-router';
import { RequireRole } from '../../auth/RequireRole';

// The streamer studio. Every page is its own chunk. The studio home and the application page are for any
// signed-in user (a volunteer who is not a streamer yet sees how to become one); the rest need the streamer role.
export const studioRoutes: RouteObject[] = [
  {
    path: 'studio',
    lazy: async () => {
      const { StudioHomePage } = await import('./StudioHomePage');
      return {
        Component: () => (
          <RequireRole>
            <StudioHomePage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'studio/apply',
    lazy: async () => {
      const { ApplyPage } = await import('./ApplyPage');
      return {
        Component: () => (
          <RequireRole>
            <ApplyPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'studio/sessions/new',
    lazy: async () => {
      const { SessionFormPage } = await import('./SessionFormPage');
      return {
        Component: () => (
          <RequireRole roles={['streamer']}>
            <SessionFormPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'studio/sessions/:id',
    lazy: async () => {
      const { SessionControlPage } = await import('./SessionControlPage');
      return {
        Component: () => (
          <RequireRole roles={['streamer']}>
            <SessionControlPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'studio/sessions/:id/edit',
    lazy: async () => {
      const { SessionFormPage } = await import('./SessionFormPage');
      return {
        Component: () => (
          <RequireRole roles={['streamer']}>
            <SessionFormPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'studio/sessions/:id/summary',
    lazy: async () => {
      const { SummaryPage } = await import('./SummaryPage');
      return {
        Component: () => (
          <RequireRole roles={['streamer']}>
            <SummaryPage />
          </RequireRole>
        ),
      };
    },
  },
];
