import type { ReactNode } from 'react';
import { canRead, type ModuleKey } from '../../../core/access/policy.ts';
import { ForbiddenPage } from '../pages/ForbiddenPage.tsx';
import { useSession } from '../session.tsx';

/** Renders the module page only if the active role may read the module (core/access/policy.ts). */
export function RequireModule({ module, children }: { module: ModuleKey; children: ReactNode }) {
  const { role } = useSession();
  if (!role || !canRead(role, module)) return <ForbiddenPage module={module} />;
  return <>{children}</>;
}
