/**
 * `npm run bench`: the benchmarks, each printing ratios measured in one run.
 * So far: the SUMBY group-by kernel (linearity) and SUMBY vs per-row SUMIFS in HyperFormula.
 * The end-to-end peer comparison (LibreOffice) is the performance issue's work.
 */
import { runSumByBench } from './sumby';

async function main(): Promise<void> {
  console.log('CRM3 benchmarks (ratios measured in one run; times are CPU time of this process)\n');
  for (const line of await runSumByBench()) console.log(line);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
