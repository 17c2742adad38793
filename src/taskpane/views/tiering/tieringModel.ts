/**
 * The tiering assistant's Apply: the host write that stores the planner's thresholds and
 * weights in the workbook (only what differs from the workbook's own). The tiers themselves
 * come from the engine (PaneEngine.tiering / tiersUnder).
 */
import type { TierSettings } from '../../../engine/tiering';
import type { WorkbookWrite } from '../../../host/workbookHost';

const SETTINGS = [
  ['AttractivenessThreshold', 'attractivenessThreshold'],
  ['PositionThreshold', 'positionThreshold'],
  ['ScoreBandA', 'bandA'],
  ['ScoreBandB', 'bandB'],
  ['ScoreBandC', 'bandC'],
] as const;

export function settingsWrite(base: TierSettings, settings: TierSettings): WorkbookWrite {
  return {
    settings: SETTINGS.filter(([, k]) => base[k] !== settings[k]).map(([setting, k]) => ({ setting, value: settings[k] })),
    config: settings.criteria.flatMap((c) => {
      const was = base.criteria.find((b) => b.row === c.row);
      return c.workbookRow !== undefined && was && was.weight !== c.weight
        ? [{ table: 'Criteria' as const, row: c.workbookRow, column: 'Weight', value: c.weight }]
        : [];
    }),
  };
}
