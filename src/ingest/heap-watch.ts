/**
 * When a long-lived worker collects its garbage: once its heap has grown past its resting size by a margin.
 * The resting size is what survives a full collection, so data loaded on first need (the learned tagger of
 * stored versions, 36 MB) raises it once instead of making every later reply collect again.
 */
export class HeapWatch {
  private resting: number;

  constructor(
    restingBytes: number,
    private readonly growthBytes: number,
  ) {
    this.resting = restingBytes;
  }

  /** After a reply: should the worker collect now? */
  shouldCollect(usedBytes: number): boolean {
    return usedBytes > this.resting + this.growthBytes;
  }

  /** After a full collection: what survived is the new resting size. */
  collected(usedBytes: number): void {
    this.resting = usedBytes;
  }
}
