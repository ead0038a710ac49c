/**
 * The rows of a semicolon-separated file, as the BAN publishes them: a leading byte-order mark,
 * CRLF line ends and double-quoted fields (with "" for a quote, and ; or line breaks inside) are
 * all read correctly. Rows are yielded one by one so a large département file is never held
 * twice.
 */
export function* semicolonCsvRows(text: string): Generator<string[]> {
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < end) {
    const row: string[] = [];
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        field = "";
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            field += text.slice(i);
            i = end;
            break;
          }
          field += text.slice(i, quote);
          i = quote + 1;
          if (text[i] !== '"') break;
          field += '"';
          i++;
        }
        // Anything between the closing quote and the separator is kept, as lenient readers do.
        const stop = nextSeparator(text, i);
        field += text.slice(i, stop);
        i = stop;
      } else {
        const stop = nextSeparator(text, i);
        field = text.slice(i, stop);
        i = stop;
      }
      row.push(field);
      if (text[i] === ";") {
        i++;
        continue;
      }
      // End of line (LF, CRLF or CR) or of text.
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      break;
    }
    if (!(row.length === 1 && row[0] === "")) yield row;
  }
}

function nextSeparator(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */ || c === 10 /* \n */ || c === 13 /* \r */) return i;
    i++;
  }
  return i;
}
