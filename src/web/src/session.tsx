// The signed-in user's session as seen by the console: who, which unit, which role.
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../core/glossary.ts';
import type { Me } from './apiTypes.ts';

export interface Session {
  me: Me;
  /** The active role if the UI knows it; null for a role code this build does not know. */
  role: Role | null;
  /** Replace the session after login/switch (the server answers with the new Me). */
  setMe: (me: Me) => void;
}

const SessionContext = createContext<Session | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside the console layout');
  return session;
}

/** Sends the browser to the login page, e.g. when the session expired (HTTP 401). */
export function useLoginRedirect(): () => void {
  const navigate = useNavigate();
  return useCallback(() => navigate('/login', { replace: true }), [navigate]);
}
