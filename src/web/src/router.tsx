// Route map. Every page is a lazy chunk; the console layout is too, so portal
// visitors never download console code.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { ModuleKey } from '../../core/access/policy.ts';
import { PageLoading } from './components/PageLoading.tsx';
import { RequireModule } from './layout/RequireModule.tsx';
import type { PendingModuleKey } from './pages/ModulePendingPage.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const DirectoriesPage = lazy(() => import('./pages/DirectoriesPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const ModulePendingPage = lazy(() => import('./pages/ModulePendingPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const PortalLayout = lazy(() => import('./layout/PortalLayout.tsx'));
const PortalPendingPage = lazy(() => import('./pages/portal/PortalPendingPage.tsx'));
const VerifyPage = lazy(() => import('./pages/portal/VerifyPage.tsx'));

function page(node: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
}

function modulePage(module: ModuleKey, Page: ComponentType) {
  return { path: module, element: <RequireModule module={module}>{page(<Page />)}</RequireModule> };
}

function pendingModule(module: PendingModuleKey) {
  return {
    path: module,
    element: <RequireModule module={module}>{page(<ModulePendingPage module={module} />)}</RequireModule>,
  };
}

export const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/console" replace /> },
  { path: '/login', element: page(<LoginPage />) },
  {
    path: '/console',
    element: page(<ConsoleLayout />),
    children: [
      { index: true, element: page(<HomePage />) },
      modulePage('directories', DirectoriesPage),
      pendingModule('plans'),
      pendingModule('tasks'),
      pendingModule('results'),
      pendingModule('followup'),
      pendingModule('stats'),
      modulePage('admin', AdminPage),
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
  {
    path: '/gs',
    element: page(<PortalLayout />),
    children: [
      { index: true, element: <Navigate to="/gs/items" replace /> },
      { path: 'items', element: page(<PortalPendingPage section="items" />) },
      { path: 'plans', element: page(<PortalPendingPage section="plans" />) },
      { path: 'tasks', element: page(<PortalPendingPage section="tasks" />) },
      { path: 'results', element: page(<PortalPendingPage section="results" />) },
      { path: 'verify', element: page(<VerifyPage />) },
      { path: '*', element: page(<NotFoundPage home="/gs" />) },
    ],
  },
  { path: '*', element: page(<NotFoundPage home="/" />) },
]);
