/** The pane's top: title, where it runs, the language switch and the view picker (fits 320 px). */
import { pickAll } from '../../core/i18n';
import { useId } from 'react';
import { Caption1, Label, Select, Title3, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { UiLocale, ViewId, strings } from '../strings';

const useStyles = makeStyles({
  top: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  languages: { display: 'flex', gap: tokens.spacingHorizontalXS },
  nav: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  select: { flexGrow: 1, minWidth: 0 },
});

export const VIEW_ORDER: readonly ViewId[] = [
  'dashboard',
  'templates',
  'tiering',
  'grading',
  'whatIf',
  'decisionChain',
  'problems',
  'functions',
];

interface Props {
  locale: UiLocale;
  inOffice: boolean;
  view: ViewId;
  problemCount?: number;
  onLocale(locale: UiLocale): void;
  onView(view: ViewId): void;
}

export function PaneHeader({ locale, inOffice, view, problemCount, onLocale, onView }: Props) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  const selectId = useId();
  return (
    <header>
      <div className={s.top}>
        <Title3 as="h1" style={{ margin: 0 }}>
          {t.title}
        </Title3>
        <div role="group" aria-label={t.language} className={s.languages}>
          <ToggleButton size="small" checked={locale === 'en-US'} onClick={() => onLocale('en-US')} lang="en">
            English
          </ToggleButton>
          <ToggleButton size="small" checked={locale === 'zh-CN'} onClick={() => onLocale('zh-CN')} lang="zh-CN">
            中文
          </ToggleButton>
        </div>
      </div>
      <Caption1 as="p" block data-testid="mode" style={{ margin: 0 }}>
        {inOffice ? t.inExcel : t.webMode}
      </Caption1>
      <nav className={s.nav} aria-label={t.view}>
        <Label htmlFor={selectId}>{t.view}</Label>
        <Select
          id={selectId}
          className={s.select}
          value={view}
          onChange={(_, d) => onView(d.value as ViewId)}
          data-testid="view-picker"
        >
          {VIEW_ORDER.map((v) => (
            <option key={v} value={v}>
              {t.views[v]}
              {v === 'problems' && problemCount ? ` (${problemCount})` : ''}
            </option>
          ))}
        </Select>
      </nav>
    </header>
  );
}
