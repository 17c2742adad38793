/**
 * The two ways the CRM3 plugin gives HyperFormula a column result's rows: made all at once (its
 * fallback) and made when HyperFormula reads them (hfInternals' lazyColumnRange). Tests of held
 * and steady columns run their cases under both.
 */
import { lazyColumnRange } from '../../src/engine/hfInternals';
import { setColumnRangeMaker } from '../../src/functions/hyperformula/crm3Plugin';

/** Declares `body`'s tests once per column-range maker, the maker installed around them. */
export function describeEachColumnRangeMaker(body: () => void): void {
  describe.each([
    ['rows made at once', undefined],
    ['rows made when HyperFormula reads them', lazyColumnRange()],
  ])('%s', (_how, maker) => {
    beforeAll(() => setColumnRangeMaker(maker));
    afterAll(() => setColumnRangeMaker(undefined));
    body();
  });
}
