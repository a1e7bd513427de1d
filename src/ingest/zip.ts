/**
 * Zip-based documents (DOCX, ODT): the central directory is read and checked against the limits
 * (entry count, declared uncompressed size) before a single byte is inflated; entries are then
 * streamed with their declared size enforced (yauzl), so a zip bomb is refused, never unpacked.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors.js';
import type { IngestLimits } from './types.js';

const MiB = 1024 * 1024;

function unreadable(detail: string): AppError {
  return new AppError('UNREADABLE', 'Le fichier est endommagé ou tronqué : son contenu ne peut pas être lu. Enregistrez-le à nouveau depuis votre traitement de texte.', { detail });
}

/** An opened zip archive whose directory passed the limits. */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /** Opens an archive from memory, refusing it when its directory breaks the limits. */
  static open(bytes: Buffer, limits: Pick<IngestLimits, 'maxZipEntries' | 'maxZipBytes'>): Promise<ZipArchive> {
    return new Promise((resolve, reject) => {
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
        if (err || !zip) return reject(unreadable(err?.message ?? 'zip'));
        if (zip.entryCount > limits.maxZipEntries) {
          zip.close();
          return reject(
            new AppError('TOO_LARGE', `L’archive contient trop de fichiers internes (${zip.entryCount} ; maximum ${limits.maxZipEntries}) : elle n’a pas été ouverte.`),
          );
        }
        const entries = new Map<string, yauzl.Entry>();
        let total = 0;
        zip.on('entry', (e: yauzl.Entry) => {
          total += e.uncompressedSize;
          if (total > limits.maxZipBytes) {
            zip.close();
            return reject(
              new AppError(
                'TOO_LARGE',
                `Une fois décompressé, le document dépasserait ${Math.round(limits.maxZipBytes / MiB)} Mio (archive piégée ?) : il n’a pas été ouvert.`,
              ),
            );
          }
          entries.set(e.fileName, e);
          zip.readEntry();
        });
        zip.on('end', () => resolve(new ZipArchive(zip, entries)));
        zip.on('error', (e: Error) => reject(unreadable(e.message)));
        zip.readEntry();
      });
    });
  }

  /** Names of the entries. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** True when the archive holds this entry. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A stream of the inflated entry (its declared size is enforced). */
  stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) return Promise.reject(unreadable(`missing ${name}`));
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(unreadable(err?.message ?? name)) : resolve(s)));
    });
  }

  /** Inflates the chosen entries and throws the bytes away: a size that lies makes the document UNREADABLE. */
  async verify(which: (name: string) => boolean): Promise<void> {
    for (const name of this.names().filter(which)) {
      const s = await this.stream(name);
      try {
        for await (const _ of s) {
          // only the count matters: yauzl checks it against the declared size
        }
      } catch (e) {
        throw unreadable((e as Error).message);
      }
    }
  }

  /** The whole entry as a Buffer. */
  async read(name: string): Promise<Buffer> {
    const s = await this.stream(name);
    const chunks: Buffer[] = [];
    try {
      for await (const c of s) chunks.push(c as Buffer);
    } catch (e) {
      throw unreadable((e as Error).message);
    }
    return Buffer.concat(chunks);
  }

  /** Closes the archive. */
  close(): void {
    this.zip.close();
  }
}
