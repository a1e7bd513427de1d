/** What a process reads once before it says it is ready: ingestion workers, the server's main thread. */
import { analyse } from '../analyse.js';
import type { RuleLibrary } from '../rules/load.js';

/** A PDF file from its numbered objects (1 is the catalog), with a valid cross-reference table. */
export function pdfFromObjects(objects: string[]): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A one-page PDF written on the fly, to warm the PDF engine up. */
export function tinyPdf(): Buffer {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 58 >>\nstream\nBT /F1 12 Tf 72 770 Td (Votre demande est accept\\351e.) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}

/** CRC-32 (IEEE), as a zip entry needs it. */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A zip archive of stored (uncompressed) entries. */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const file = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(file.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(file.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, file, data);
    centrals.push(central, file);
    offset += local.length + file.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-paragraph Word document written on the fly, to warm the DOCX reader up. */
export function tinyDocx(): Buffer {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return storedZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Votre demande est acceptée.</w:t></w:r></w:p></w:body></w:document>`,
  });
}

/**
 * A short letter analysed a few times when a process starts (the server's main thread, each
 * ingestion worker): the expressions are compiled, the lazy data read and the hot code optimised
 * before the first real letter, so the first agent of the day waits no longer than the others.
 * It carries the kinds of thing the detectors look for (passive, jargon, a person's details).
 */
export const WARM_UP_LETTER = `Caisse d'allocations familiales du Rhône
Service des prestations

Madame Jeanne MARTIN
12 rue des Lilas
69003 Lyon

Objet : votre demande d'aide au logement
Réf. : dossier n° 1234567

Madame,

Nous accusons réception de votre demande. Après instruction de votre dossier par nos services, il a été décidé de procéder au rejet de votre demande, au motif que vos ressources excèdent le plafond réglementaire. Votre allocataire peut être contacté au 06 12 34 56 78 ou à jeanne.martin@example.fr.

Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par un recours auprès de la commission de recours amiable (CRA).

Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.

Le directeur
`;

/**
 * Analyses the warm-up letter a few times, as a pasted letter would be (personal data counted). Not
 * pseudonymised: that would read the personal-data tagger's model (tens of megabytes while it loads)
 * into every server and worker, also where nothing is ever stored; the first stored text reads it.
 */
export function warmUpAnalysis(library: RuleLibrary, profile?: string, passes = 5): void {
  for (let i = 0; i < passes; i++) analyse({ text: WARM_UP_LETTER }, library, { ...(profile ? { profile } : {}), personalData: 'count' });
}
