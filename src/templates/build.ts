/**
 * Builds the four CRM3 templates (DESIGN.md §3, §7) from code, in en-US and zh-CN:
 * `buildTemplate` for one file in memory (empty, or filled with a snapshot such as the
 * sample), `buildAllTemplates` for the 10 shipped files. Output is byte-stable.
 */
import { Locale } from '../core/i18n';
import { WorkbookSnapshot } from '../model/snapshot';
import { buildAccountPlan } from './accountPlan';
import { buildDealReview } from './dealReview';
import { TEMPLATES, TEMPLATE_VERSION, TemplateId, TemplateInfo } from './catalog';
import { buildOpportunityGrading } from './opportunityGrading';
import { buildPortfolioTiering } from './portfolioTiering';
import { AddinReference } from '../io/styledWorkbook';
import { MANIFEST_ID, MANIFEST_VERSION } from '../version';
import { TemplateBook, TemplateFormula } from './templateBook';
import { buildValueIndicators } from './valueIndicators';
import { TemplateSource, templateSource } from './workbookSheets';

export type { TemplateFormula };

export const TEMPLATE_LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

export interface BuildOptions {
  /** Fill the template's tables with this data (e.g. generateSample({ locale })); default: empty tables. */
  data?: WorkbookSnapshot;
  /** The add-in the file asks Excel for when it opens (default: the sideloaded manifest, SIDELOADED_ADDIN). */
  addin?: AddinReference;
}

/**
 * How a template names the add-in by default: the manifest sideloaded on the planner's
 * machine (docs "Automatically open a task pane with a document": storeType Registry,
 * store "developer", the manifest's Id and Version). A consultant's deployment sets its own
 * (`crm3 templates build --addin id=…,version=…,store=…,storeType=…`).
 */
export const SIDELOADED_ADDIN: AddinReference = {
  id: MANIFEST_ID,
  version: MANIFEST_VERSION,
  store: 'developer',
  storeType: 'Registry',
  autoOpen: true,
};

type Builder = (book: TemplateBook, info: TemplateInfo, source: TemplateSource) => void;

const BUILDERS: Record<TemplateId, Builder> = {
  'portfolio-tiering': buildPortfolioTiering,
  'account-plan': buildAccountPlan,
  'opportunity-grading': buildOpportunityGrading,
  'deal-review': buildDealReview,
  'value-indicators': buildValueIndicators,
};

/** The file name a template is shipped as: templates/<id>.<locale>.xlsx. */
export function templateFileName(id: TemplateId, locale: Locale): string {
  return `${id}.${locale}.xlsx`;
}

/** Builds one template and returns the file and every formula cell in it (for the lint). */
export async function buildTemplateWithFormulas(
  id: TemplateId,
  locale: Locale,
  options: BuildOptions = {},
): Promise<{ buffer: Buffer; formulas: TemplateFormula[] }> {
  const info = TEMPLATES.find((t) => t.id === id);
  if (!info) throw new Error(`Unknown template id: ${String(id)}`);
  const book = new TemplateBook(locale, { addin: options.addin ?? SIDELOADED_ADDIN });
  BUILDERS[id](book, info, templateSource(book, options.data, id, TEMPLATE_VERSION));
  const buffer = await book.finish();
  return { buffer, formulas: book.formulas };
}

/** One template as an .xlsx file in memory. */
export async function buildTemplate(id: TemplateId, locale: Locale, options: BuildOptions = {}): Promise<Buffer> {
  return (await buildTemplateWithFormulas(id, locale, options)).buffer;
}

/** Every formula cell of a template (readable CRM3.X form, no '='), as built with these options. */
export async function templateFormulas(id: TemplateId, locale: Locale, options: BuildOptions = {}): Promise<TemplateFormula[]> {
  return (await buildTemplateWithFormulas(id, locale, options)).formulas;
}
