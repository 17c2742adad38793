/** "How is this computed": the indicator's formula and each input's value, fetched from the engine. */
import { pickAll } from '../../../core/i18n';
import { useEffect, useState } from 'react';
import { Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { Scope } from '../../../engine/scope';
import type { Explanation, PaneEngine } from '../../paneEngine';
import { UiLocale, strings } from '../../strings';

const useStyles = makeStyles({
  panel: {
    marginTop: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  formula: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS}`,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'fixed' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

interface Props {
  id: string;
  panelId: string;
  engine: PaneEngine;
  scopes: readonly Scope[];
  locale: UiLocale;
}

export function ExplainPanel({ id, panelId, engine, scopes, locale }: Props) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  const [explanation, setExplanation] = useState<Explanation | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setExplanation(undefined);
    engine.explain(id, scopes).then(
      (e) => live && setExplanation(e ?? null),
      () => live && setExplanation(null),
    );
    return () => {
      live = false;
    };
  }, [id, engine, scopes]);

  return (
    <div id={panelId} className={s.panel} data-testid="explain-panel" role="region" aria-label={t.howComputed}>
      {explanation === undefined ? (
        <Spinner size="tiny" label={t.loadingView} />
      ) : explanation === null ? (
        <Caption1>{t.blank}</Caption1>
      ) : (
        <>
          <Caption1 block>{t.formula}</Caption1>
          <code className={s.formula} data-testid="explain-formula">
            {explanation.formula}
          </code>
          <table className={s.table} data-testid="explain-inputs">
            <caption style={{ textAlign: 'left' }}>
              <Caption1>{t.inputs}</Caption1>
            </caption>
            <thead>
              <tr>
                <th scope="col" className={s.cell} style={{ width: '62%' }}>
                  {t.input}
                </th>
                <th scope="col" className={s.cell}>
                  {t.valueLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {explanation.inputs.map((input, i) => (
                <tr key={i}>
                  <td className={`${s.cell} ${s.code}`}>{input.text}</td>
                  <td className={s.cell}>{input.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
