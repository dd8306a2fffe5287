import { useSearchParams } from 'react-router';

/** The active tab lives in ?tab=… so a tab can be linked to and survives a reload. */
export function useTabParam<K extends string>(keys: readonly K[], fallback: K): [K, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const active = keys.find((k) => k === raw) ?? fallback;
  const setActive = (key: string) => setParams({ tab: key }, { replace: true });
  return [active, setActive];
}
