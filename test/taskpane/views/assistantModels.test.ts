/**
 * The pure parts of the what-if view: which indicators a what-if moved, and how the moves
 * read. (The assistants' numbers come from the engine: test/engine/assistants.test.ts.)
 */
import { digitsToShowMove, formatDelta, formatValue } from '../../../src/core/format';
import { indicatorMoves } from '../../../src/taskpane/views/whatIf/indicatorMoves';

describe('what-if moves', () => {
  const r = (id: string, value: number | null, unit = 'ratio', status: string | null = null) => ({
    id,
    goal: 'WIN',
    name: id,
    value,
    unit,
    status,
  });

  test('only moved indicators, with direction and verdict', () => {
    const moves = indicatorMoves(
      [r('WIN_RATE_COUNT', 0.4), r('STALE_RATE', 0.2), r('OPEN_PIPE', 1000, 'amount'), r('X', null)],
      [r('WIN_RATE_COUNT', 0.5), r('STALE_RATE', 0.3), r('OPEN_PIPE', 1000 + 1e-13, 'amount'), r('X', null)],
      [
        { id: 'WIN_RATE_COUNT', direction: 'HigherIsBetter' },
        { id: 'STALE_RATE', direction: 'LowerIsBetter' },
      ] as never,
    );
    expect(moves.map((m) => [m.id, m.sign, m.verdict])).toEqual([
      ['WIN_RATE_COUNT', 1, 1],
      ['STALE_RATE', 1, -1],
    ]);
    expect(
      formatDelta(
        moves[0].before,
        moves[0].after,
        moves[0].unit,
        'en-US',
        digitsToShowMove(moves[0].before, moves[0].after, moves[0].unit, 'en-US'),
      ),
    ).toBe('+10.0 pp');
    expect(formatDelta(moves[0].before, moves[0].after, moves[0].unit, 'zh-CN', 1)).toBe('+10.0 个百分点');
  });

  test('a small move gets the digits to show it', () => {
    const [m] = indicatorMoves([r('R', 0.01501)], [r('R', 0.01504)]);
    // 1.501% → 1.504%: equal at one and two digits, different at three.
    expect(digitsToShowMove(m.before, m.after, m.unit, 'en-US')).toBe(3);
    expect(formatValue(m.after, m.unit, 'en-US', { digits: 3 })).toBe('1.504%');
    expect(formatValue(1234567, 'amount', 'en-US')).toBe('1,234,567');
  });
});
