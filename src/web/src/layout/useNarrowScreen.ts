import { useSyncExternalStore } from 'react';

// Phones and narrow windows (< 768px, antd's "md" breakpoint) get a Drawer instead of the Sider.
const query = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
