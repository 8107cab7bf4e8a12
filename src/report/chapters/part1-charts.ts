import type { ChartSpec } from '../kit/index.ts';

/**
 * A bar chart whose value axis may dip below zero (an MWDS interval can): the axis then runs between
 * whole numbers with a step of 1, so the ticks read −1, 0, 1, 2 … instead of −0,1 or an uneven last tick.
 */
export function wholeAxis(spec: ChartSpec, values: readonly number[]): ChartSpec {
  const lo = Math.min(0, ...values);
  if (lo >= 0) return spec;
  const hi = Math.max(...values);
  const min = Math.floor(lo);
  const max = Math.ceil(hi * 1.12 + 0.15);
  return {
    ...spec,
    build: () => {
      const cfg = spec.build();
      const x = (cfg.options?.scales as Record<string, { min?: number; max?: number; ticks?: { stepSize?: number } }> | undefined)?.x;
      if (x) {
        x.min = min;
        x.max = max;
        x.ticks = { ...(x.ticks ?? {}), stepSize: 1 };
      }
      return cfg;
    },
  };
}
