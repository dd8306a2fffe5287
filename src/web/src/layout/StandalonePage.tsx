// A console page outside the console frame (a printable A4 sheet): it brings its own session
// check and the module check the console's routes make.
import type { ComponentType } from 'react';
import type { ModuleKey } from '../../../core/access/policy.ts';
import { RequireModule } from './RequireModule.tsx';
import { RequireSession } from './RequireSession.tsx';

/** The page component for a route: signed in, and the active role may read the module. */
export function standalonePage(module: ModuleKey, Sheet: ComponentType): ComponentType {
  return function StandalonePage() {
    return (
      <RequireSession>
        <RequireModule module={module}>
          <Sheet />
        </RequireModule>
      </RequireSession>
    );
  };
}
