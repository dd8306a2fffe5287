// Shown when the user holds more than one (unit, role) assignment.
// POST /api/auth/switch answers with the new Me; the layout then remounts the page,
// so every page reloads its data in the new unit's scope.
import { Select } from 'antd';
import { switchAssignment } from '../api.ts';
import type { Assignment } from '../apiTypes.ts';
import { roleName } from '../labels.ts';
import { useLoginRedirect, useSession } from '../session.tsx';
import { unlessSignedOut, useAction } from '../useAction.ts';

const keyOf = (a: Assignment) => `${a.unitCode}|${a.role}`;

export function UnitSwitcher({ block = false }: { block?: boolean }) {
  const { me, setMe } = useSession();
  const toLogin = useLoginRedirect();
  const { busy, run } = useAction();

  if (me.assignments.length <= 1) return null;

  async function onChange(value: string) {
    const target = me.assignments.find((a) => keyOf(a) === value);
    if (!target || value === keyOf(me.active)) return;
    await run(async () => {
      const next = await unlessSignedOut(() => switchAssignment(target.unitCode, target.role), toLogin);
      if (!next) return;
      setMe(next);
      return `已切换到：${next.active.unitName} · ${roleName(next.active.role)}`;
    });
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
