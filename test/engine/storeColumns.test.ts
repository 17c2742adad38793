/**
 * The store hands a CRM3 function its column as a held column (ColumnStore.column): one object
 * per column, changed in place with the column and a new version on each change (what kept calls
 * and computed rows compare), its rows (when a function reads it as a block) following the
 * change, and its error-free mark following the errors a computed column gains or loses.
 */
import { CalcError, Cell } from '../../src/core/cells';
import { ColumnStore } from '../../src/engine/columnStore';
import { gridVersion } from '../../src/engine/gridVersions';
import { HeldColumn } from '../../src/functions/args';
import { declarationOf } from '../../src/functions/catalog';
import { InputCell, invoke } from '../../src/functions/invoke';

describe('ColumnStore.column', () => {
  let store: ColumnStore;
  beforeEach(() => (store = new ColumnStore()));
  afterEach(() => store.release());

  test('one held column per column, its values the store own array, a new version per change', () => {
    const values: Cell[] = ['Open', 'Won', 'Lost', 'Open'];
    store.set('Opp_Status', values);
    const held = store.column('Opp_Status');
    expect(held).toBeInstanceOf(HeldColumn);
    expect((held as HeldColumn).values).toBe(values);
    expect(store.column('Opp_Status')).toBe(held);
    expect(store.keyOfGrid(held!)).toBe('Opp_Status');
    const rows = (held as HeldColumn).rows();
    const version = gridVersion(held!);
    values[1] = 'Lost';
    store.changed('Opp_Status', [1]);
    expect(store.column('Opp_Status')).toBe(held);
    expect(gridVersion(held!)).toBe(version + 1);
    expect(rows).toEqual([['Open'], ['Lost'], ['Lost'], ['Open']]);
    // A new array for the column: a new held column (the old one no longer stands for it).
    store.set('Opp_Status', ['Won']);
    expect(store.column('Opp_Status')).not.toBe(held);
    expect(store.keyOfGrid(held!)).toBeUndefined();
    // An empty column is the grid a host gives for it.
    store.set('Opp_Empty', []);
    expect(store.column('Opp_Empty')).toEqual([[null]]);
  });

  test('a computed column that gains an error is read by the error rules, and without it again as it is', () => {
    const error = new CalcError('DIV0', { en: 'e', zh: 'e' });
    store.write('computed:Opp_X', [1, 2, 3]);
    const held = store.column('computed:Opp_X')!;
    const sum = declarationOf('SUMBY')!;
    const keys: InputCell[][] = [['a'], ['a'], ['b']];
    const groups: InputCell[][] = [['a'], ['b']];
    expect(invoke(sum, [keys, held, groups])).toEqual([[3], [3]]);
    store.write('computed:Opp_X', [1, error, 3]);
    expect(store.column('computed:Opp_X')).toBe(held);
    const grid: InputCell[][] = [[1], [error], [3]];
    expect(invoke(sum, [keys, held, groups])).toEqual(invoke(sum, [keys, grid, groups]));
    expect(invoke(sum, [keys, held, groups])).toBeInstanceOf(CalcError);
    store.write('computed:Opp_X', [1, 5, 3]);
    expect(invoke(sum, [keys, held, groups])).toEqual([[6], [3]]);
  });
});
