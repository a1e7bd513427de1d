/** Reading one uploaded file and its text fields from a multipart request (every upload route). */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** The file and the text fields of a multipart request. */
export interface Upload {
  bytes: Buffer;
  filename: string | undefined;
  fields: Record<string, string>;
}

/**
 * Reads the multipart field `file` (exactly one) and the named text fields; other fields are ignored.
 * A file in another field is drained, not kept, and refused; a file over the limit is TOO_LARGE.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, names: readonly string[]): Promise<Upload> {
  const u = await readForm(req, maxBytes, names);
  if (!u.bytes) throw new AppError('BAD_REQUEST', 'Aucun fichier reçu : envoyez-le dans le champ « file ».');
  return { bytes: u.bytes, filename: u.filename, fields: u.fields };
}

/**
 * Like readUpload, for a web form where the file is optional: a file input left empty (no name, no
 * bytes) gives no file.
 */
export async function readForm(req: FastifyRequest, maxBytes: number, names: readonly string[]): Promise<Omit<Upload, 'bytes'> & { bytes: Buffer | undefined }> {
  let bytes: Buffer | undefined;
  let filename: string | undefined;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || bytes) {
        part.file.resume();
        await new Promise((done) => part.file.once('end', done));
        throw new AppError('BAD_REQUEST', 'Envoyez un seul fichier, dans le champ « file ».');
      }
      const got = await part.toBuffer();
      if (part.file.truncated) {
        throw new AppError('TOO_LARGE', `Le fichier envoyé dépasse la taille autorisée (${Math.round(maxBytes / 1048576)} Mio).`);
      }
      if (got.length === 0 && !part.filename) continue;
      bytes = got;
      filename = part.filename;
    } else if (names.includes(part.fieldname) && typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { bytes, filename, fields };
}
