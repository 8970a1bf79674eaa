import type { RouteObject } from 'react-router';
import { RequireRole } from '../../auth/RequireRole';

// Campaigns: an admin's coverage and report, a streamer's pool, a farmer's participation. Each page a lazy chunk.
export const campaignRoutes: RouteObject[] = [
  {
    path: 'campaigns',
    lazy: async () => {
      const { CampaignsPage } = await import('./CampaignsPage');
      return {
        Component: () => (
          <RequireRole roles={['admin', 'streamer']}>
            <CampaignsPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'campaigns/:id',
    lazy: async () => {
      const { CampaignPage } = await import('./CampaignPage');
      return {
        Component: () => (
          <RequireRole roles={['admin']}>
            <CampaignPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'campaigns/:id/report',
    lazy: async () => {
      const { ReportPage } = await import('./ReportPage');
      return {
        Component: () => (
          <RequireRole roles={['admin']}>
            <ReportPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'campaigns/:id/assign',
    lazy: async () => {
      const { AssignPage } = await import('./AssignPage');
      return {
        Component: () => (
          <RequireRole roles={['admin']}>
            <AssignPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'campaigns/:id/pool',
    lazy: async () => {
      const { PoolPage } = await import('./PoolPage');
      return {
        Component: () => (
          <RequireRole roles={['streamer']}>
            <PoolPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'farmer/campaigns',
    lazy: async () => {
      const { FarmerCampaignsPage } = await import('./FarmerCampaignsPage');
      return {
        Component: () => (
          <RequireRole roles={['farmer']}>
            <FarmerCampaignsPage />
          </RequireRole>
        ),
      };
    },
  },
];
