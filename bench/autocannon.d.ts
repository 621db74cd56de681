/**
 * The part of autocannon 9's programmatic API the benchmark uses. autocannon ships no types and
 * there is no `@types/autocannon` among the dependencies.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Worker threads firing the requests; connections are divided among them. */
      workers?: number;
      pipelining?: number;
      /** Seconds to wait for a response. */
      timeout?: number;
      /** Each connection loops over these in order. */
      requests?: Request[];
      title?: string;
    }

    /** An hdr-histogram summary; latencies in milliseconds, requests per second. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total?: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
    }

    interface Result {
      title?: string;
      url: string;
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      connections: number;
      '2xx': number;
    }

    interface Instance extends PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
