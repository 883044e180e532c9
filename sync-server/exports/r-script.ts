// The R script of a bundle: base R only (no packages). Reads each table's CSV into a data frame
// named after the table; choice questions become factors with their labels (ordered factors for
// ordered scales), dates Date and times POSIXct (the event's time zone, or the export's
// utc-offset), every column gets a "label" attribute (and the data frame a "variable.labels"
// one, as foreign::read.spss gives), 0/1 choice columns a "labels" attribute. Line breaks and the
// spreadsheet guard are undone, so the data frames hold exactly the answers as stored. The script
// is ASCII: every other character is a \u escape, so it runs the same in any locale.
import { uiLanguage, type Language } from '../../shared/forms/form-definition';
import { localized, type ExportLayout } from './export-layout';
import { scriptColumn, type ScriptColumn, type ScriptTable } from './script-columns';
import { BINARY_LABELS } from './spss-syntax';

const READER = `quiosco_read <- function(file, names, classes) {
  d <- read.csv(file, encoding = "UTF-8", header = FALSE, skip = 1, col.names = names,
                colClasses = classes, na.strings = "", check.names = FALSE,
                stringsAsFactors = FALSE)
  for (v in names(d)) if (is.character(d[[v]])) {
    x <- gsub("\\u2028", "\\n", d[[v]], fixed = TRUE)
    x <- gsub("\\u2029", "\\r", x, fixed = TRUE)
    d[[v]] <- gsub("(?<=^|[,;\\t\\r\\n])'(?='*[=+@\\t\\r-])", "", x, perl = TRUE)
  }
  d
}

quiosco_label <- function(x, label, levels = NULL, labels = NULL, ordered = FALSE) {
  if (!is.null(levels)) x <- factor(x, levels = levels, labels = labels, ordered = ordered)
  attr(x, "label") <- label
  x
}

# ISO 8601 times: with an offset (or Z) the instant they name, shown in tz; without one, a
# wall-clock time in tz. HH:MM gets :00.
quiosco_time <- function(x, tz) {
  x <- sub("^(.{10}T[0-9]{2}:[0-9]{2})(?!:)", "\\\\1:00", x, perl = TRUE)
  x <- sub("Z$", "+0000", x)
  x <- sub("([+-][0-9]{2}):?([0-9]{2})$", "\\\\1\\\\2", x)
  zoned <- grepl("[+-][0-9]{4}$", x)
  t <- as.POSIXct(rep(NA_real_, length(x)), origin = "1970-01-01", tz = tz)
  t[zoned] <- as.POSIXct(x[zoned], format = "%Y-%m-%dT%H:%M:%OS%z", tz = "UTC")
  t[!zoned & !is.na(x)] <- as.POSIXct(x[!zoned & !is.na(x)], format = "%Y-%m-%dT%H:%M:%OS", tz = tz)
  attr(t, "tzone") <- tz
  t
}
`;

/**
 * An R string literal in ASCII. R refuses a NUL in a string and warns at a lone surrogate, so
 * those are left out and replaced: whatever a label holds, the script still runs.
 */
export function rString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code === 0) continue;
    if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Text for a comment: an R string's escaped ASCII, so no line break ends the comment. */
const rComment = (text: string): string => rString(text.replace(/\s+/g, ' ')).slice(1, -1);

const vector = (items: readonly string[]): string => `c(${items.join(', ')})`;

/** A syntactic R name for a data frame (make.names rules). */
export function rName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._]/g, '.');
  return /^([A-Za-z]|\.(?![0-9]))/.test(clean) ? clean : `X${clean}`;
}

function rClass(type: ScriptColumn): string {
  if (type.kind === 'binary' || type.kind === 'integer') return 'integer';
  if (type.kind === 'number') return 'numeric';
  return 'character';
}

/**
 * `timeZone`: the IANA zone times are shown in (the event's, or Etc/GMT+6 for utc-offset -06:00);
 * UTC when undefined.
 */
export function rScript(
  layout: ExportLayout,
  tables: readonly ScriptTable[],
  language: Language,
  timeZone = 'UTC',
): string {
  const binary = BINARY_LABELS[uiLanguage(language)];
  const title = localized(layout.title, language, layout.formId);
  const versions = layout.versions.map((v) => v.version).join(', ');
  const out: string[] = [
    `# ${rComment(title)} (${layout.formId}), versions ${rComment(versions)}.`,
    '# Written by Quiosco. Base R only. Run it from the folder of this bundle:',
    `#   Rscript ${layout.formId}.R     or in R: setwd("that folder"); source("${layout.formId}.R")`,
    '# Each table becomes a data frame; repeat tables join their record by submission_id.',
    '',
    READER,
  ];
  for (const { table, file, columns, profile } of tables) {
    const frame = rName(table.name);
    const types = columns.map((c, i) => scriptColumn(c, profile.hasText[i] ?? false));
    out.push(
      `${frame} <- quiosco_read(${rString(file)},`,
      `  ${vector(columns.map((c) => rString(c.name)))},`,
      `  ${vector(types.map((type) => rString(rClass(type))))})`,
    );
    const labels: string[] = [];
    columns.forEach((column, i) => {
      const type = types[i] as ScriptColumn;
      const label = rString(localized(column.label, language, column.name));
      labels.push(`${rString(column.name)} = ${label}`);
      const target = `${frame}[[${rString(column.name)}]]`;
      if (type.kind === 'category') {
        const choices = type.question.choices ?? [];
        out.push(
          `${target} <- quiosco_label(${target}, ${label},`,
          `  ${vector(choices.map((c) => rString(c.name)))},`,
          `  ${vector(choices.map((c) => rString(localized(c.label, language, c.name))))}${type.question.ordered ? ', ordered = TRUE' : ''})`,
        );
        return;
      }
      if (type.kind === 'date') out.push(`${target} <- as.Date(${target})`);
      if (type.kind === 'dateTime') out.push(`${target} <- quiosco_time(${target}, ${rString(timeZone)})`);
      out.push(`${target} <- quiosco_label(${target}, ${label})`);
      const binaryLabels =
        type.kind === 'binary' && type.labels !== undefined
          ? type.labels === 'yesNo'
            ? [binary.no, binary.yes]
            : [binary.incomplete, binary.complete]
          : undefined;
      if (binaryLabels !== undefined) {
        const named = binaryLabels.map((l, value) => `${rString(l)} = ${value}L`);
        out.push(`attr(${target}, "labels") <- ${vector(named)}`);
      }
    });
    out.push(`attr(${frame}, "variable.labels") <- ${vector(labels)}`, '');
  }
  return out.join('\n');
}
