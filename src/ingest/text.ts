/** Text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (older templates). */

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes, œ…). Node 20.18.3+ decodes
// that range as C1 control characters (nodejs/node#60888), so the table is ours. Unassigned bytes
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their Latin-1 value, as the WHATWG encoding standard says.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /[\u0080-\u009F]/.test(latin1) ? latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin1;
}

/** Decodes text bytes: UTF-8 (with or without BOM, UTF-16 with BOM), else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  // A UTF-8 BOM promises UTF-8; bytes that break the promise are read as Windows-1252 all the same.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
