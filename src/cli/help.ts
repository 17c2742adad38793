/** `crm3 --help` text in both languages. */
import { Locale, Message, pick } from '../core/i18n';
import { PRODUCT, VERSION } from '../version';

const HELP: Message = {
  en: `${PRODUCT} ${VERSION} — key-account sales numbers from CRM3 workbooks

Usage:
  crm3 evaluate <file.xlsx|export.csv|folder> [--as-of YYYY-MM-DD] [--json|--table] [--out report.xlsx]
                [--scope owner=Li ...] [--by owner|region|industry|tier|account] [--lang zh-CN]
                [--max-seconds N] [--max-memory MB] [--max-rows N] [--max-file-mb N] [--since <label|date>]
                 # --since: Δ of every indicator against a snapshot
  crm3 snapshot <file.xlsx> [--as-of YYYY-MM-DD] [--label TEXT] (--out new.xlsx | --in-place)
                 # appends a snapshot to the workbook's History tables (--in-place keeps a backup)
  crm3 review <file.xlsx> [--due] [--as-of YYYY-MM-DD] [--json]
                 # open deals with red flags and strengths; --due: those due for the deal review
                [--max-seconds N] [--max-memory MB] [--max-rows N] [--max-file-mb N]
  crm3 explain <file.xlsx> <INDICATOR_ID> [--scope owner=Li ...] [--as-of YYYY-MM-DD] [--json] [--lang zh-CN]
                 # how one indicator is computed: its parts, filters, rows left out, and the deals behind it
  crm3 import <export.xlsx|export.csv> --out <workbook.xlsx> [--template ID] [--lang zh-CN]
              [--config <crm3.xlsx>] [--date-order dmy|mdy] [--as-of YYYY-MM-DD]
                 # a CRM export (Salesforce, HubSpot, Dynamics, Zoho, Pipedrive, 纷享销客, 销售易 …)
                 # → a CRM3 workbook, with the column mapping and what is missing
  crm3 templates build [--out folder]   # writes the 10 template files (5 templates × en-US, zh-CN)
  crm3 sample [--locale zh-CN] [--size N] [--seed S] [--as-of YYYY-MM-DD] [--out file.xlsx]
  crm3 client-copy <in.xlsx> --out <out.xlsx> [--lang zh-CN] [--max-file-mb N]
                 # CRM3 formulas replaced by their values, for clients without the add-in
  crm3 report <file.xlsx> --out <report.docx> [--lang zh-CN] [--scope owner=Li ...] [--client NAME]
                 # the recommendations report (Word): findings, recommendations, portfolio, win rates
  crm3 kit <file.xlsx> --out <folder> [--lang zh-CN] [--client NAME]
                 # filled templates, their client copies, the report and an index sheet
  crm3 --help | --version

Limits per file (evaluate): --max-seconds (default 600) stops a file that runs longer
without a result; --max-memory (default half this computer's memory, at most 8192 MB) refuses
a workbook too large for it; --max-rows (default 1,048,576) and --max-file-mb (default 50)
bound what is read. A file stopped by a limit is reported, and the other files go on.

Exit codes: 0 evaluated, 1 evaluated with data errors, 2 the file could not be read.
No output is ever written over an input; files are written whole or not at all.
`,
  zh: `${PRODUCT} ${VERSION} — 根据 CRM3 工作簿计算大客户销售指标

用法：
  crm3 evaluate <文件.xlsx|导出文件.csv|文件夹> [--as-of YYYY-MM-DD] [--json|--table] [--out 报告.xlsx]
                [--scope owner=李 ...] [--by owner|region|industry|tier|account] [--lang zh-CN]
                [--max-seconds N] [--max-memory MB] [--max-rows N] [--max-file-mb N] [--since <标签|日期>]
                 # --since：各项指标与某次快照相比的变化（Δ）
  crm3 snapshot <文件.xlsx> [--as-of YYYY-MM-DD] [--label 文字] (--out 新文件.xlsx | --in-place)
                 # 把一次快照追加到工作簿的历史表（--in-place 会保留备份）
  crm3 review <文件.xlsx> [--due] [--as-of YYYY-MM-DD] [--json]
                 # 进行中商机的风险信号和优势；--due：到期需要进行商机评审的商机
                [--max-seconds N] [--max-memory MB] [--max-rows N] [--max-file-mb N]
  crm3 explain <文件.xlsx> <指标编号> [--scope owner=李 ...] [--as-of YYYY-MM-DD] [--json] [--lang zh-CN]
                 # 说明某个指标如何计算：组成部分、筛选条件、未计入的行及原因，以及对应的商机
  crm3 import <导出文件.xlsx|导出文件.csv> --out <工作簿.xlsx> [--template 模板] [--lang zh-CN]
              [--config <crm3.xlsx>] [--date-order dmy|mdy] [--as-of YYYY-MM-DD]
                 # 将 CRM 导出文件（Salesforce、HubSpot、Dynamics、Zoho、Pipedrive、纷享销客、销售易等）
                 # 转为 CRM3 工作簿，并列出列的对应关系和缺少的数据
  crm3 templates build [--out 文件夹]   # 生成 10 个模板文件（5 个模板 × 英文、中文）
  crm3 sample [--locale zh-CN] [--size N] [--seed S] [--as-of YYYY-MM-DD] [--out 文件.xlsx]
  crm3 client-copy <输入.xlsx> --out <输出.xlsx> [--lang zh-CN] [--max-file-mb N]
                 # 将 CRM3 公式替换为数值，供未安装加载项的客户使用
  crm3 report <文件.xlsx> --out <报告.docx> [--lang zh-CN] [--scope owner=李 ...] [--client 客户名称]
                 # 高阶建议报告（Word）：发现的问题、改进建议、客户组合、赢单特征
  crm3 kit <文件.xlsx> --out <文件夹> [--lang zh-CN] [--client 客户名称]
                 # 填入数据的模板、客户副本、建议报告和目录表
  crm3 --help | --version

每个文件的上限（evaluate）：--max-seconds（默认 600）中止运行超时仍无结果的文件；
--max-memory（默认为本机内存的一半，最多 8192 MB）拒绝超出内存上限的工作簿；
--max-rows（默认 1,048,576）和 --max-file-mb（默认 50）限制读取的规模。
因上限而中止的文件会被报告，其余文件继续处理。

退出码：0 计算完成；1 计算完成但数据有错误；2 文件无法读取。
输出文件绝不会覆盖输入文件；文件要么完整写入，要么不写。
`,
};

export function helpText(locale: Locale): string {
  return pick(HELP, locale);
}
