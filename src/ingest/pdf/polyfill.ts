/** Node 20 gaps that pdf.js 5 relies on. */

/**
 * pdf.js 5 transfers buffers with ArrayBuffer.prototype.transferToFixedLength (Node 21+); on Node 20
 * a copy does the same job (the source is never read again).
 */
export function polyfillTransfer(): void {
  const AB = ArrayBuffer.prototype as { transferToFixedLength?: (n?: number) => ArrayBuffer };
  AB.transferToFixedLength ??= function (this: ArrayBuffer, n = this.byteLength): ArrayBuffer {
    const out = new ArrayBuffer(n);
    new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
    return out;
  };
}
