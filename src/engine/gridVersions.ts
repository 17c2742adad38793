/**
 * Versions of the grids the engine's column store hands to CRM3 functions (issue #15). A
 * what-if changes a store column's grid in place (ColumnStore.changed) and bumps its version
 * here; with the grid's identity, the version is what a kept nested call (keptCalls.ts) or a
 * computed column's row plan (computedRows.ts) compares to see whether a column changed since.
 */
const versions = new WeakMap<object, number>();

export function gridVersion(grid: object): number {
  return versions.get(grid) ?? 0;
}

export function bumpGridVersion(grid: object): void {
  versions.set(grid, gridVersion(grid) + 1);
}
