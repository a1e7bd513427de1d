/** A real multipart/form-data body, as a browser or curl -F sends it. */
export function multipart(parts: { name: string; filename?: string; content: Buffer | string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----clarte' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"` + (p.filename ? `; filename="${p.filename}"` : '');
    const type = p.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(p.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
