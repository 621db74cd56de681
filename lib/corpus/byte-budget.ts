/**
 * A budget of bytes in flight, so that the files read at the same time never add up to more
 * than one large file: a pathological 64 MiB JSON file costs about 1 GB of heap to parse, and
 * sixteen of them read together would exhaust it, while sixteen ordinary files go on being read
 * side by side.
 */

/**
 * Bytes held by files being read and parsed, up to a limit. A request that does not fit waits
 * until enough is released, in arrival order; one larger than the whole limit is let through
 * when nothing else is held, so every file is read eventually.
 */
export class ByteBudget {
  private held = 0;
  private readonly waiting: Array<{ bytes: number; start: () => void }> = [];

  /** @param limit - the most bytes held at once (but see the class comment); positive. */
  constructor(readonly limit: number) {}

  /** Bytes currently held. */
  get inFlight(): number {
    return this.held;
  }

  /** Resolves once `bytes` are held; release them with {@link ByteBudget.release}. */
  acquire(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(bytes)) {
      this.held += bytes;
      return Promise.resolve();
    }
    return new Promise((start) => this.waiting.push({ bytes, start }));
  }

  /** Gives back bytes from {@link ByteBudget.acquire}, and starts the waiters that now fit, in order. */
  release(bytes: number): void {
    this.held -= bytes;
    while (this.waiting.length > 0 && this.fits(this.waiting[0].bytes)) {
      const next = this.waiting.shift();
      if (next === undefined) break;
      this.held += next.bytes;
      next.start();
    }
  }

  private fits(bytes: number): boolean {
    return this.held === 0 || this.held + bytes <= this.limit;
  }
}
