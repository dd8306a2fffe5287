// Route map. Every page is a lazy chunk; the console layout is too, so portal
// visitors never download console code.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { ModuleKey } from '../../core/access/policy.ts';
import { PageLoading } from './components/PageLoading.tsx';
import { RequireModule } from './layout/RequireModule.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const DirectoriesPage = lazy(() => import('./pages/DirectoriesPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const PortalLayout = lazy(() => import('./layout/PortalLayout.tsx'));
const ItemsNoticePage = lazy(() => import('./pages/portal/ItemsNoticePage.tsx'));
const VerifyPage = lazy(() => import('./pages/portal/VerifyPage.tsx'));
const PlansPage = lazy(() => import('./pages/PlansPage.tsx'));
const PlanEditorPage = lazy(() => import('./pages/plans/PlanEditorPage.tsx'));
const TasksPage = lazy(() => import('./pages/TasksPage.tsx'));
const PlansNoticePage = lazy(() => import('./pages/portal/PlansNoticePage.tsx'));
const PlansNoticeDetailPage = lazy(() => import('./pages/portal/PlansNoticeDetailPage.tsx'));
const TaskNoticesPage = lazy(() => import('./pages/portal/TaskNoticesPage.tsx'));
const TaskDrawPage = lazy(() => import('./pages/draws/TaskDrawPage.tsx'));
const DrawPage = lazy(() => import('./pages/draws/DrawPage.tsx'));
const CeremonyPage = lazy(() => import('./pages/draws/CeremonyPage.tsx'));
const DrawRecordPage = lazy(() => import('./pages/documents/DrawRecordPage.tsx'));
const VisitDocumentsPage = lazy(() => import('./pages/documents/VisitDocumentsPage.tsx'));
const AnnualSummaryPage = lazy(() => import('./pages/documents/AnnualSummaryPage.tsx'));
const ResultsPage = lazy(() => import('./pages/ResultsPage.tsx'));
const VisitPage = lazy(() => import('./pages/VisitPage.tsx'));
const FollowupPage = lazy(() => import('./pages/FollowupPage.tsx'));
const StatsPage = lazy(() => import('./pages/StatsPage.tsx'));
const ResultsNoticePage = lazy(() => import('./pages/portal/ResultsNoticePage.tsx'));
const EntityResultsPage = lazy(() => import('./pages/portal/EntityResultsPage.tsx'));
const StopApplyPage = lazy(() => import('./pages/portal/StopApplyPage.tsx'));
const StopStatusPage = lazy(() => import('./pages/portal/StopStatusPage.tsx'));

function page(node: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
}

function modulePage(module: ModuleKey, Page: ComponentType) {
  return { path: module, element: <RequireModule module={module}>{page(<Page />)}</RequireModule> };
}

export const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/console" replace /> },
  { path: '/login', element: page(<LoginPage />) },
  // The full-screen 摇号 screen: outside the console frame (it brings its own session check).
  { path: '/console/draws/:id/ceremony', element: page(<CeremonyPage />) },
  // Printable documents: an A4 sheet outside the console frame (each brings its own session check).
  { path: '/console/draws/:id/record', element: page(<DrawRecordPage />) },
  { path: '/console/visits/:drawId/:uscc/print/:doc', element: page(<VisitDocumentsPage />) },
  { path: '/console/stats/annual', element: page(<AnnualSummaryPage />) },
  {
    path: '/console',
    element: page(<ConsoleLayout />),
    children: [
      { index: true, element: page(<HomePage />) },
      modulePage('directories', DirectoriesPage),
      modulePage('plans', PlansPage),
      { path: 'plans/:id', element: <RequireModule module="plans">{page(<PlanEditorPage />)}</RequireModule> },
      modulePage('tasks', TasksPage),
      { path: 'tasks/:code', element: <RequireModule module="tasks">{page(<TaskDrawPage />)}</RequireModule> },
      { path: 'draws/:id', element: <RequireModule module="tasks">{page(<DrawPage />)}</RequireModule> },
      modulePage('results', ResultsPage),
      { path: 'visits/:drawId/:uscc', element: <RequireModule module="results">{page(<VisitPage />)}</RequireModule> },
      modulePage('followup', FollowupPage),
      modulePage('stats', StatsPage),
      modulePage('admin', AdminPage),
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
  {
    path: '/gs',
    element: page(<PortalLayout />),
    children: [
      { index: true, element: <Navigate to="/gs/items" replace /> },
      { path: 'items', element: page(<ItemsNoticePage />) },
      { path: 'plans', element: page(<PlansNoticePage />) },
      { path: 'plans/:id', element: page(<PlansNoticeDetailPage />) },
      { path: 'tasks', element: page(<TaskNoticesPage />) },
      { path: 'results', element: page(<ResultsNoticePage />) },
      { path: 'entities/:uscc', element: page(<EntityResultsPage />) },
      { path: 'verify', element: page(<VerifyPage />) },
      { path: 'stop-apply', element: page(<StopApplyPage />) },
      { path: 'stop-status', element: page(<StopStatusPage />) },
      { path: '*', element: page(<NotFoundPage home="/gs" />) },
    ],
  },
  { path: '*', element: page(<NotFoundPage home="/" />) },
]);
