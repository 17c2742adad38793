/**
 * Web mode's first script (written inline into index.html's <head> by the build, before the
 * deferred entry, so the page fetches nothing before it runs): starts the
 * engine worker on the sample of the page's language at once, so the worker fetches and compiles
 * HyperFormula and builds the sample while the page fetches and evaluates its own bundle (issue
 * #15, web mode's first indicator). Kept tiny: it runs before the page can paint. Office's page
 * (taskpane.html) does not load it: there the entry starts the worker, which builds nothing ahead.
 */
import { browserLocale } from './browserLocale';
import { startEarlyWorker } from './engine/earlyWorker';
import { sampleWorkerName } from './engine/messages';
import { mark } from './timing';

mark('engine-start');
const locale = browserLocale();
// The page's language, before <body> is parsed: it says which language's first frame shows (webMode/firstFrame.tsx).
document.documentElement.lang = locale;
startEarlyWorker(sampleWorkerName(locale));
