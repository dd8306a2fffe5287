// The year a year selector opens on when the address names none: the latest year (not after
// next year) with plans the user can see in the active unit, else the current calendar year.
// Asked once per unit and kept, so pages agree and do not flash on the way back.
import { useEffect, useState } from 'react';
import { call } from './api.ts';
import { currentYear } from './pages/plans/planFormat.ts';
import { useSession } from './session.tsx';

const known = new Map<string, Promise<number>>();
const settled = new Map<string, number>();

function pick(years: number[]): number {
  const limit = currentYear() + 1;
  return years.find((y) => y <= limit) ?? currentYear();
}

export function useDefaultYear(): number {
  const unit = useSession().me.active.unitCode;
  const [year, setYear] = useState<number>(settled.get(unit) ?? currentYear());
  useEffect(() => {
    let asking = known.get(unit);
    if (!asking) {
      asking = call('GET /api/workbench/years', {}).then(
        (answer) => pick(answer.years),
        () => currentYear(),
      );
      known.set(unit, asking);
    }
    let live = true;
    void asking.then((y) => {
      settled.set(unit, y);
      if (live) setYear(y);
    });
    return () => {
      live = false;
    };
  }, [unit]);
  return year;
}
