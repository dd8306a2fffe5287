// Shown when the user holds more than one (unit, role) assignment.
// POST /api/auth/switch answers with the new Me; the layout then remounts the page,
// so every page reloads its data in the new unit's scope.
import { App, Select } from 'antd';
import { useState } from 'react';
import { switchAssignment } from '../api.ts';
import type { Assignment } from '../apiTypes.ts';
import { roleName } from '../labels.ts';
import { useLoginRedirect, useSession } from '../session.tsx';
import { toApiError } from '../useApiData.ts';

const keyOf = (a: Assignment) => `${a.unitCode}|${a.role}`;

export function UnitSwitcher({ block = false }: { block?: boolean }) {
  const { me, setMe } = useSession();
  const { message } = App.useApp();
  const toLogin = useLoginRedirect();
  const [busy, setBusy] = useState(false);

  if (me.assignments.length <= 1) return null;

  async function onChange(value: string) {
    const target = me.assignments.find((a) => keyOf(a) === value);
    if (!target || value === keyOf(me.active)) return;
    setBusy(true);
    try {
      const next = await switchAssignment(target.unitCode, target.role);
      setMe(next);
      message.success(`已切换到：${next.active.unitName} · ${roleName(next.active.role)}`);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 401) toLogin();
      else message.error(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Select
      data-testid="unit-switcher"
      aria-label="切换单位和角色"
      value={keyOf(me.active)}
      loading={busy}
      disabled={busy}
      onChange={onChange}
      popupMatchSelectWidth={false}
      style={block ? { width: '100%' } : { width: 240 }}
      options={me.assignments.map((a) => ({
        value: keyOf(a),
        label: `${a.unitName} · ${roleName(a.role)}`,
      }))}
    />
  );
}
