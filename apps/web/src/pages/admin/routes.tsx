import type { RouteObject } from 'react-router';

export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: async () => ({ Component: (await import('./AdminLayout')).AdminLayout }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./DashboardPage')).DashboardPage }) },
      { path: 'branches', lazy: async () => ({ Component: (await import('./BranchesPage')).BranchesPage }) },
      {
        path: 'approvals',
        lazy: async () => ({ Component: (await import('./ApprovalsPage')).ApprovalsPage }),
      },
      {
        path: 'settlement',
        lazy: async () => ({ Component: (await import('./SettlementAdminPage')).SettlementAdminPage }),
      },
      {
        path: 'transfers',
        lazy: async () => ({ Component: (await import('./TransfersReviewPage')).TransfersReviewPage }),
      },
      {
        path: 'products',
        lazy: async () => ({ Component: (await import('./ProductsReviewPage')).ProductsReviewPage }),
      },
    ],
  },
];
