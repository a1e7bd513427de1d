/** Streaming XML reading (saxes) shared by the ODT reader and the DOCX header/footer reader. */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors.js';

/** Callbacks of one XML pass. */
export interface XmlHandler {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  text(t: string): void;
}

/** Streams an XML entry through saxes; malformed XML is an UNREADABLE document. */
export async function readXml(stream: Readable, handler: XmlHandler): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | undefined;
  parser.on('opentag', (t) => handler.open(t));
  parser.on('closetag', (t) => handler.close(t.name));
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.text(t));
  parser.on('error', (e) => {
    failure ??= e;
  });
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      if (failure) break;
    }
    if (!failure) parser.write(decoder.decode()).close();
  } catch (e) {
    failure ??= e as Error;
  }
  if (failure) {
    stream.destroy();
    throw new AppError('UNREADABLE', 'Le contenu du document est endommagé (XML invalide) : enregistrez-le à nouveau depuis votre traitement de texte.', {
      detail: failure.message.slice(0, 200),
    });
  }
}
