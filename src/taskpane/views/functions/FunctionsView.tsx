/** The function reference: every CRM3 function with its signature, description and an example. */
import { pick, pickAll } from '../../../core/i18n';
import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { catalog } from '../../../functions/catalog';
import { signature } from '../../../functions/reference';
import { UiLocale, strings } from '../../strings';

const useStyles = makeStyles({
  list: { paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: tokens.spacingVerticalS },
  code: { overflowWrap: 'anywhere' },
});

export function FunctionsView({ locale }: { locale: UiLocale }) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  return (
    <section aria-labelledby="functions-title">
      <Subtitle2 as="h2" id="functions-title" block>
        {t.functions} ({catalog.length})
      </Subtitle2>
      <ul className={s.list}>
        {catalog.map((d) => (
          <li key={d.id} data-function-id={d.id} className={s.item}>
            <code className={s.code}>{signature(d)}</code>
            <br />
            <Caption1>{pick(d.description, locale)}</Caption1>
            <br />
            <Caption1>
              {t.example}: <code className={s.code}>{d.example}</code>
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
